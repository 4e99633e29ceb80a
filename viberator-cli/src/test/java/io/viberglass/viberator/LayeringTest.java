package io.viberglass.viberator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The harness library stays free of the CLI and of databases, so the Lambda handler can use it as it is. */
@AnalyzeClasses(packages = "io.viberglass.viberator", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule libraryDoesNotUsePicocli = noClasses()
            .that()
            .resideOutsideOfPackage("io.viberglass.viberator.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("picocli..");

    @ArchTest
    static final ArchRule libraryDoesNotDependOnTheCli = noClasses()
            .that()
            .resideOutsideOfPackage("io.viberglass.viberator.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.viberglass.viberator.cli..");

    @ArchTest
    static final ArchRule noDatabaseAccess =
            noClasses().should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.jdbi..");

    @ArchTest
    static final ArchRule noPrintingToTheProcessStreams = noClasses()
            .should()
            .accessField(System.class, "out")
            .orShould()
            .accessField(System.class, "err");
}
