package dev.complaintkit.provider.allinpay;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noCodeUnits;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The module's boundaries. */
class AllinpayArchitectureTest {
    private static JavaClasses main;

    @BeforeAll
    static void load() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.complaintkit.provider.allinpay");
    }

    @Test
    @DisplayName("depends on no other provider")
    void noOtherProvider() {
        noClasses().should().dependOnClassesThat(DescribedPredicate.describe("another provider's classes",
                (JavaClass c) -> c.getPackageName().startsWith("dev.complaintkit.provider.")
                        && !c.getPackageName().equals("dev.complaintkit.provider.allinpay")
                        && !c.getPackageName().startsWith("dev.complaintkit.provider.allinpay.")))
                .check(main);
    }

    @Test
    @DisplayName("main code does not use the test kit")
    void noTestkit() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.complaintkit.testkit..").check(main);
    }

    @Test
    @DisplayName("no public method or constructor, internal or not, exposes a Jackson or Bouncy Castle type")
    void noLibraryTypesInPublicSignatures() {
        noCodeUnits().that().arePublic()
                .should(new ArchCondition<JavaCodeUnit>("expose a Jackson or Bouncy Castle type") {
                    @Override
                    public void check(JavaCodeUnit unit, ConditionEvents events) {
                        unit.getAllInvolvedRawTypes().stream()
                                .filter(t -> t.getPackageName().startsWith("com.fasterxml.jackson")
                                        || t.getPackageName().startsWith("org.bouncycastle"))
                                .forEach(t -> events.add(SimpleConditionEvent.satisfied(unit,
                                        unit.getFullName() + " exposes " + t.getName())));
                    }
                })
                .check(main);
    }

    @Test
    @DisplayName("Bouncy Castle and Jackson are used only inside the internal package")
    void librariesStayInternal() {
        noClasses().that().resideInAPackage("dev.complaintkit.provider.allinpay")
                .should().dependOnClassesThat().resideInAnyPackage("org.bouncycastle..", "com.fasterxml.jackson..")
                .check(main);
    }
}
