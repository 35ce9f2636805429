package io.shopscale.console.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.shopscale.console.engine.ExportedStacks;

class ExportGoldenTest {

    @TempDir
    Path home;
    @TempDir
    Path out;

    @Test
    void composeExportOfTheMonolithMatchesItsGoldenFiles() {
        StackBlueprint stack = ExportedStacks.withFixedSecretPaths(ExportedStacks.monolith(home));
        List<Path> written = StackExporter.write(stack, ExportFormat.COMPOSE, out, false);
        ExportGoldenFiles.assertMatches("compose-monolith", out, written);
    }

    @Test
    void composeExportOfTheServicesMatchesItsGoldenFiles() {
        StackBlueprint stack = ExportedStacks.withFixedSecretPaths(ExportedStacks.services(home));
        List<Path> written = StackExporter.write(stack, ExportFormat.COMPOSE, out, false);
        ExportGoldenFiles.assertMatches("compose-services", out, written);
    }

    @Test
    void kubernetesExportOfTheServicesMatchesItsGoldenFiles() {
        StackBlueprint stack = ExportedStacks.withFixedSecretPaths(ExportedStacks.services(home));
        List<Path> written = StackExporter.write(stack, ExportFormat.KUBERNETES, out, false);
        ExportGoldenFiles.assertMatches("kubernetes-services", out, written);
    }

    @Test
    void withoutSecretsNoSecretContentIsWritten() throws IOException {
        StackBlueprint stack = ExportedStacks.monolith(home);
        List<Path> written = StackExporter.write(stack, ExportFormat.COMPOSE, out, false);
        StackExporter.write(stack, ExportFormat.KUBERNETES, out.resolve("k8s"), false);
        for (Path secret : stack.secretFiles().values()) {
            String content = Files.readString(secret).strip().lines().filter(line -> !line.startsWith("-----"))
                    .findFirst().orElseThrow();
            try (var files = Files.walk(out)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    assertThat(Files.readString(file)).as("%s holds no secret", file).doesNotContain(content);
                }
            }
        }
    }

    @Test
    void withSecretsComposeCopiesThemPrivatelyAndKubernetesWritesASecret() throws IOException {
        StackBlueprint stack = ExportedStacks.monolith(home);
        StackExporter.write(stack, ExportFormat.COMPOSE, out, true);
        Path password = out.resolve("secrets/database-password");
        assertThat(password).hasSameBinaryContentAs(stack.secretFiles().get("database-password"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(password))).isEqualTo("rw-------");
        assertThat(Files.readString(out.resolve("docker-compose.yml")))
                .contains("file: \"./secrets/database-password\"");

        List<Path> manifests = StackExporter.write(stack, ExportFormat.KUBERNETES, out.resolve("k8s"), true);
        assertThat(manifests).contains(out.resolve("k8s/secrets.yaml"));
        assertThat(Files.readString(out.resolve("k8s/secrets.yaml"))).contains("kind: Secret", "token-signing.key");
    }
}
