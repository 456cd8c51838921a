package dev.complaintkit.provider.xiaoe;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.complaintkit.provider.xiaoe");

    @Test
    @DisplayName("the Xiaoe provider depends on no other provider")
    void noOtherProvider() {
        noClasses().that().resideInAPackage("dev.complaintkit.provider.xiaoe..")
                .should().dependOnClassesThat(new DescribedPredicate<JavaClass>("belong to another provider") {
                    @Override
                    public boolean test(JavaClass c) {
                        return c.getPackageName().startsWith("dev.complaintkit.provider.")
                                && !c.getPackageName().startsWith("dev.complaintkit.provider.xiaoe");
                    }
                })
                .check(MAIN);
    }

    @Test
    @DisplayName("main code does not use the test kit")
    void noTestKit() {
        noClasses().that().resideInAPackage("dev.complaintkit.provider.xiaoe..")
                .should().dependOnClassesThat().resideInAPackage("dev.complaintkit.testkit..")
                .check(MAIN);
    }

    @Test
    @DisplayName("no public method or constructor exposes a Jackson or Bouncy Castle type")
    void noLibraryTypesInPublicSignatures() {
        codeUnits().that().areDeclaredInClassesThat().resideInAPackage("dev.complaintkit.provider.xiaoe..")
                .and().haveModifier(JavaModifier.PUBLIC)
                .should(new ArchCondition<JavaCodeUnit>("not expose Jackson or Bouncy Castle types") {
                    @Override
                    public void check(JavaCodeUnit unit, ConditionEvents events) {
                        Stream.concat(Stream.of(unit.getRawReturnType()), unit.getRawParameterTypes().stream())
                                .filter(t -> t.getName().startsWith("com.fasterxml.jackson.")
                                        || t.getName().startsWith("org.bouncycastle."))
                                .forEach(t -> events.add(SimpleConditionEvent.violated(unit,
                                        unit.getFullName() + " exposes " + t.getName())));
                    }
                })
                .check(MAIN);
    }
}
