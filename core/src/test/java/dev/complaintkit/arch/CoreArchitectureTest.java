package dev.complaintkit.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.complaintkit.model.fixture.BadModel;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The layering rules of DESIGN.md, checked on core's production classes, and proven to bite. */
@DisplayName("core architecture")
class CoreArchitectureTest {
    private static final String[] FOREIGN_API_TYPES = {"com.fasterxml.jackson", "org.bouncycastle"};

    static final ArchRule NAMES_NO_PROVIDER = noClasses().that().resideInAPackage("dev.complaintkit..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.complaintkit.provider..", "org.bouncycastle..",
                    "com.fasterxml.jackson.dataformat.xml..")
            .because("core never names a provider, and Bouncy Castle / Jackson XML stay in the modules that need them");

    static final ArchRule MODEL_IS_PURE = classes().that().resideInAPackage("dev.complaintkit.model..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.complaintkit.model..", "java..")
            .because("the model records depend on nothing outside the model and the JDK");

    static final ArchRule NO_CYCLES = slices().matching("dev.complaintkit.(*)..").should().beFreeOfCycles();

    static final ArchRule SUBPACKAGES_DO_NOT_USE_ENTRY_POINT = noClasses()
            .that().resideInAnyPackage("dev.complaintkit.model..", "dev.complaintkit.port..", "dev.complaintkit.spi..",
                    "dev.complaintkit.usecase..", "dev.complaintkit.error..", "dev.complaintkit.transport..",
                    "dev.complaintkit.internal..")
            .should().dependOnClassesThat().resideInAPackage("dev.complaintkit")
            .because("the entry point sits on top of the other packages");

    static final ArchRule API_EXPOSES_NO_FOREIGN_TYPES = classes()
            .that().arePublic().and().resideOutsideOfPackage("..internal..")
            .should(exposeNoTypesFrom(FOREIGN_API_TYPES));

    /** No public method, constructor or field of the class mentions a type from these packages. */
    static ArchCondition<JavaClass> exposeNoTypesFrom(String... packagePrefixes) {
        return new ArchCondition<>("expose no type from " + String.join(", ", packagePrefixes) + " in a public signature") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                Stream<JavaCodeUnit> units = c.getCodeUnits().stream()
                        .filter(u -> u.getModifiers().contains(JavaModifier.PUBLIC));
                units.forEach(u -> {
                    List<JavaClass> types = new java.util.ArrayList<>(u.getRawParameterTypes());
                    types.add(u.getRawReturnType());
                    for (JavaClass t : types) {
                        if (isForeign(t, packagePrefixes)) {
                            events.add(SimpleConditionEvent.violated(u, u.getFullName() + " exposes " + t.getName()));
                        }
                    }
                });
                c.getFields().stream().filter(f -> f.getModifiers().contains(JavaModifier.PUBLIC))
                        .filter(f -> isForeign(f.getRawType(), packagePrefixes))
                        .forEach(f -> events.add(SimpleConditionEvent.violated(f, f.getFullName() + " exposes " + f.getRawType().getName())));
            }
        };
    }

    private static boolean isForeign(JavaClass t, String... prefixes) {
        JavaClass base = t.isArray() ? t.getBaseComponentType() : t;
        for (String p : prefixes) {
            if (base.getPackageName().startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private static JavaClasses production;

    @BeforeAll
    static void importCore() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.complaintkit");
        assertThat(production.contain(dev.complaintkit.ComplaintClient.class)).as("core classes imported").isTrue();
    }

    @Test
    @DisplayName("core names no provider, no Bouncy Castle, no Jackson XML")
    void namesNoProvider() {
        NAMES_NO_PROVIDER.check(production);
    }

    @Test
    @DisplayName("model records depend only on the model and the JDK")
    void modelIsPure() {
        MODEL_IS_PURE.check(production);
    }

    @Test
    @DisplayName("no cycles between packages")
    void noCycles() {
        NO_CYCLES.check(production);
    }

    @Test
    @DisplayName("sub-packages do not reach up to the entry point")
    void layered() {
        SUBPACKAGES_DO_NOT_USE_ENTRY_POINT.check(production);
    }

    @Test
    @DisplayName("no public API signature exposes a Jackson or Bouncy Castle type")
    void noForeignTypesInApi() {
        API_EXPOSES_NO_FOREIGN_TYPES.check(production);
    }

    @Test
    @DisplayName("the rules bite: a deliberately wrong fixture class breaks them")
    void rulesBite() {
        JavaClasses bad = new ClassFileImporter().importClasses(BadModel.class);
        EvaluationResult model = MODEL_IS_PURE.evaluate(bad);
        assertThat(model.hasViolation()).isTrue();
        assertThat(model.getFailureReport().getDetails()).anySatisfy(d -> assertThat(d).contains("HttpTransport"));
        EvaluationResult api = API_EXPOSES_NO_FOREIGN_TYPES.evaluate(bad);
        assertThat(api.hasViolation()).isTrue();
        assertThat(api.getFailureReport().getDetails()).anySatisfy(d -> assertThat(d).contains("JsonNode"));
        assertThat(NAMES_NO_PROVIDER.evaluate(new ClassFileImporter().importClasses(BadModel.class)).hasViolation()).isFalse();
    }
}
