/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.allinpay;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import dev.complaintkit.testkit.arch.ArchitectureRules;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The module's boundaries. */
class AllinpayArchitectureTest {
    private static final String PACKAGE = "dev.complaintkit.provider.allinpay";

    @Test
    @DisplayName("names no other provider nor the test kit, and exposes no Jackson or Bouncy Castle type in its API")
    void providerRules() {
        ArchitectureRules.checkProvider(PACKAGE);
    }

    @Test
    @DisplayName("Bouncy Castle and Jackson are used only inside the internal package")
    void librariesStayInternal() {
        noClasses().that().resideInAPackage(PACKAGE)
                .should().dependOnClassesThat().resideInAnyPackage("org.bouncycastle..", "com.fasterxml.jackson..")
                .check(ArchitectureRules.importProduction(PACKAGE));
    }
}
