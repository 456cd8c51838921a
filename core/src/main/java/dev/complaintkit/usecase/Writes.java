/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.usecase;

import dev.complaintkit.RetryPolicy;
import dev.complaintkit.error.ComplaintException;
import dev.complaintkit.error.OutcomeUnknownException;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.error.RateLimitedException;
import dev.complaintkit.error.SignatureException;
import dev.complaintkit.error.TransportException;
import dev.complaintkit.port.ComplaintReplyPort.WriteSafety;
import dev.complaintkit.port.ComplaintReplyPort.WriteTrace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a retried write means. {@link WriteSafety#KEYED} and {@link WriteSafety#REPEATABLE} writes
 * follow the retry policy (a keyed write always resends the same key). A
 * {@link WriteSafety#RECONCILED} write, which the provider cannot recognise when repeated, is
 * repeated only when the failure proves it did not happen (nothing was sent, or the provider
 * throttled it); when its outcome is unknown (a reset or time-out after sending, an answer whose
 * signature fails, a 5xx) the provider's trace is read first: found means done, absent means send
 * again, and anything else is an {@link OutcomeUnknownException} — never a blind second send.
 */
final class Writes {
    private static final System.Logger LOG = System.getLogger("dev.complaintkit.retry");

    /** One write. */
    interface Write<R> {
        /** @return the provider's acceptance */
        R send();

        /**
         * @param sentAt when it was first sent
         * @return what reading finds of it
         */
        WriteTrace trace(Instant sentAt);

        /** @return the result to report when reading found the write done */
        R reconciled();

        /** @return how a person checks by hand whether it happened */
        String howToCheck();

        /**
         * @param send makes the write
         * @param trace reads its trace, given when it was first sent
         * @param reconciled the result when reading found it done
         * @param howToCheck how a person checks
         * @param <R> the result
         * @return the write
         */
        static <R> Write<R> of(Supplier<R> send, Function<Instant, WriteTrace> trace, Supplier<R> reconciled, String howToCheck) {
            return new Write<>() {
                @Override
                public R send() {
                    return send.get();
                }

                @Override
                public WriteTrace trace(Instant sentAt) {
                    return trace.apply(sentAt);
                }

                @Override
                public R reconciled() {
                    return reconciled.get();
                }

                @Override
                public String howToCheck() {
                    return howToCheck;
                }
            };
        }
    }

    private final String providerId;
    private final RetryPolicy policy;
    private final Clock clock;

    Writes(String providerId, RetryPolicy policy, Clock clock) {
        this.providerId = providerId;
        this.policy = policy;
        this.clock = clock;
    }

    <R> R run(String operation, WriteSafety safety, Write<R> write, Function<ComplaintException, ComplaintException> onFailure) {
        Instant sentAt = clock.instant();
        for (int attempt = 1; ; attempt++) {
            ComplaintException failure;
            try {
                return write.send();
            } catch (ComplaintException e) {
                failure = e;
            } catch (RuntimeException e) {
                failure = new ComplaintException("[" + providerId + "] " + operation + " failed unexpectedly: "
                        + e.getClass().getName(), e, false);
            }
            boolean attemptsLeft = attempt < policy.maxAttempts();
            if (safety == WriteSafety.RECONCILED && outcomeUnknown(failure)) {
                WriteTrace trace = readTrace(operation, write, sentAt);
                if (trace == WriteTrace.FOUND) {
                    LOG.log(System.Logger.Level.INFO, () -> "[" + providerId + "] " + operation
                            + ": the answer was lost; reading shows it was done, not sending it again");
                    return write.reconciled();
                }
                if (trace == WriteTrace.UNKNOWN) {
                    throw onFailure.apply(new OutcomeUnknownException(providerId, operation, write.howToCheck(), failure));
                }
                if (!attemptsLeft) { // ABSENT: not done, but no attempts left
                    throw onFailure.apply(failure);
                }
            } else if (!attemptsLeft || !policy.retryOn().test(failure)) {
                throw onFailure.apply(failure);
            }
            Duration wait = policy.backoff(attempt, failure);
            int failed = attempt;
            ComplaintException logged = failure;
            LOG.log(System.Logger.Level.DEBUG, () -> "[" + providerId + "] " + operation + " attempt " + failed
                    + " failed (" + logged.getClass().getSimpleName() + "); sending again in " + wait.toMillis() + " ms");
            Retrier.sleep(wait);
        }
    }

    private <R> WriteTrace readTrace(String operation, Write<R> write, Instant sentAt) {
        try {
            Supplier<WriteTrace> read = () -> write.trace(sentAt);
            return new Retrier(providerId, policy).call(operation + " (reading its trace)", read);
        } catch (ComplaintException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "[" + providerId + "] " + operation + ": reading the trace failed ("
                    + e.getClass().getSimpleName() + ")");
            return WriteTrace.UNKNOWN;
        }
    }

    /** @return whether the failure leaves open that the write happened */
    static boolean outcomeUnknown(ComplaintException failure) {
        if (failure instanceof TransportException t) {
            return t.mayHaveBeenSent();
        }
        if (failure instanceof SignatureException) {
            return true; // an answer came, so the provider handled the request; it cannot be trusted
        }
        if (failure instanceof RateLimitedException) {
            return false; // throttled before it was handled
        }
        if (failure instanceof ProviderException p) {
            return p.isRetryable(); // a 5xx may come after the write was done
        }
        return !(failure instanceof dev.complaintkit.error.ValidationException
                || failure instanceof dev.complaintkit.error.ConfigurationException
                || failure instanceof dev.complaintkit.error.UnsupportedCapabilityException);
    }
}
