package io.viberglass.platform;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Module and layer borders from docs/architecture.md, checked on the compiled classes. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.viberglass");

    @Test
    void commonDependsOnNothingOfOurs() {
        noClasses()
                .that()
                .resideInAPackage("io.viberglass.common..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.viberglass.platform..", "io.viberglass.viberator..", "io.viberglass.lambda..")
                .check(CLASSES);
    }

    @Test
    void commonStaysFreeOfFrameworks() {
        noClasses()
                .that()
                .resideInAPackage("io.viberglass.common..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.dropwizard..", "org.jdbi..", "org.eclipse.jgit..", "jakarta.ws.rs..", "picocli..")
                .check(CLASSES);
    }

    @Test
    void resourcesNeverCallDaosDirectly() {
        noClasses()
                .that()
                .haveSimpleNameEndingWith("Resource")
                .should()
                .dependOnClassesThat()
                .haveSimpleNameEndingWith("Dao")
                .check(CLASSES);
    }

    @Test
    void servicesAndDaosKnowNothingOfHttp() {
        noClasses()
                .that()
                .haveSimpleNameEndingWith("Service")
                .or()
                .haveSimpleNameEndingWith("Dao")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("jakarta.ws.rs..")
                .check(CLASSES);
    }

    @Test
    void platformNeverRunsAgentsItself() {
        noClasses()
                .that()
                .resideInAPackage("io.viberglass.platform..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.viberglass.viberator..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }
}
