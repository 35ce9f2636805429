package io.shopscale.console.metrics;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The load generator and the metrics hub run in the CLI and under the UI alike, and are tested without Docker or
 * a screen: they must stay free of docker-java and JavaFX. The docker package and the UI call in, never the reverse.
 */
class PackageBoundariesTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("io.shopscale.console.load", "io.shopscale.console.metrics");
    }

    @Test
    void loadAndMetricsDependOnNeitherDockerJavaNorJavaFx() {
        noClasses().that().resideInAnyPackage("..console.load..", "..console.metrics..")
                .should().dependOnClassesThat().resideInAnyPackage("com.github.dockerjava..", "javafx..")
                .check(production);
    }

    @Test
    void metricsKnowNothingOfTheLoadGeneratorThatFeedsThem() {
        noClasses().that().resideInAPackage("..console.metrics..")
                .should().dependOnClassesThat().resideInAnyPackage("..console.load..", "..console.docker..",
                        "..console.ui..", "..console.cli..")
                .check(production);
    }
}
