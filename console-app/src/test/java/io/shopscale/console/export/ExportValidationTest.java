package io.shopscale.console.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.shopscale.console.engine.ExportedStacks;

/**
 * The exports pass the tools that take them: {@code docker stack config}, and kubernetes-models' schemas (npm packages
 * that {@code bin/test} installs, hence the {@code node} tag: these run in {@code mvn verify}, not {@code mvn test}).
 */
@Tag("node")
class ExportValidationTest {

    /** Installed by {@code bin/test} ({@code npm ci}); see its package.json. */
    static final Path VALIDATOR = Path.of("../tools/k8s-validate").toAbsolutePath().normalize();

    @TempDir
    Path home;
    @TempDir
    Path out;

    @Test
    void kubernetesManifestsOfBothModesPassKubernetesModels() throws Exception {
        requireValidator();
        List<Path> manifests = new ArrayList<>();
        manifests.addAll(StackExporter.write(ExportedStacks.monolith(home), ExportFormat.KUBERNETES,
                out.resolve("monolith"), true));
        manifests.addAll(StackExporter.write(ExportedStacks.services(home), ExportFormat.KUBERNETES,
                out.resolve("services"), true));
        List<String> command = new ArrayList<>(List.of("node", VALIDATOR.resolve("validate.mjs").toString()));
        manifests.forEach(file -> command.add(file.toString()));

        Result result = run(command, VALIDATOR);

        assertThat(result.exitCode()).as("kubernetes-models validation:\n%s", result.output()).isZero();
        assertThat(result.output()).contains("valid   ", "Deployment monolith", "StatefulSet postgres",
                "HorizontalPodAutoscaler orders", "PodDisruptionBudget payments", "ConfigMap nginx-config",
                "Secret shop-secrets");
    }

    @Test
    void aManifestWithAWrongTypeFailsValidation() throws Exception {
        requireValidator();
        Path broken = out.resolve("broken.yaml");
        Files.writeString(broken, "apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  ports:\n"
                + "    - port: \"80\"\n");

        Result result = run(List.of("node", VALIDATOR.resolve("validate.mjs").toString(), broken.toString()),
                VALIDATOR);

        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("INVALID", "port must be integer");
    }

    @Test
    @Tag("docker")
    void composeExportsOfBothModesPassDockerStackConfig() throws Exception {
        for (var stack : List.of(ExportedStacks.monolith(home), ExportedStacks.services(home))) {
            Path directory = out.resolve(stack.mode());
            StackExporter.write(stack, ExportFormat.COMPOSE, directory, true);

            Result result = run(List.of("docker", "stack", "config", "-c", "docker-compose.yml"), directory);

            assertThat(result.exitCode()).as("docker stack config of the %s export:\n%s", stack.mode(),
                    result.output()).isZero();
            long memoryBytes = stack.apps().get(0).memoryMb() * 1024L * 1024L;
            assertThat(result.output()).contains("endpoint_mode: dnsrr", "memory: \"" + memoryBytes + "\"");
        }
    }

    private static void requireValidator() {
        if (!Files.isDirectory(VALIDATOR.resolve("node_modules/kubernetes-models"))) {
            fail("kubernetes-models is not installed in " + VALIDATOR + ": run `npm ci --prefix tools/k8s-validate`"
                    + " (bin/test does)");
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command, Path directory) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        } catch (IOException notFound) {
            return fail(command.get(0) + " cannot be run (" + notFound.getMessage() + "); the export tests need it "
                    + "on the PATH");
        }
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return fail(String.join(" ", command) + " did not finish in 60 s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
