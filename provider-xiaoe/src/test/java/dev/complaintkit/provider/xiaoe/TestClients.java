/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.xiaoe;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.RetryPolicy;
import dev.complaintkit.testkit.xiaoe.XiaoeSimulator;
import java.time.Duration;

/** Clients pointed at a simulator, for the end-to-end tests. */
final class TestClients {
    private TestClients() {}

    /** @return the simulator's default credentials and endpoint */
    static XiaoeConfig.Builder config(XiaoeSimulator sim) {
        return XiaoeConfig.builder().endpoint(sim.baseUri()).appId(XiaoeSimulator.APP_ID)
                .clientId(XiaoeSimulator.CLIENT_ID).secretKey(XiaoeSimulator.SECRET_KEY);
    }

    /** @return a client with the default settings and no retries */
    static ComplaintClient noRetries(XiaoeSimulator sim) {
        return Complaints.builder().config(config(sim).build()).retryPolicy(RetryPolicy.none()).build();
    }

    /** @return a client with the default settings and the default retry policy */
    static ComplaintClient client(XiaoeSimulator sim) {
        return Complaints.client(config(sim).build());
    }


    /** Closes without throwing, for finally blocks. */
    static void closeAll(AutoCloseable... things) {
        for (AutoCloseable c : things) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // best effort
            }
        }
    }

    static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }
}
