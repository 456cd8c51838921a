/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.complaintkit.model.archfixture.BadModel;
import dev.complaintkit.testkit.arch.fixture.BadProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md's layering rules on core's production classes (imported from core's build output),
 * and proof that each rule fails on a deliberately wrong fixture.
 */
@DisplayName("core architecture")
class CoreArchitectureTest {
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = ArchitectureRules.importProduction("dev.complaintkit").that(
                com.tngtech.archunit.base.DescribedPredicate.describe("core classes",
                        c -> !c.getPackageName().startsWith("dev.complaintkit.testkit")));
        assertThat(core.contain(dev.complaintkit.ComplaintClient.class)).as("core classes imported").isTrue();
        assertThat(core.contain(dev.complaintkit.testkit.FakeComplaintProvider.class)).isFalse();
    }

    @Test
    @DisplayName("core names no provider, no test kit, no Bouncy Castle, no Jackson XML")
    void namesNoProvider() {
        ArchitectureRules.CORE_NAMES_NO_PROVIDER.check(core);
    }

    @Test
    @DisplayName("model records depend only on the model and the JDK")
    void modelIsPure() {
        ArchitectureRules.MODEL_IS_PURE.check(core);
    }

    @Test
    @DisplayName("no cycles between packages")
    void noCycles() {
        ArchitectureRules.CORE_HAS_NO_CYCLES.check(core);
    }

    @Test
    @DisplayName("sub-packages do not reach up to the entry point")
    void layered() {
        ArchitectureRules.CORE_IS_LAYERED.check(core);
    }

    @Test
    @DisplayName("no public API signature exposes a Jackson or Bouncy Castle type (core and test kit)")
    void noForeignTypesInApi() {
        ArchitectureRules.API_EXPOSES_NO_FOREIGN_TYPES.check(ArchitectureRules.importProduction("dev.complaintkit"));
    }

    @Test
    @DisplayName("the rules bite: deliberately wrong fixture classes break them")
    void rulesBite() {
        JavaClasses bad = new ClassFileImporter().importClasses(BadModel.class, BadProvider.class);
        EvaluationResult model = ArchitectureRules.MODEL_IS_PURE.evaluate(bad);
        assertThat(model.hasViolation()).isTrue();
        assertThat(model.getFailureReport().getDetails()).anySatisfy(d -> assertThat(d).contains("HttpTransport"));
        EvaluationResult api = ArchitectureRules.API_EXPOSES_NO_FOREIGN_TYPES.evaluate(bad);
        assertThat(api.hasViolation()).isTrue();
        assertThat(api.getFailureReport().getDetails()).anySatisfy(d -> assertThat(d).contains("JsonNode"));
        EvaluationResult isolated = ArchitectureRules.providerIsIsolated("dev.complaintkit.testkit.arch.fixture").evaluate(bad);
        assertThat(isolated.hasViolation()).isTrue();
        assertThat(isolated.getFailureReport().getDetails()).anySatisfy(d -> assertThat(d).contains("FakeComplaintProvider"));
        assertThat(ArchitectureRules.CORE_NAMES_NO_PROVIDER.evaluate(
                new ClassFileImporter().importClasses(dev.complaintkit.ComplaintClient.class)).hasViolation()).isFalse();
    }

    @Test
    @DisplayName("the tier rules bite: internal use outside core, a protected type in a user package, a declared capability")
    void tierRulesBite() {
        JavaClasses bad = new ClassFileImporter().importClasses(dev.complaintkit.testkit.arch.fixture.BadTiers.class,
                dev.complaintkit.testkit.arch.fixture.BadTiers.Declaring.class, dev.complaintkit.BadUserApi.class,
                dev.complaintkit.usecase.Lifecycle.class, dev.complaintkit.support.HttpAnswers.class);
        EvaluationResult internal = ArchitectureRules.NO_INTERNAL_USE_OUTSIDE_CORE.evaluate(bad);
        assertThat(internal.hasViolation()).isTrue();
        assertThat(internal.getFailureReport().getDetails()).anySatisfy(d -> assertThat(d).contains("Lifecycle"));
        EvaluationResult userApi = ArchitectureRules.USER_API_EXPOSES_NO_PROTECTED_TYPES.evaluate(bad);
        assertThat(userApi.hasViolation()).isTrue();
        assertThat(userApi.getFailureReport().getDetails()).anySatisfy(d -> assertThat(d).contains("HttpAnswers"));
        EvaluationResult declared = ArchitectureRules.CAPABILITIES_ARE_DERIVED.evaluate(bad);
        assertThat(declared.hasViolation()).isTrue();
        assertThat(declared.getFailureReport().getDetails()).anySatisfy(d -> assertThat(d).contains("Declaring"));
    }

    @Test
    @DisplayName("core and the test kit keep the tiers: no internal use outside core, no protected type in user packages, no declared capability")
    void tiersHold() {
        JavaClasses all = ArchitectureRules.importProduction("dev.complaintkit");
        ArchitectureRules.NO_INTERNAL_USE_OUTSIDE_CORE.check(all);
        ArchitectureRules.USER_API_EXPOSES_NO_PROTECTED_TYPES.check(all);
        ArchitectureRules.CAPABILITIES_ARE_DERIVED.check(all);
    }
}
