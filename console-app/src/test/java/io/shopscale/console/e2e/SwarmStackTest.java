package io.shopscale.console.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;

import io.shopscale.console.docker.DockerEngines;
import io.shopscale.console.engine.StackEngine;
import io.shopscale.console.engine.StackStatus;
import io.shopscale.console.plan.Labels;
import io.shopscale.console.topology.StackName;

/**
 * The replicated monolith on a real single-node Docker Swarm: its app tier a replicated service whose tasks Swarm
 * starts, stops and replaces, with nginx, HAProxy and PostgreSQL standalone containers on the overlay network. One
 * stack shared by the tests in order: up, scale under load, kill a task under load, a restarted console, its compose
 * export deployed beside it with {@code docker stack deploy}, the switch to services mode and a service scaled under
 * load, down.
 */
@Tag("docker")
@Tag("scaling")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SwarmStackTest {

    static final String STACK = "e2e-swarm";
    static final int PORT = 18500;
    static final URI BASE = URI.create("http://127.0.0.1:" + PORT + "/");
    /** The name the compose export is deployed under with {@code docker stack deploy}. */
    private static final String COMPOSE_STACK = "e2e-compose";

    private final DockerClient docker = DockerEngines.connect();
    private List<String> tokens;

    @BeforeAll
    void upOnSwarm() {
        Shop.shopctl("down", "--stack", STACK, "--volumes");
        Shop.Run up = Shop.shopctl("up", "--stack", STACK, "--port", Integer.toString(PORT), "--replicas", "1",
                "--engine", "swarm");
        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(up.output()).contains("deploy swarm-service:monolith");
        tokens = Shop.shoppers(BASE, 4);
    }

    @AfterAll
    void removeStack() throws Exception {
        Shop.shopctl("down", "--stack", STACK, "--volumes");
        docker.close();
    }

    @Test
    @Order(1)
    void theMonolithScaledOneThreeOneOnSwarmUnderLoadFailsNoRequestAndKeepsItsRunningTasks() {
        scaleOneThreeOneUnderLoad("monolith");
    }

    @Test
    @Order(2)
    void aTaskKilledUnderLoadIsReplacedBySwarmWithNoFailedReadAndNoOrderLostOrDoubled() {
        scale(2);
        StackEngine console = StackEngine.onLocalDocker(home(), "e2e", true);
        Set<String> before = runningTaskIds();
        try (SteadyTraffic traffic = new SteadyTraffic(BASE, tokens, 80, 0.3)) {
            Shop.sleep(Duration.ofSeconds(3));
            console.kill(StackName.of(STACK), STACK + "-monolith-2");
            Instant killed = Instant.now();
            Set<String> after = awaitRunningTasks(2, before);
            System.out.printf("Swarm started a replacement task in %d ms%n",
                    Duration.between(killed, Instant.now()).toMillis());
            Shop.Run heal = Shop.shopctl("heal", "--stack", STACK);
            assertThat(heal.exitCode()).as(heal.output()).isZero();
            assertThat(after).as("the surviving task runs on, the killed one has a successor").hasSize(2)
                    .containsAnyElementsOf(before).isNotEqualTo(before);
            traffic.resetServedBy();
            Shop.sleep(Duration.ofSeconds(6));
            Map<String, Long> shares = traffic.shares();
            traffic.close();

            System.out.printf("Swarm kill test: %d reads (%d failed), %d order attempts (%d failed and retried): %s; "
                    + "served after the heal by %s%n", traffic.reads.get(), traffic.readFailures.get(),
                    traffic.orderAttempts.get(), traffic.orderFailures.get(),
                    traffic.failures.stream().limit(10).toList(), shares);
            assertThat(traffic.readFailures.get()).as("failed reads: " + traffic.failures).isZero();
            assertThat(traffic.orders.values()).as("orders lost after retries: " + traffic.failures)
                    .doesNotContain("lost");
            assertThat(Set.copyOf(traffic.orders.values())).as("one order per key").hasSize(traffic.orders.size());
            assertThat(shares).containsOnlyKeys(STACK + "-monolith-1", STACK + "-monolith-2");
        }
    }

    @Test
    @Order(3)
    void aRestartedConsoleFindsTheStackOnSwarm() {
        StackStatus status = StackEngine.onLocalDocker(home(), "e2e", true).status(StackName.of(STACK));

        assertThat(status.engine()).isEqualTo("swarm");
        assertThat(status.mode()).isEqualTo("monolith");
        assertThat(status.desired()).isEqualTo(Map.of("monolith", 2));
        assertThat(status.containers()).filteredOn(c -> c.role().equals(Labels.ROLE_APP))
                .extracting(StackStatus.Replica::name, StackStatus.Replica::ready, StackStatus.Replica::routed)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(STACK + "-monolith-1", true, true),
                        org.assertj.core.groups.Tuple.tuple(STACK + "-monolith-2", true, true));
        Shop.Run text = Shop.shopctl("status", "--stack", STACK);
        assertThat(text.output()).contains("monolith mode, on swarm");
        HttpResponse<String> page = Shop.get(BASE);
        assertThat(page.statusCode()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void theComposeExportDeployedWithDockerStackDeployServesTheStorefrontAndPlacesAnOrder(@TempDir Path folder)
            throws Exception {
        Shop.Run export = Shop.shopctl("export", "--stack", STACK, "--format", "compose", "--output",
                folder.toString());
        assertThat(export.exitCode()).as(export.output()).isZero();
        Path file = folder.resolve("docker-compose.yml");
        // Swarm publishes a port on every interface; the deployed copy publishes none, and the test reaches nginx's
        // task on Docker's gateway bridge instead. Everything else is deployed as exported.
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode compose = (ObjectNode) yaml.readTree(file.toFile());
        assertThat(compose.path("services").path("nginx").path("ports")).as("the export publishes nginx").isNotEmpty();
        ((ObjectNode) compose.path("services").path("nginx")).remove("ports");
        yaml.writeValue(file.toFile(), compose);

        ComposeStack deployed = new ComposeStack(docker, COMPOSE_STACK);
        deployed.remove();
        try {
            Instant started = Instant.now();
            deployed.deploy(file);
            URI base = URI.create("http://" + deployed.nginxAddress(Duration.ofMinutes(2)) + "/");
            HttpResponse<String> page = deployed.awaitOk(base, Duration.ofMinutes(4));
            long storefront = Duration.between(started, Instant.now()).toSeconds();
            // The storefront's files are in the volume before the app answers: the API answers once a task is ready.
            deployed.awaitOk(base.resolve("/api/catalog/products?size=1"), Duration.ofMinutes(4));
            System.out.printf("compose export: docker stack deploy served the storefront after %d s and the API "
                    + "after %d s%n", storefront, Duration.between(started, Instant.now()).toSeconds());
            assertThat(page.body()).contains("<html");
            String token = Shop.shopper(base, null);
            HttpResponse<String> order = Shop.post(base.resolve("/api/orders"),
                    "{\"items\":[{\"productId\":4,\"quantity\":1}]}", "Authorization", "Bearer " + token,
                    "Idempotency-Key", java.util.UUID.randomUUID().toString());
            assertThat(order.statusCode()).as(order.body()).isEqualTo(201);
            assertThat(Shop.send(java.net.http.HttpRequest.newBuilder(base.resolve("/api/orders"))
                    .header("Authorization", "Bearer " + token).build()).body()).contains("\"productId\":4");
        } finally {
            deployed.remove();
        }
    }

    @Test
    @Order(5)
    void inServicesModeTheCatalogScaledOneThreeOneOnSwarmUnderLoadFailsNoRequestAndKeepsItsRunningTasks() {
        Shop.Run services = Shop.shopctl("up", "--stack", STACK, "--port", Integer.toString(PORT), "--mode",
                "services");
        assertThat(services.exitCode()).as(services.output()).isZero();
        assertThat(docker.listServicesCmd().withLabelFilter(Map.of(Labels.STACK, STACK)).exec())
                .extracting(service -> service.getSpec().getName()).containsExactlyInAnyOrder(STACK + "-sso",
                        STACK + "-catalog", STACK + "-orders", STACK + "-payments", STACK + "-notifications");
        tokens = Shop.shoppers(BASE, 4);

        scaleOneThreeOneUnderLoad("catalog");
    }

    @Test
    @Order(6)
    void downRemovesTheServicesSecretsContainersNetworkAndVolumesByLabel() {
        Shop.Run down = Shop.shopctl("down", "--stack", STACK, "--volumes");
        assertThat(down.exitCode()).as(down.output()).isZero();
        assertThat(down.output()).contains("removed service " + STACK + "-catalog").contains("removed secret " + STACK + "-");

        Map<String, String> label = Map.of(Labels.STACK, STACK);
        assertThat(docker.listServicesCmd().withLabelFilter(label).exec()).isEmpty();
        assertThat(docker.listSecretsCmd().withLabelFilter(label).exec()).isEmpty();
        assertThat(Shop.stackContainers(docker, STACK)).isEmpty();
        assertThat(docker.listNetworksCmd().withFilter("label", List.of(Labels.STACK + "=" + STACK)).exec())
                .isEmpty();
        assertThat(docker.listVolumesCmd().withFilter("label", List.of(Labels.STACK + "=" + STACK)).exec()
                .getVolumes()).isNullOrEmpty();
    }

    /**
     * Scales {@code tier} 1 -> 3 -> 1 under reads and orders through nginx: no request fails, no order is lost,
     * scaling up keeps the running task and scaling down replaces none, and each of the three tasks served.
     */
    private void scaleOneThreeOneUnderLoad(String tier) {
        Map<String, Long> servedAtThree;
        List<String> steps = new ArrayList<>();
        try (SteadyTraffic traffic = new SteadyTraffic(BASE, tokens, 100, 0.15)) {
            Shop.sleep(Duration.ofSeconds(3));
            Set<String> atOne = runningTaskIds(tier);
            assertThat(atOne).hasSize(1);

            steps.add(scale(tier, 3));
            Set<String> atThree = runningTaskIds(tier);
            assertThat(atThree).as("scaling up keeps the running task").hasSize(3).containsAll(atOne);
            traffic.resetServedBy();
            Shop.sleep(Duration.ofSeconds(10));
            servedAtThree = traffic.shares();

            steps.add(scale(tier, 1));
            Set<String> back = runningTaskIds(tier);
            assertThat(back).as("scaling down stops tasks and replaces none").hasSize(1);
            assertThat(atThree).containsAll(back);
            Shop.sleep(Duration.ofSeconds(3));
            traffic.close();

            System.out.printf("Swarm scaling test (%s): %d requests (%d reads, %d order attempts), %d failed, %d "
                    + "resent on a closed keep-alive connection, slowest read %d ms; served at 3 tasks by %s; %s%n",
                    tier, traffic.total(), traffic.reads.get(), traffic.orderAttempts.get(), traffic.failed(),
                    traffic.resent.get(), traffic.slowestReadMillis.get(), servedAtThree, steps);
            assertThat(traffic.failures).as("failed requests").isEmpty();
            assertThat(traffic.orders.values()).doesNotContain("lost");
        }
        String prefix = STACK + "-" + tier + "-";
        assertThat(servedAtThree.keySet().stream().filter(replica -> replica.startsWith(prefix)))
                .as("every running task served").containsExactlyInAnyOrder(prefix + 1, prefix + 2, prefix + 3);
    }

    private String scale(int replicas) {
        return scale("monolith", replicas);
    }

    /** Scales through shopctl and says how long it took: {@code 1->3 in 41.2 s}. */
    private String scale(String tier, int replicas) {
        int from = runningTaskIds(tier).size();
        Instant started = Instant.now();
        Shop.Run scale = Shop.shopctl("scale", "--stack", STACK, tier + "=" + replicas);
        assertThat(scale.exitCode()).as(scale.output()).isZero();
        String took = String.format("%d->%d in %.1f s", from, replicas,
                Duration.between(started, Instant.now()).toMillis() / 1000.0);
        System.out.println("Swarm scale " + tier + " " + took);
        return took;
    }

    private Set<String> runningTaskIds() {
        return runningTaskIds("monolith");
    }

    /** The ids of the tier's tasks that Swarm wants running and that run. */
    private Set<String> runningTaskIds(String tier) {
        return tasks(tier).stream().filter(t -> t.getDesiredState() == TaskState.RUNNING
                        && t.getStatus().getState() == TaskState.RUNNING)
                .map(Task::getId).collect(Collectors.toSet());
    }

    private List<Task> tasks(String tier) {
        return docker.listTasksCmd().withServiceFilter(STACK + "-" + tier).exec();
    }

    /** Waits until {@code count} tasks run and the set differs from {@code before}: Swarm replaced one. */
    private Set<String> awaitRunningTasks(int count, Set<String> before) {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            Set<String> running = runningTaskIds();
            if (running.size() == count && !running.equals(before)) {
                return running;
            }
            Shop.sleep(Duration.ofMillis(500));
        }
        throw new AssertionError("Swarm did not replace the killed task within 120 s: " + tasks("monolith").stream()
                .map(t -> t.getSlot() + " " + t.getDesiredState() + " " + t.getStatus().getState()).toList());
    }

    private static Path home() {
        return Path.of(System.getProperty("user.home"), ".shopscale");
    }
}
