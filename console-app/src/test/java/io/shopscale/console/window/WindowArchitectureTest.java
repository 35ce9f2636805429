package io.shopscale.console.window;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The window reaches Docker only through the engine, so every Docker call can be kept off the FX thread. */
class WindowArchitectureTest {

    @Test
    void theWindowDoesNotUseDockerJava() {
        noClasses().that().resideInAPackage("io.shopscale.console.window..")
                .should().dependOnClassesThat().resideInAnyPackage("com.github.dockerjava..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.shopscale.console.window"));
    }
}
