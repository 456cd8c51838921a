/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.wechatpay;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.complaintkit.testkit.arch.ArchitectureRules;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The module's boundaries. */
class WechatPayArchitectureTest {
    private static final String PACKAGE = "dev.complaintkit.provider.wechatpay";

    @Test
    @DisplayName("names no other provider nor the test kit, and exposes no Jackson type in its API")
    void providerRules() {
        ArchitectureRules.checkProvider(PACKAGE);
    }

    @Test
    @DisplayName("uses JDK crypto only: no Bouncy Castle; Jackson only inside the internal package")
    void jdkCryptoOnly() {
        noClasses().that().resideInAPackage(PACKAGE + "..")
                .should().dependOnClassesThat().resideInAnyPackage("org.bouncycastle..")
                .check(ArchitectureRules.importProduction(PACKAGE));
        noClasses().that().resideInAPackage(PACKAGE).should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson..")
                .allowEmptyShould(true).check(ArchitectureRules.importProduction(PACKAGE));
    }

    @Test
    @DisplayName("registers exactly its provider, whose capabilities are derived from the ports the adapter implements: all of them")
    void registeredWithEveryCapability() {
        assertThat(dev.complaintkit.Complaints.discover().ids()).contains(WechatPayProvider.ID);
        assertThat(new WechatPayProvider().capabilities()).containsExactlyInAnyOrder(dev.complaintkit.Capability.values());
    }
}
