/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.redis;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import dev.complaintkit.testkit.arch.ArchitectureRules;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The module's boundaries. */
class RedisArchitectureTest {
    private static final String PACKAGE = "dev.complaintkit.redis";

    @Test
    @DisplayName("exposes no Lettuce, Netty or Reactor type in a public signature, and names no provider nor core internals")
    void boundaries() {
        classes().that().resideInAPackage(PACKAGE).and().arePublic()
                .should(ArchitectureRules.exposeNoTypesFrom("io.lettuce", "io.netty", "reactor."))
                .check(ArchitectureRules.importProduction(PACKAGE));
        noClasses().that().resideInAPackage(PACKAGE)
                .should().dependOnClassesThat().resideInAnyPackage("dev.complaintkit.provider..", "dev.complaintkit.internal..",
                        "dev.complaintkit.testkit..")
                .check(ArchitectureRules.importProduction(PACKAGE));
    }
}
