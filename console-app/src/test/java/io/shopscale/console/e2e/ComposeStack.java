package io.shopscale.console.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;

/**
 * A compose file deployed on the local swarm with {@code docker stack deploy}, as an operator deploys an export:
 * found and removed by the label Docker gives every part of it ({@code com.docker.stack.namespace}).
 */
final class ComposeStack {

    private static final String NAMESPACE = "com.docker.stack.namespace";

    private final DockerClient docker;
    private final String name;

    ComposeStack(DockerClient docker, String name) {
        this.docker = docker;
        this.name = name;
    }

    /** {@code docker stack deploy}, without asking a registry for the images: they are on this machine. */
    void deploy(Path composeFile) {
        String output = run("docker", "stack", "deploy", "--resolve-image", "never", "-c", composeFile.toString(),
                name);
        System.out.println("$ docker stack deploy " + name + "\n" + output);
    }

    /** The address of the nginx task's container on Docker's gateway bridge, once it runs. */
    String nginxAddress(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<String> address = docker.listContainersCmd()
                    .withLabelFilter(Map.of("com.docker.swarm.service.name", name + "_nginx")).exec().stream()
                    .findFirst().flatMap(this::gatewayBridgeAddress);
            if (address.isPresent()) {
                return address.get();
            }
            Shop.sleep(Duration.ofSeconds(1));
        }
        throw new AssertionError("no nginx task of " + name + " ran within " + timeout + "; tasks: "
                + run("docker", "stack", "ps", "--no-trunc", name));
    }

    /** GETs {@code uri} until it answers 200 (the app replicas start, the static files are exported). */
    HttpResponse<String> awaitOk(URI uri, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return response;
                }
                last = "http " + response.statusCode();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            Shop.sleep(Duration.ofSeconds(2));
        }
        throw new AssertionError(uri + " did not answer 200 within " + timeout + " (last: " + last + "); tasks: "
                + run("docker", "stack", "ps", "--no-trunc", name));
    }

    /** Removes the deployed stack, then its volumes once no container holds them; nothing when none is deployed. */
    void remove() {
        if (!docker.listServicesCmd().withLabelFilter(Map.of(NAMESPACE, name)).exec().isEmpty()) {
            run("docker", "stack", "rm", name);
        }
        Instant deadline = Instant.now().plusSeconds(90);
        while (!containers().isEmpty() || !networks().isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the containers and network of " + name + " were not removed in 90 s");
            }
            Shop.sleep(Duration.ofSeconds(1));
        }
        Optional.ofNullable(docker.listVolumesCmd().withFilter("label", List.of(NAMESPACE + "=" + name)).exec()
                .getVolumes()).orElse(List.of()).forEach(v -> docker.removeVolumeCmd(v.getName()).exec());
    }

    private List<Container> containers() {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(NAMESPACE, name)).exec();
    }

    private List<Network> networks() {
        return docker.listNetworksCmd().withFilter("label", List.of(NAMESPACE + "=" + name)).exec();
    }

    private Optional<String> gatewayBridgeAddress(Container container) {
        Network bridge = docker.inspectNetworkCmd().withNetworkId("docker_gwbridge").exec();
        return Optional.ofNullable(bridge.getContainers()).map(members -> members.get(container.getId()))
                .map(Network.ContainerNetworkConfig::getIpv4Address)
                .map(address -> address.replaceFirst("/\\d+$", ""));
    }

    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new AssertionError(String.join(" ", command) + " could not run: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
