/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.micrometer;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags an HTTP exchange like Spring's and Micrometer's HTTP clients do, so the meter
 * {@code http.client.requests} lines up with the others on a dashboard: low-cardinality
 * {@code method}, {@code uri} (always {@code none}: a path may hold a complaint id), {@code status},
 * {@code outcome}, {@code exception} and {@code client.name} (the host); high-cardinality
 * {@code http.url} (scheme, host and path; never the query). Extend it to change them.
 */
public class HttpExchangeObservationConvention implements ObservationConvention<HttpExchangeObservationContext> {
    /** The observation's name, also the meter's name. */
    public static final String NAME = "http.client.requests";

    /** A shared instance. */
    public static final HttpExchangeObservationConvention INSTANCE = new HttpExchangeObservationConvention();

    /** Creates the convention. */
    public HttpExchangeObservationConvention() {}

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof HttpExchangeObservationContext;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(HttpExchangeObservationContext context) {
        return "http " + context.getRequest().method().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(HttpExchangeObservationContext context) {
        int status = context.getResponse().map(r -> r.status()).orElse(-1);
        Throwable error = context.getError();
        String host = context.getRequest().uri().getHost();
        return KeyValues.of(
                "method", context.getRequest().method(),
                "uri", "none",
                "status", status < 0 ? "CLIENT_ERROR" : Integer.toString(status),
                "outcome", outcome(status),
                "exception", error == null ? "none" : error.getClass().getSimpleName(),
                "client.name", host == null ? "none" : host);
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(HttpExchangeObservationContext context) {
        java.net.URI uri = context.getRequest().uri();
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        return KeyValues.of("http.url", uri.getScheme() + "://" + uri.getHost() + port + (uri.getRawPath() == null ? "" : uri.getRawPath()));
    }

    private static String outcome(int status) {
        if (status < 100) {
            return "UNKNOWN";
        }
        return switch (status / 100) {
            case 1 -> "INFORMATIONAL";
            case 2 -> "SUCCESS";
            case 3 -> "REDIRECTION";
            case 4 -> "CLIENT_ERROR";
            case 5 -> "SERVER_ERROR";
            default -> "UNKNOWN";
        };
    }
}
