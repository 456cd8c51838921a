/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.micrometer;

import dev.complaintkit.ClientObserver;
import io.micrometer.observation.Observation;
import java.util.Objects;
import java.util.Optional;

/** What one observed client call carries: the call, and once it ended, its result. */
public class ComplaintClientObservationContext extends Observation.Context {
    private final ClientObserver.Call call;
    private ClientObserver.Result result;

    /** @param call the client call observed */
    public ComplaintClientObservationContext(ClientObserver.Call call) {
        this.call = Objects.requireNonNull(call, "call");
    }

    /** @return the client call: provider id, client name, operation */
    public ClientObserver.Call getCall() {
        return call;
    }

    /** @return how the call ended; empty while it runs */
    public Optional<ClientObserver.Result> getResult() {
        return Optional.ofNullable(result);
    }

    /** @param result how the call ended */
    public void setResult(ClientObserver.Result result) {
        this.result = Objects.requireNonNull(result, "result");
    }
}
