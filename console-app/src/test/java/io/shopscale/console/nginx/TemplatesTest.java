package io.shopscale.console.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplatesTest {

    /** Has no nginx-templates resource, like the test run before the build copies them into the jar. */
    private static final ClassLoader EMPTY_CLASSPATH = new URLClassLoader(new URL[0], null);

    @TempDir
    Path temp;

    @Test
    void theProjectsDirectoryIsFoundFromAModuleBelowIt() throws IOException {
        Path project = temp.resolve("project");
        templatesDirectory(project.resolve(Templates.DIRECTORY_NAME), "from the project");
        Path module = Files.createDirectories(project.resolve("console-app/target"));

        Templates templates = Templates.locate(null, EMPTY_CLASSPATH, module);

        assertThat(templates.origin()).isEqualTo(project.resolve(Templates.DIRECTORY_NAME).toString());
        assertThat(templates.read(Templates.MARKER)).isEqualTo("from the project");
    }

    @Test
    void theClasspathComesBeforeTheWorkingDirectory() throws IOException {
        Path project = temp.resolve("project");
        templatesDirectory(project.resolve(Templates.DIRECTORY_NAME), "from the project");
        Path jar = temp.resolve("jar");
        templatesDirectory(jar.resolve(Templates.DIRECTORY_NAME), "from the jar");

        try (URLClassLoader classpath = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Templates templates = Templates.locate(null, classpath, project);

            assertThat(templates.origin()).isEqualTo("classpath:/nginx-templates/");
            assertThat(templates.read(Templates.MARKER)).isEqualTo("from the jar");
        }
    }

    @Test
    void theSystemPropertyComesFirst() throws IOException {
        Path edited = templatesDirectory(temp.resolve("edited"), "an instructor's copy");
        Path jar = temp.resolve("jar");
        templatesDirectory(jar.resolve(Templates.DIRECTORY_NAME), "from the jar");

        try (URLClassLoader classpath = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Templates templates = Templates.locate(edited.toString(), classpath, temp);

            assertThat(templates.read(Templates.MARKER)).isEqualTo("an instructor's copy");
        }
    }

    @Test
    void aSystemPropertyNamingNoTemplatesDirectoryIsAnErrorNotAFallback() {
        assertThatThrownBy(() -> Templates.locate(temp.toString(), EMPTY_CLASSPATH, temp))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("-Dshopscale.templates=" + temp + " names no templates directory");
    }

    @Test
    void whenNothingIsFoundTheMessageSaysWhereItLooked() {
        // Outside the project, which the test's own temporary folder is not (it is in the module's target).
        Path nowhere = temp.getRoot().resolve("nowhere/a/b");

        assertThatThrownBy(() -> Templates.locate(null, EMPTY_CLASSPATH, nowhere))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(nowhere.resolve(Templates.DIRECTORY_NAME).toString())
                .hasMessageContaining("-Dshopscale.templates=<directory>");
    }

    @Test
    void aMissingPartialIsNamed() throws IOException {
        Path directory = templatesDirectory(temp.resolve("broken"), "{{> nothing}}");

        assertThatThrownBy(() -> new NginxConfigRenderer(Templates.inDirectory(directory))
                .render(Gateways.monolith(1)))
                .hasMessageContaining("template nothing.mustache is missing from " + directory);
    }

    private static Path templatesDirectory(Path directory, String content) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(Templates.MARKER), content);
        return directory;
    }
}
