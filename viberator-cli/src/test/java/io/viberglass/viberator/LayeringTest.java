package io.viberglass.viberator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The harness library stays free of the CLI and of databases, so the Lambda handler can use it as it is. */
class LayeringTest {
    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.viberglass.viberator");

    @Test
    void theLibraryDoesNotUsePicocliOrTheCliPackage() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.viberglass.viberator.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("picocli..", "io.viberglass.viberator.cli..")
                .check(CLASSES);
    }

    @Test
    void theWorkerNeverDependsOnThePlatform() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.viberglass.platform..", "io.dropwizard..")
                .check(CLASSES);
    }

    @Test
    void nothingTouchesADatabase() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "org.jdbi..")
                .check(CLASSES);
    }

    @Test
    void nothingPrintsToTheProcessStreamsDirectly() {
        noClasses()
                .should()
                .accessField(System.class, "out")
                .orShould()
                .accessField(System.class, "err")
                .check(CLASSES);
    }
}
