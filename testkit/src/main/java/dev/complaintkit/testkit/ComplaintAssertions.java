/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit;

import dev.complaintkit.model.Channel;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintState;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.OperationType;
import dev.complaintkit.model.ReplyRequest;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;

/**
 * AssertJ entry point for tests of complaint handling. Extends {@link Assertions}, so one static
 * import serves both:
 *
 * <pre>{@code
 * import static dev.complaintkit.testkit.ComplaintAssertions.assertThat;
 *
 * assertThat(complaint).hasState(ComplaintState.PENDING).isOverdue();
 * assertThat(fake).receivedReply("200201820200101080076610000", "已为您退款");
 * }</pre>
 */
public class ComplaintAssertions extends Assertions {
    /** For subclassing only. */
    protected ComplaintAssertions() {}

    /**
     * @param actual a complaint
     * @return its assertions
     */
    public static ComplaintAssert assertThat(Complaint actual) {
        return new ComplaintAssert(actual);
    }

    /**
     * @param actual a history row
     * @return its assertions
     */
    public static NegotiationEntryAssert assertThat(NegotiationEntry actual) {
        return new NegotiationEntryAssert(actual);
    }

    /**
     * @param actual a fake provider or simulator
     * @return assertions on the replies it received
     */
    public static RepliesAssert assertThat(ReceivesReplies actual) {
        return new RepliesAssert(actual);
    }

    /** Assertions on a {@link Complaint}. */
    public static final class ComplaintAssert extends AbstractAssert<ComplaintAssert, Complaint> {
        ComplaintAssert(Complaint actual) {
            super(actual, ComplaintAssert.class);
        }

        /**
         * @param id the expected id
         * @return this
         */
        public ComplaintAssert hasId(String id) {
            isNotNull();
            if (!actual.id().value().equals(id)) {
                failWithMessage("Expected complaint id <%s> but was <%s>", id, actual.id().value());
            }
            return this;
        }

        /**
         * @param state the expected state
         * @return this
         */
        public ComplaintAssert hasState(ComplaintState state) {
            isNotNull();
            if (actual.state() != state) {
                failWithMessage("Expected complaint %s to be %s but was %s", actual.id(), state, actual.state());
            }
            return this;
        }

        /**
         * @param channel the expected channel
         * @return this
         */
        public ComplaintAssert hasChannel(Channel channel) {
            isNotNull();
            if (actual.channel() != channel) {
                failWithMessage("Expected complaint %s from channel %s but was %s", actual.id(), channel, actual.channel());
            }
            return this;
        }

        /** @return this, when the complaint is overdue */
        public ComplaintAssert isOverdue() {
            isNotNull();
            if (!actual.overdue()) {
                failWithMessage("Expected complaint %s to be overdue but it was not", actual.id());
            }
            return this;
        }

        /** @return this, when the complaint is not overdue */
        public ComplaintAssert isNotOverdue() {
            isNotNull();
            if (actual.overdue()) {
                failWithMessage("Expected complaint %s not to be overdue but it was", actual.id());
            }
            return this;
        }

        /** @return this, when the complaint has a closing time */
        public ComplaintAssert isClosed() {
            isNotNull();
            if (actual.closedAt().isEmpty()) {
                failWithMessage("Expected complaint %s to be closed but it has no closing time", actual.id());
            }
            return this;
        }

        /** @return this, when the complaint has no closing time */
        public ComplaintAssert isOpen() {
            isNotNull();
            if (actual.closedAt().isPresent()) {
                failWithMessage("Expected complaint %s to be open but it was closed at %s", actual.id(), actual.closedAt().get());
            }
            return this;
        }

        /**
         * @param providerId the expected provider
         * @return this
         */
        public ComplaintAssert isFrom(String providerId) {
            isNotNull();
            if (!actual.providerId().equals(providerId)) {
                failWithMessage("Expected complaint %s from provider %s but was from %s", actual.id(), providerId, actual.providerId());
            }
            return this;
        }

        /**
         * @param key an extra field
         * @param value its expected raw value
         * @return this
         */
        public ComplaintAssert hasExtra(String key, String value) {
            isNotNull();
            if (!Objects.equals(actual.extra().get(key), value)) {
                failWithMessage("Expected complaint %s to have extra %s=<%s> but had <%s>", actual.id(), key, value, actual.extra().get(key));
            }
            return this;
        }
    }

    /** Assertions on a {@link NegotiationEntry}. */
    public static final class NegotiationEntryAssert extends AbstractAssert<NegotiationEntryAssert, NegotiationEntry> {
        NegotiationEntryAssert(NegotiationEntry actual) {
            super(actual, NegotiationEntryAssert.class);
        }

        /**
         * @param type the expected type
         * @return this
         */
        public NegotiationEntryAssert hasType(OperationType type) {
            isNotNull();
            if (actual.type() != type) {
                failWithMessage("Expected history row %s of type %s but was %s (raw '%s')", actual.logId(), type, actual.type(), actual.rawType());
            }
            return this;
        }

        /**
         * @param raw the expected raw operate_type
         * @return this
         */
        public NegotiationEntryAssert hasRawType(String raw) {
            isNotNull();
            if (!actual.rawType().equals(raw)) {
                failWithMessage("Expected history row %s with raw type '%s' but was '%s'", actual.logId(), raw, actual.rawType());
            }
            return this;
        }

        /**
         * @param count the expected number of media URLs and images together
         * @return this
         */
        public NegotiationEntryAssert hasMediaCount(int count) {
            isNotNull();
            int n = actual.media().stream().mapToInt(m -> m.urls().size()).sum() + actual.images().size();
            if (n != count) {
                failWithMessage("Expected history row %s with %s media but had %s", actual.logId(), count, n);
            }
            return this;
        }
    }

    /** Assertions on what a fake or simulator received. */
    public static final class RepliesAssert extends AbstractAssert<RepliesAssert, ReceivesReplies> {
        RepliesAssert(ReceivesReplies actual) {
            super(actual, RepliesAssert.class);
        }

        /**
         * @param complaintId the complaint
         * @return this, when exactly one reply to it was received
         */
        public RepliesAssert receivedReply(String complaintId) {
            isNotNull();
            long n = to(complaintId).size();
            if (n != 1) {
                failWithMessage("Expected exactly one reply to complaint %s but received %s; all replies: %s",
                        complaintId, n, actual.receivedReplies());
            }
            return this;
        }

        /**
         * @param complaintId the complaint
         * @param text the reply text
         * @return this, when that exact reply was received once
         */
        public RepliesAssert receivedReply(String complaintId, String text) {
            receivedReply(complaintId);
            String got = to(complaintId).get(0).text();
            if (!got.equals(text)) {
                failWithMessage("Expected the reply to complaint %s to read <%s> but it read <%s>", complaintId, text, got);
            }
            return this;
        }

        /**
         * @param count how many distinct replies
         * @return this
         */
        public RepliesAssert receivedReplies(int count) {
            isNotNull();
            if (actual.receivedReplies().size() != count) {
                failWithMessage("Expected %s replies but received %s: %s", count, actual.receivedReplies().size(), actual.receivedReplies());
            }
            return this;
        }

        /** @return this, when nothing was received */
        public RepliesAssert receivedNoReply() {
            return receivedReplies(0);
        }

        private List<ReplyRequest> to(String complaintId) {
            return actual.receivedReplies().stream()
                    .filter(r -> r.complaintId() != null && r.complaintId().value().equals(complaintId)).toList();
        }
    }
}
