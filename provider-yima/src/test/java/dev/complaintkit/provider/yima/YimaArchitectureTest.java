/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.yima;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaModifier;
import dev.complaintkit.testkit.arch.ArchitectureRules;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The module's boundaries. */
class YimaArchitectureTest {
    private static final String PACKAGE = "dev.complaintkit.provider.yima";

    @Test
    @DisplayName("names no other provider nor the test kit, and exposes no Jackson type in its API")
    void providerRules() {
        ArchitectureRules.checkProvider(PACKAGE);
    }

    @Test
    @DisplayName("the API package holds only the provider and its config; the rest is internal")
    void internalsAreInternal() {
        classes().that().resideInAPackage(PACKAGE)
                .and().haveModifier(JavaModifier.PUBLIC).and().areTopLevelClasses()
                .should().haveSimpleNameStartingWith("Yima")
                .check(ArchitectureRules.importProduction(PACKAGE));
    }
}
