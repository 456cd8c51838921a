/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit;

import dev.complaintkit.model.ReplyRequest;
import java.util.List;

/**
 * Something that takes replies in tests — the {@link FakeComplaintProvider} or a simulator — so
 * {@link ComplaintAssertions#assertThat(ReceivesReplies)} can check what reached it.
 */
public interface ReceivesReplies {
    /** @return the distinct replies received (a retry with the same idempotency key counts once), in order */
    List<ReplyRequest> receivedReplies();
}
