/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The layering rules of complaintkit as ArchUnit rules, for the project's own build and for
 * provider authors ({@code ArchitectureRules.checkProvider("com.example.complaints.provider.foo")}).
 * Needs {@code com.tngtech.archunit:archunit} on the test class path (an optional dependency of the
 * test kit).
 */
public final class ArchitectureRules {
    private static final String[] FOREIGN_API_PACKAGES = {"com.fasterxml.jackson", "org.bouncycastle"};

    private ArchitectureRules() {}

    /** Core never names a provider; Bouncy Castle and Jackson XML stay in the modules that need them. */
    public static final ArchRule CORE_NAMES_NO_PROVIDER = noClasses()
            .that().resideInAPackage("dev.complaintkit..")
            .and().resideOutsideOfPackages("dev.complaintkit.provider..", "dev.complaintkit.testkit..", "dev.complaintkit.cli..",
                    "dev.complaintkit.benchmarks..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.complaintkit.provider..", "dev.complaintkit.testkit..",
                    "org.bouncycastle..", "com.fasterxml.jackson.dataformat.xml..")
            .because("core never names a provider, and Bouncy Castle / Jackson XML stay in the modules that need them");

    /** The model records depend on nothing outside the model and the JDK. */
    public static final ArchRule MODEL_IS_PURE = classes().that().resideInAPackage("dev.complaintkit.model..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.complaintkit.model..", "java..")
            .because("the model records depend on nothing outside the model and the JDK");

    /** No cycles between core's packages. */
    public static final ArchRule CORE_HAS_NO_CYCLES = slices().matching("dev.complaintkit.(*)..").should().beFreeOfCycles();

