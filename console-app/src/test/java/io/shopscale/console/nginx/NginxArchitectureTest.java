package io.shopscale.console.nginx;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.shopscale.console.nginx.archfixture.NginxThatCallsDocker;
import org.junit.jupiter.api.Test;

/**
 * The nginx package renders text and talks to its container only through {@link ContainerShell}: the docker
 * package implements that, and the window shows the results.
 */
class NginxArchitectureTest {

    private static final ArchRule NEITHER_DOCKER_NOR_JAVAFX = noClasses()
            .that().resideInAPackage("..nginx..")
            .should().dependOnClassesThat().resideInAnyPackage("com.github.dockerjava..", "javafx..");

    /** Commands run in the container through ContainerShell, never on the console's machine. */
    private static final ArchRule NO_PROCESSES = noClasses()
            .that().resideInAPackage("..nginx..")
            .should().dependOnClassesThat().haveFullyQualifiedName("java.lang.ProcessBuilder")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Runtime");

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.shopscale.console.nginx");

    @Test
    void nginxDependsOnNeitherDockerJavaNorJavaFx() {
        NEITHER_DOCKER_NOR_JAVAFX.check(PRODUCTION);
    }

    @Test
    void nginxStartsNoProcess() {
        NO_PROCESSES.check(PRODUCTION);
    }

    @Test
    void theRuleCatchesAnNginxClassThatCallsDocker() {
        JavaClasses offender = new ClassFileImporter().importClasses(NginxThatCallsDocker.class);

        assertThat(NEITHER_DOCKER_NOR_JAVAFX.evaluate(offender).hasViolation()).isTrue();
    }

    @Test
    void theRulesSeeTheProductionClasses() {
        assertThat(PRODUCTION.contain(NginxConfigurator.class)).isTrue();
    }
}
