package io.shopscale.console;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.shopscale.console.archfixture.plan.PlanThatReadsAFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the engine's heart pure: what it decides is tested without Docker, JavaFX or a file system. */
class ArchitectureTest {

    private static final String[] PURE_PACKAGES = {"..plan..", "..topology..", "..fault.."};

    private static final ArchRule NEITHER_DOCKER_NOR_JAVAFX = noClasses()
            .that().resideInAnyPackage(PURE_PACKAGES)
            .should().dependOnClassesThat().resideInAnyPackage("com.github.dockerjava..", "javafx..");

    private static final ArchRule NO_IO = noClasses()
            .that().resideInAnyPackage(PURE_PACKAGES)
            .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.net..", "java.net.http..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.ProcessBuilder");

    /** Only the JDK and each other: whatever library arrives in the module later stays out of the planner. */
    private static final ArchRule ONLY_THE_JDK = classes()
            .that().resideInAnyPackage(PURE_PACKAGES)
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "io.shopscale.console.plan..", "io.shopscale.console.topology..",
                    "io.shopscale.console.fault..");

    private static final ArchRule TOPOLOGY_KNOWS_NOTHING_OF_PLANS = noClasses()
            .that().resideInAPackage("..topology..")
            .should().dependOnClassesThat().resideInAPackage("..plan..");

    /** The engine port has backends; only the Docker one and the Swarm one talk to docker-java. */
    private static final ArchRule ONLY_THE_DOCKER_AND_SWARM_PACKAGES_TALK_TO_DOCKER = noClasses()
            .that().resideOutsideOfPackages("io.shopscale.console.docker..", "io.shopscale.console.swarm..")
            .should().dependOnClassesThat().resideInAnyPackage("com.github.dockerjava..");

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.shopscale.console");
    }

    @Test
    void planAndTopologyDependOnNeitherDockerJavaNorJavaFx() {
        NEITHER_DOCKER_NOR_JAVAFX.check(production);
    }

    @Test
    void planAndTopologyDoNoIo() {
        NO_IO.check(production);
    }

    @Test
    void planAndTopologyDependOnlyOnTheJdkAndEachOther() {
        ONLY_THE_JDK.check(production);
    }

    @Test
    void onlyTheDockerPackageDependsOnDockerJava() {
        ONLY_THE_DOCKER_AND_SWARM_PACKAGES_TALK_TO_DOCKER.check(production);
    }

    @Test
    void topologyDoesNotDependOnPlan() {
        TOPOLOGY_KNOWS_NOTHING_OF_PLANS.check(production);
    }

    @Test
    void theRulesCatchAPlanClassThatDoesIo() {
        JavaClasses offender = new ClassFileImporter().importClasses(PlanThatReadsAFile.class);

        assertThat(NO_IO.evaluate(offender).hasViolation()).isTrue();
    }
}
