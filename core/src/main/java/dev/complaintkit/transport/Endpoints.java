package dev.complaintkit.transport;

import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/** The endpoint rule every transport and configuration applies: HTTPS, or plain HTTP to loopback only. */
public final class Endpoints {
    /** A dotted-quad IPv4 literal (checked per exchange: compiled once). */
    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private Endpoints() {}

    /**
     * @param uri an endpoint
     * @return why it may not be used, or {@code null} when it may: HTTPS anywhere, plain HTTP only to loopback
     */
    public static String problem(URI uri) {
        if (!uri.isAbsolute() || uri.getHost() == null) {
            return "must be an absolute http(s) URL with a host (was '" + uri + "')";
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return null;
        }
        if (scheme.equals("http")) {
            return isLoopback(uri.getHost()) ? null
                    : "must use HTTPS; plain HTTP is allowed only to loopback hosts (was host '" + uri.getHost() + "')";
        }
        return "must be an http(s) URL (was scheme '" + uri.getScheme() + "')";
    }

    /** @param host a host name or literal address @return whether it is a loopback host, decided without DNS */
    public static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.endsWith(".localhost")) {
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
