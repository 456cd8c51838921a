/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Watches the calls a {@link ComplaintClient} makes: metrics, tracing, health. The client calls
 * {@link #start} when an operation begins and ends the returned {@link Scope} exactly once, on the
 * same thread, when it returns or fails. Each page fetch of a lazy stream ({@code complaints},
 * {@code history}) is one call; a stream refused before any fetch (bad input, missing capability)
 * is one failed call. Register observers with {@link Complaints.Builder#observer}.
 *
 * <p>What an observer sees is low in cardinality by design: provider id, client name, operation,
 * outcome and error type — never a complaint id, a body or a secret. An observer that throws is
 * logged and ignored: observing never changes a call's result. Implementations must be
 * thread-safe and quick (they run on the caller's thread).
 */
@FunctionalInterface
public interface ClientObserver {

    /**
     * An operation begins.
     *
     * @param call what is being called
     * @return the scope the client ends when the operation returns or fails
     */
    Scope start(Call call);

    /** @return an observer that does nothing */
    static ClientObserver none() {
        return call -> Scope.NONE;
    }

    /**
     * @param observers observers to call in this order (each start, then each end in reverse order)
     * @return one observer that calls them all
     */
    static ClientObserver all(List<ClientObserver> observers) {
        List<ClientObserver> copy = List.copyOf(observers);
        if (copy.isEmpty()) {
            return none();
        }
        if (copy.size() == 1) {
            return copy.get(0);
        }
        return call -> {
            Scope[] scopes = new Scope[copy.size()];
            for (int i = 0; i < scopes.length; i++) {
                scopes[i] = ComplaintClient.safeStart(copy.get(i), call);
            }
            return result -> {
                for (int i = scopes.length - 1; i >= 0; i--) {
                    ComplaintClient.safeEnd(scopes[i], result);
                }
            };
        };
    }

    /** An observed call in progress. */
    @FunctionalInterface
    interface Scope {
        /** A scope that does nothing. */
        Scope NONE = result -> { };

        /**
         * The operation returned or failed; called exactly once.
         *
         * @param result how it ended
         */
        void end(Result result);
    }

    /**
     * One client operation.
     *
     * @param providerId the provider's id, e.g. {@code wechatpay}
     * @param clientName the client's name ({@link Complaints.Builder#name}; the provider id unless named)
     * @param operation the operation
     */
    record Call(String providerId, String clientName, Capability operation) {
        public Call {
            Objects.requireNonNull(providerId, "providerId");
            Objects.requireNonNull(clientName, "clientName");
            Objects.requireNonNull(operation, "operation");
        }

        /** @return the operation as a tag value: the capability's name in lower case, e.g. {@code list_complaints} */
        public String operationName() {
            return operation.name().toLowerCase(Locale.ROOT);
        }
    }

    /** How an operation ended. */
    enum Outcome {
        /** It returned normally (for a notification: a new verified event). */
        SUCCESS,
        /** A verified notification whose event was processed before. */
        DUPLICATE,
        /** A notification delivery that failed verification; the error type is the reason. */
        REFUSED,
        /** It threw; the error type is the exception's simple class name. */
        FAILURE;

        /** @return the outcome as a tag value, e.g. {@code success} */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * How one operation ended.
     *
     * @param outcome success, duplicate, refused or failure
     * @param errorType {@link #NO_ERROR} on success and duplicate; the refusal reason in lower case
     *     (e.g. {@code signature}); or the exception's simple class name (e.g. {@code RateLimitedException})
     * @param error the exception, on failure
     */
    record Result(Outcome outcome, String errorType, Optional<Throwable> error) {
        /** The error type of a call that did not fail. */
        public static final String NO_ERROR = "none";

        public Result {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(errorType, "errorType");
            error = error == null ? Optional.empty() : error;
        }

        /** @return a successful result */
        public static Result success() {
            return new Result(Outcome.SUCCESS, NO_ERROR, Optional.empty());
        }

        /** @param error what was thrown @return a failed result naming its class */
        public static Result failure(Throwable error) {
            String type = error.getClass().getSimpleName();
            return new Result(Outcome.FAILURE, type.isEmpty() ? error.getClass().getName() : type, Optional.of(error));
        }
    }
}
