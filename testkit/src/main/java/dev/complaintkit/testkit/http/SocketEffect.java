/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.http;

import java.time.Duration;
import java.util.Objects;

/**
 * A transport fault the {@link SimulatorServer} applies to one exchange: the connection is reset,
 * held, answered late or cut short. Effects are queued with {@link SimulatorServer#enqueue(SocketEffect)},
 * derived from a transport {@link Fault} ({@link SimulatorServer#effectFor(Fault)}), or carried by an
 * answer ({@link ScriptedResponse#withEffect(SocketEffect)}).
 *
 * <p>Whether the request reaches the {@link Dispatcher} depends on the effect:
 * {@link ResetBeforeResponse} and {@link Stall} end the exchange before it does (no side effect);
 * {@link ResetAfterHandling}, {@link Delay} and {@link TruncateBody} let it answer first (its side
 * effects happen) and then act on the answer.
 */
public sealed interface SocketEffect permits SocketEffect.ResetBeforeResponse, SocketEffect.ResetAfterHandling,
        SocketEffect.Stall, SocketEffect.Delay, SocketEffect.TruncateBody {

    /** The connection is closed without any response; the request is not dispatched. */
    record ResetBeforeResponse() implements SocketEffect {}

    /** The request is dispatched (its side effects happen), then the connection is closed without the answer. */
    record ResetAfterHandling() implements SocketEffect {}

    /**
     * The connection is held for {@code duration} (at most 2 minutes) and then closed unanswered; the
     * request is not dispatched.
     *
     * @param duration how long the connection is held
     */
    record Stall(Duration duration) implements SocketEffect {
        public Stall {
            requireNonNegative(duration, "duration");
        }
    }

    /**
     * The request is dispatched at once and its answer is sent {@code duration} later (at most 2
     * minutes): a client with a shorter time-out gives up on a request that took effect.
     *
     * @param duration how long the answer is held back
     */
    record Delay(Duration duration) implements SocketEffect {
        public Delay {
            requireNonNegative(duration, "duration");
        }
    }

    /**
     * The request is dispatched; its answer's headers announce the whole body, then only the first
     * {@code keepPercent} percent of the body bytes are sent (rounded down, so at least one byte is
     * missing, also from an empty body) and the connection is closed.
     *
     * @param keepPercent 0 to 99
     */
    record TruncateBody(int keepPercent) implements SocketEffect {
        public TruncateBody {
            if (keepPercent < 0 || keepPercent > 99) {
                throw new IllegalArgumentException("keepPercent must be 0..99, got " + keepPercent);
            }
        }

        /**
         * @param length the whole body's length
         * @return how many of its bytes are sent
         */
        public int keptBytes(int length) {
            return (int) ((long) length * keepPercent / 100);
        }
    }

    private static void requireNonNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + d);
        }
    }
}
