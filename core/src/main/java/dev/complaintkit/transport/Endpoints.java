/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.transport;

import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The endpoint rule every transport and configuration applies: HTTPS, or plain HTTP to a literal
 * loopback address or {@code localhost} itself; no user-info; a port, when given, in 1–65535.
 */
public final class Endpoints {
    /** A dotted-quad IPv4 literal (checked per exchange: compiled once). */
    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private Endpoints() {}

    /**
     * @param uri an endpoint
     * @return why it may not be used, or {@code null} when it may: HTTPS anywhere, plain HTTP only to
     *     loopback; never with user-info (it would travel in clear in every error message and log)
     */
    public static String problem(URI uri) {
        if (!uri.isAbsolute()) {
            return "must be an absolute http(s) URL with a host (was '" + safeText(uri) + "')";
        }
        if (uri.getRawUserInfo() != null || (uri.getHost() == null && hasUserInfoInAuthority(uri))) {
            return "must not carry user-info (user:password@) — put credentials in their own settings";
        }
        if (uri.getHost() == null) {
            return "must be an absolute http(s) URL with a host (was '" + safeText(uri) + "')";
        }
        int port = uri.getPort();
        if (port != -1 && (port < 1 || port > 65535)) {
            return "must have a port between 1 and 65535 (was " + port + ")";
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return null;
        }
        if (scheme.equals("http")) {
            return isLoopback(uri.getHost()) ? null
                    : "must use HTTPS; plain HTTP is allowed only to literal loopback addresses and localhost (was host '"
                            + uri.getHost() + "')";
        }
        return "must be an http(s) URL (was scheme '" + uri.getScheme() + "')";
    }

    private static boolean hasUserInfoInAuthority(URI uri) {
        String authority = uri.getRawAuthority();
        return authority != null && authority.indexOf('@') >= 0;
    }

    /** The URI without user-info, for messages (a password must never be echoed). */
    private static String safeText(URI uri) {
        String authority = uri.getRawAuthority();
        if (authority != null && authority.indexOf('@') >= 0) {
            return uri.getScheme() + "://…@" + authority.substring(authority.lastIndexOf('@') + 1);
        }
        return uri.toString();
    }

    /**
     * @param host a host name or literal address
     * @return whether it is a loopback host, decided without DNS: a literal loopback address
     *     ({@code 127.0.0.0/8}, {@code ::1}) or exactly {@code localhost} (a name such as
     *     {@code evil.localhost} may resolve anywhere, so it is not loopback here)
     */
    public static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.equals("localhost.")) {
            return true;
        }
        if (IPV4_LITERAL.matcher(h).matches() || h.contains(":")) {
            try {
                return InetAddress.getByName(h).isLoopbackAddress(); // literal: no lookup
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

}
