/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.http;

/**
 * The behaviour of a {@link SimulatorServer}: turns one recorded request into its answer. The server
 * accepts the connection, records the request, applies any {@link SocketEffect} and calls the
 * dispatcher; the dispatcher holds the provider's server side (a simulator implements it) or a
 * test's own behaviour ({@link SimulatorServer#create(String, Dispatcher)}).
 *
 * <p>A fault injected for the request arrives with it, as {@link RecordedRequest#fault()}: a
 * dispatcher that supports provider faults answers accordingly. The answer may carry an effect of
 * its own ({@link ScriptedResponse#withEffect(SocketEffect)}), applied by the server when it sends it.
 *
 * <p>Called on a server thread, possibly for several requests at once: implementations must be
 * thread-safe.
 */
@FunctionalInterface
public interface Dispatcher {

    /**
     * @param request the request as received, with the fault injected for it if any
     * @return the answer
     */
    ScriptedResponse dispatch(RecordedRequest request);
}
