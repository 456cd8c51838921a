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
            .should().dependOnClassesThat().resideInAPackage("dev.complaintkit")
            .because("the entry point sits on top of the other packages");

    /** No public, non-internal type exposes a Jackson or Bouncy Castle type in a public signature. */
    public static final ArchRule API_EXPOSES_NO_FOREIGN_TYPES = classes()
            .that().arePublic().and().resideOutsideOfPackage("..internal..")
            .should(exposeNoTypesFrom(FOREIGN_API_PACKAGES))
            .allowEmptyShould(true);

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
    }

    /** @param packages packages to import @return their production classes (test classes left out) */
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
