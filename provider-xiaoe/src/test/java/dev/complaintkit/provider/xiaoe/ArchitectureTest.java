/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.xiaoe;

import dev.complaintkit.testkit.arch.ArchitectureRules;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    @Test
    @DisplayName("names no other provider nor the test kit, and exposes no Jackson type in its API")
    void providerRules() {
        ArchitectureRules.checkProvider("dev.complaintkit.provider.xiaoe");
    }
}
