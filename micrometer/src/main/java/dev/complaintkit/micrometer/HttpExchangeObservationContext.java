/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.micrometer;

import dev.complaintkit.port.HttpTransport;
import io.micrometer.observation.Observation;
import java.util.Objects;
import java.util.Optional;

/** What one observed HTTP exchange carries: the request, and once it answered, the response. */
public class HttpExchangeObservationContext extends Observation.Context {
    private final HttpTransport.Request request;
    private HttpTransport.Response response;

    /** @param request the request being sent */
    public HttpExchangeObservationContext(HttpTransport.Request request) {
        this.request = Objects.requireNonNull(request, "request");
    }

    /** @return the request (its headers and body may carry signatures: never tag them) */
    public HttpTransport.Request getRequest() {
        return request;
    }

    /** @return the response; empty while waiting or when none arrived */
    public Optional<HttpTransport.Response> getResponse() {
        return Optional.ofNullable(response);
    }

    /** @param response the response */
    public void setResponse(HttpTransport.Response response) {
        this.response = response;
    }
}