    /** Core's sub-packages do not reach up to the entry point package. */
    public static final ArchRule CORE_IS_LAYERED = noClasses()
            .that().resideInAnyPackage("dev.complaintkit.model..", "dev.complaintkit.port..", "dev.complaintkit.spi..",
                    "dev.complaintkit.usecase..", "dev.complaintkit.error..", "dev.complaintkit.transport..",
                    "dev.complaintkit.internal..")
            .should().dependOnClassesThat().haveFullyQualifiedName("dev.complaintkit.Complaints")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.complaintkit.ComplaintClient")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.complaintkit.ProviderRegistry")
            .because("the entry point sits on top of the other packages (they may use its value types: Capability, "
                    + "RetryPolicy, Secret, ProcessedNotifications)");

    /** No public, non-internal type exposes a Jackson or Bouncy Castle type in a public signature. */
    public static final ArchRule API_EXPOSES_NO_FOREIGN_TYPES = classes()
            .that().arePublic().and().resideOutsideOfPackage("..internal..")
            .should(exposeNoTypesFrom(FOREIGN_API_PACKAGES))
            .allowEmptyShould(true);

    /**
     * Nothing outside core uses a type marked {@link dev.complaintkit.annotation.InternalApi} (on the
     * type or its package, e.g. the use cases): they may change in any release.
     */
    public static final ArchRule NO_INTERNAL_USE_OUTSIDE_CORE = noClasses()
            .that().resideOutsideOfPackages("dev.complaintkit", "dev.complaintkit.model..", "dev.complaintkit.port..",
                    "dev.complaintkit.spi..", "dev.complaintkit.usecase..", "dev.complaintkit.error..",
                    "dev.complaintkit.transport..", "dev.complaintkit.internal..", "dev.complaintkit.support..",
                    "dev.complaintkit.annotation..")
            .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                    "are core's internal API",
                    (JavaClass c) -> c.isAnnotatedWith("dev.complaintkit.annotation.InternalApi")
                            || c.getPackage().isAnnotatedWith("dev.complaintkit.annotation.InternalApi")))
            .because("internal types belong to their own module and change without notice");

    /**
     * The user-facing packages (the entry point, the model, the errors) expose no protected-tier
     * type ({@link dev.complaintkit.annotation.ProtectedApi}) in a public signature.
     */
    public static final ArchRule USER_API_EXPOSES_NO_PROTECTED_TYPES = classes()
            .that().arePublic().and().resideInAnyPackage("dev.complaintkit", "dev.complaintkit.model..", "dev.complaintkit.error..")
            .should(exposeNoTypesMatching("a protected-tier type",
                    t -> t.isAnnotatedWith("dev.complaintkit.annotation.ProtectedApi")
                            || t.getPackageName().startsWith("dev.complaintkit.support")))
            .allowEmptyShould(true);

    /**
     * No provider overrides {@code capabilities()}: capabilities are derived from the ports the
     * adapter class implements, so one cannot be declared without its port.
     */
    public static final ArchRule CAPABILITIES_ARE_DERIVED = noClasses()
            .that().implement(dev.complaintkit.spi.ComplaintProvider.class)
            .should(declareMethod("capabilities"))
            .because("a provider's capabilities are the ports its adapter implements; declaring them could drift")
            .allowEmptyShould(true);

    /**
     * @param name a method name
     * @return a condition met by classes that declare a method of that name
     */
    public static ArchCondition<JavaClass> declareMethod(String name) {
        return new ArchCondition<>("declare a method " + name + "()") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                c.getMethods().stream().filter(m -> m.getName().equals(name) && m.getRawParameterTypes().isEmpty())
                        .forEach(m -> events.add(SimpleConditionEvent.satisfied(m, c.getName() + " declares " + name + "()")));
            }
        };
    }

    /**
     * @param description what the forbidden types are
     * @param forbidden which types must not appear
     * @return a condition: no public method, constructor or field of the class mentions such a type
     */
    public static ArchCondition<JavaClass> exposeNoTypesMatching(String description, java.util.function.Predicate<JavaClass> forbidden) {
        return new ArchCondition<>("expose no " + description + " in a public signature") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                c.getCodeUnits().stream().filter(u -> u.getModifiers().contains(JavaModifier.PUBLIC)).forEach(u -> {
                    List<JavaClass> types = new ArrayList<>(u.getRawParameterTypes());
                    types.add(u.getRawReturnType());
                    types.stream().filter(forbidden).forEach(t ->
                            events.add(SimpleConditionEvent.violated(u, u.getFullName() + " exposes " + t.getName())));
                });
            }
        };
    }

    /**
     * @param providerPackage the provider's base package, e.g. {@code dev.complaintkit.provider.allinpay}
     * @return the rule: the provider depends on no other provider and not on the test kit
     */
    public static ArchRule providerIsIsolated(String providerPackage) {
        return noClasses().that().resideInAPackage(providerPackage + "..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "belong to another provider or to the test kit",
                        (JavaClass c) -> (c.getPackageName().startsWith("dev.complaintkit.provider.")
                                && !c.getPackageName().equals(providerPackage)
                                && !c.getPackageName().startsWith(providerPackage + "."))
                                || c.getPackageName().startsWith("dev.complaintkit.testkit")))
                .because("providers never name each other, and test code stays out of production code");
    }

    /**
     * Checks every provider rule on the provider's production classes.
     *
     * @param providerPackage the provider's base package
     */
    public static void checkProvider(String providerPackage) {
        JavaClasses classes = importProduction(providerPackage);
        if (classes.isEmpty()) {
            throw new AssertionError("No production classes found in " + providerPackage);
        }
        providerIsIsolated(providerPackage).check(classes);
        API_EXPOSES_NO_FOREIGN_TYPES.check(classes);
        NO_INTERNAL_USE_OUTSIDE_CORE.check(classes);
        CAPABILITIES_ARE_DERIVED.check(classes);
    }

    /**
     * @param packages packages to import
     * @return their production classes (test classes left out)
     */
    public static JavaClasses importProduction(String... packages) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(packages);
    }

    /**
     * @param packagePrefixes packages whose types must not appear
     * @return a condition: no public method, constructor or field of the class mentions such a type
     */
    public static ArchCondition<JavaClass> exposeNoTypesFrom(String... packagePrefixes) {
        return new ArchCondition<>("expose no type from " + String.join(", ", packagePrefixes) + " in a public signature") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                c.getCodeUnits().stream().filter(u -> u.getModifiers().contains(JavaModifier.PUBLIC)).forEach(u -> {
                    List<JavaClass> types = new ArrayList<>(u.getRawParameterTypes());
                    types.add(u.getRawReturnType());
                    types.stream().filter(t -> isIn(t, packagePrefixes)).forEach(t ->
                            events.add(SimpleConditionEvent.violated(u, u.getFullName() + " exposes " + t.getName())));
                });
                c.getFields().stream().filter(f -> f.getModifiers().contains(JavaModifier.PUBLIC))
                        .filter(f -> isIn(f.getRawType(), packagePrefixes))
                        .forEach(f -> events.add(SimpleConditionEvent.violated(f, f.getFullName() + " exposes " + f.getRawType().getName())));
            }
        };
    }

    private static boolean isIn(JavaClass t, String... prefixes) {
        JavaClass base = t.isArray() ? t.getBaseComponentType() : t;
        for (String p : prefixes) {
            if (base.getPackageName().startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
