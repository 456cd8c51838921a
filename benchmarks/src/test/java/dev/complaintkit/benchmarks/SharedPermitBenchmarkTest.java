/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.complaintkit.model.NotificationResult;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The shared-permit benchmark's set-up works (a real redis-server) and each pair computes the same thing, once. No timing. */
@DisplayName("Shared permit benchmark")
class SharedPermitBenchmarkTest {

    @Test
    @DisplayName("a permit from Redis and from the JVM are both granted; a repeated notification is a Duplicate through both")
    void pairsAgree() throws Exception {
        SharedPermitBenchmark b = new SharedPermitBenchmark();
        b.setUp();
        try {
            assertThat(b.librarySharedPermit()).isEqualTo(Duration.ZERO).isEqualTo(b.baselineSharedPermit());
            assertThat(b.libraryNotificationReceive()).isInstanceOf(NotificationResult.Duplicate.class);
            assertThat(b.baselineNotificationReceive()).isInstanceOf(NotificationResult.Duplicate.class);
        } finally {
            b.tearDown();
        }
    }
}
