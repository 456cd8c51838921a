/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.spring.boot.autoconfigure;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.complaintkit.testkit.arch.ArchitectureRules;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("architecture of the Spring and Micrometer modules")
class SpringArchitectureTest {
    private static final JavaClasses CLASSES = ArchitectureRules.importProduction("dev.complaintkit");

    @Test
    @DisplayName("use no internal type of core, and expose no Jackson or Bouncy Castle type")
    void coreRules() {
        ArchitectureRules.NO_INTERNAL_USE_OUTSIDE_CORE.check(CLASSES);
        ArchitectureRules.API_EXPOSES_NO_FOREIGN_TYPES.check(CLASSES);
    }

    @Test
    @DisplayName("Spring and Micrometer stay out of core and the providers; the Micrometer module stays out of Spring; nothing names a provider")
    void dependencies() {
        noClasses().that().resideOutsideOfPackages("dev.complaintkit.spring..", "dev.complaintkit.micrometer..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.micrometer..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("dev.complaintkit.micrometer..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
                .check(CLASSES);
        noClasses().that().resideInAnyPackage("dev.complaintkit.spring..", "dev.complaintkit.micrometer..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.complaintkit.provider..", "dev.complaintkit.testkit..")
                .check(CLASSES);
    }
}
