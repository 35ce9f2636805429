package io.shopscale.console.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;

import io.shopscale.console.docker.AppImageBuilder;
import io.shopscale.console.docker.BaseImages;
import io.shopscale.console.docker.ContainerSpec;
import io.shopscale.console.docker.DockerEngines;
import io.shopscale.console.docker.DockerPlanExecutor;
import io.shopscale.console.docker.DockerStack;
import io.shopscale.console.docker.DockerContainerShell;
import io.shopscale.console.docker.StackAddresses;
import io.shopscale.console.logs.MergedLog;
import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.nginx.Applied;
import io.shopscale.console.nginx.NginxConfigurator;
import io.shopscale.console.plan.ContainerRef;
import io.shopscale.console.plan.ContainerState;
import io.shopscale.console.plan.Labels;
import io.shopscale.console.plan.ObservedContainer;
import io.shopscale.console.plan.ObservedStack;
import io.shopscale.console.plan.Plan;
import io.shopscale.console.plan.Planner;
import io.shopscale.console.plan.ProgressListener;
import io.shopscale.console.plan.ResourceNames;
import io.shopscale.console.topology.DesiredTopology;
import io.shopscale.console.topology.Limits;
import io.shopscale.console.topology.Mode;
import io.shopscale.console.topology.StackName;
import io.shopscale.console.topology.TopologyException;
import io.shopscale.console.topology.UserText;

/**
 * The engine that the command line and the window share: observe the stack from its labels, plan, execute.
 * Nothing is remembered between calls, so a restarted console picks up where the last one stopped.
 */
public final class StackEngine {

    private final DockerClient docker;
    private final ShopArtifacts artifacts;
    private final Path home;
    private final Consumer<String> messages;

    /**
     * @param home     where stacks keep their secrets ({@code ~/.shopscale})
     * @param messages human-readable progress that is not a plan step (image choice, image builds)
     */
    public StackEngine(DockerClient docker, ShopArtifacts artifacts, Path home, Consumer<String> messages) {
        this.docker = docker;
        this.artifacts = artifacts;
        this.home = home;
        this.messages = messages;
    }

    /** An engine on the first local Docker engine that answers; see {@link DockerEngines#connect()}. */
    public static StackEngine onLocalDocker(ShopArtifacts artifacts, Path home, Consumer<String> messages) {
        return new StackEngine(DockerEngines.connect(), artifacts, home, messages);
    }

    /** Creates or converges the stack to {@code desired}, and returns the plan that was carried out. */
    public Plan up(DesiredTopology desired, ProgressListener progress) {
        DockerStack stack = new DockerStack(docker, desired.stack().value());
        Optional<StackSettings> running = settings(stack);
        if (running.isEmpty() || running.get().publishPort() != desired.publishPort()) {
            requireFreePort(desired.publishPort());
        }
        return converge(stack, desired, progress);
    }

    /** Changes replica counts of a running stack, keeping everything else as it runs. */
    public Plan scale(StackName name, Map<String, Integer> replicas, ProgressListener progress) {
        DockerStack stack = new DockerStack(docker, name.value());
        StackSettings settings = settings(stack).orElseThrow(() -> new TopologyException("Stack " + name.value()
                + " is not running; start it with `shopctl up`."));
        replicas.keySet().forEach(settings.mode()::requireService);
        DesiredTopology current = new DesiredTopology(name, settings.mode(), currentReplicas(stack, settings.mode()),
                settings.limits(), settings.publishPort());
        return converge(stack, current.withReplicas(replicas), progress);
    }

    /** Removes every container of the stack, found by label; the data and secrets stay unless {@code volumes}. */
    public void down(StackName name, boolean volumes, Consumer<String> progress) {
        DockerStack stack = new DockerStack(docker, name.value());
        List<Container> containers = new ArrayList<>(stack.stackContainers());
        // Entry first, so no request reaches a replica that is going away; the database last.
        containers.sort(Comparator.comparingInt(StackEngine::shutdownOrder));
        for (Container container : containers) {
            String containerName = container.getNames()[0].replaceFirst("^/", "");
            progress.accept("stopping and removing " + containerName);
            stack.stop(containerName, Planner.STOP_TIMEOUT);
            stack.remove(containerName);
        }
        stack.findNetwork().ifPresent(network -> {
            progress.accept("removing network " + network.getName());
            stack.removeNetwork(network.getName());
        });
        if (volumes) {
            for (String volume : stack.observe().volumes()) {
                progress.accept("removing volume " + volume);
                stack.removeVolume(volume);
            }
            StackSecrets.forget(home, name);
            progress.accept("forgot the stack's secrets");
        } else {
            progress.accept("kept volumes " + ResourceNames.databaseVolume(name) + " and "
                    + ResourceNames.staticFilesVolume(name) + " (use --volumes to remove the data too)");
        }
    }

    /**
     * Kills one app replica of the stack at once (SIGKILL, no draining), as a crash would; a demo of what nginx and
     * {@code heal} do about it. The container stays, exited, until the next scale or heal replaces it.
     */
    public void kill(StackName name, String containerName) {
        DockerStack stack = new DockerStack(docker, name.value());
        boolean isReplica = stack.observe().containers().stream()
                .anyMatch(c -> c.isApp() && c.name().equals(containerName));
        if (!isReplica) {
            throw new TopologyException(UserText.quote(containerName) + " is not a replica of stack " + name.value());
        }
        stack.kill(containerName);
    }

    public StackStatus status(StackName name) {
        DockerStack stack = new DockerStack(docker, name.value());
        Optional<StackSettings> settings = settings(stack);
        Optional<StackAddresses> addresses = stack.addresses();
        List<StackStatus.Replica> containers = stack.observe().containers().stream()
                .sorted(Comparator.comparing(ObservedContainer::role).thenComparing(ObservedContainer::service)
                        .thenComparingInt(ObservedContainer::replica))
                .map(c -> new StackStatus.Replica(c.name(), c.role(), c.service(), c.replica(), c.state().label(),
                        c.ready(), addresses.map(a -> a.of(c.ref())).orElse("")))
                .toList();
        Long parked = containers.stream()
                .filter(c -> Labels.ROLE_POSTGRES.equals(c.role())
                        && ContainerState.RUNNING.label().equals(c.state()))
                .findFirst()
                .flatMap(postgres -> ParkedEvents.count(stack, postgres.name()))
                .orElse(null);
        return new StackStatus(name.value(), settings.map(s -> s.mode().label()).orElse(""),
                settings.map(s -> url(s.publishPort())).orElse(""), containers, parked);
    }

    /**
     * Starts feeding {@code hub} with the stack's CPU and memory per replica and nginx's counters, until the
     * returned monitor is closed.
     *
     * @throws TopologyException when the stack is not running
     */
    public StackMonitor monitor(StackName name, MetricsHub hub) {
        return StackMonitor.start(docker, name, hub);
    }

    /**
     * The last {@code lines} lines of each of the stack's containers (or of one service's), merged in the order they
     * were written, each prefixed with its container.
     */
    public String logs(StackName name, Optional<String> service, int lines) {
        DockerStack stack = new DockerStack(docker, name.value());
        MergedLog log = new MergedLog();
        stack.observe().containers().stream()
                .filter(c -> service.map(s -> s.equals(c.service())).orElse(true))
                .sorted(Comparator.comparing(ObservedContainer::name))
                .forEach(c -> log.add(c.name(), stack.logs(c.name(), lines, true)));
        return log.text();
    }

    /** The config nginx runs now: the file in its container, which the engine replaces only once it passed. */
    public String nginxConfig(StackName name) {
        DockerStack stack = new DockerStack(docker, name.value());
        if (stack.addresses().isEmpty()) {
            throw new TopologyException("Stack " + name.value() + " is not running.");
        }
        return new DockerContainerShell(stack, ResourceNames.infrastructureContainer(name, Labels.ROLE_NGINX))
                .readFile(NginxConfigurator.CONFIG_PATH);
    }

    public static String url(int port) {
        return "http://127.0.0.1:" + port + "/";
    }

    private Plan converge(DockerStack stack, DesiredTopology desired, ProgressListener progress) {
        StackName name = desired.stack();
        StackSettings settings = new StackSettings(desired.mode(), desired.publishPort(), desired.limits());
        ContainerSpecs.Images images = images(desired.mode());
        StackAddresses addresses = stack.addresses().orElseGet(() -> freeAddresses(stack));
        StackSecrets secrets = StackSecrets.forStack(home, name);
        ContainerSpecs specs = new ContainerSpecs(name, settings, addresses, secrets, images);
        String appHash = specs.appConfigHash(desired.mode().services());
        ObservedStack observed = stack.observe();
        Plan plan = Planner.plan(desired, observed, appHash);
        NginxGateway gateway = new NginxGateway(stack, name, desired.mode(), addresses, specs.nginx().name());
        DockerPlanExecutor executor = new DockerPlanExecutor(stack, ResourceNames.network(name), addresses,
                container -> spec(specs, gateway, addresses, container, appHash),
                upstreams -> reloaded(gateway.apply(upstreams)),
                services -> DatabaseUsers.grant(stack, specs.postgres().name(), services,
                        secrets::serviceDatabasePassword));
        executor.execute(plan, progress);
        return plan;
    }

    private static ContainerSpec spec(ContainerSpecs specs, NginxGateway gateway, StackAddresses addresses,
            ContainerRef container, String appHash) {
        return switch (container.role()) {
            case Labels.ROLE_POSTGRES -> specs.postgres(container);
            case Labels.ROLE_HAPROXY -> specs.haproxy(container, NginxGateway.haproxyConfig(specs.stack(),
                    specs.postgres(), addresses.of(specs.postgres())));
            case Labels.ROLE_NGINX -> specs.nginx(container, gateway.initialConfig());
            default -> specs.app(container, appHash);
        };
    }

    private void reloaded(Applied applied) {
        if (applied.reloaded()) {
            messages.accept("nginx reloaded: " + applied.diff().linesAdded() + " lines added, "
                    + applied.diff().linesRemoved() + " removed");
        }
    }

    private ContainerSpecs.Images images(Mode mode) {
        BaseImages base = new BaseImages(docker);
        Map<BaseImages.Kind, String> chosen = new HashMap<>();
        for (BaseImages.Choice choice : base.chooseAll()) {
            messages.accept("base image for " + choice.kind().name().toLowerCase() + ": " + choice.source());
            chosen.put(choice.kind(), choice.image());
        }
        AppImageBuilder builder = new AppImageBuilder(docker);
        Map<String, String> apps = new LinkedHashMap<>();
        for (String service : mode.services()) {
            apps.put(service, builder.imageFor("shop-" + service, artifacts.jar(service),
                    chosen.get(BaseImages.Kind.JRE), messages));
        }
        return new ContainerSpecs.Images(chosen.get(BaseImages.Kind.POSTGRES), chosen.get(BaseImages.Kind.HAPROXY),
                chosen.get(BaseImages.Kind.NGINX), apps);
    }

    /**
     * The settings the stack was last brought up with: those of its newest container. PostgreSQL, HAProxy and nginx
     * outlive a mode switch with the labels they were created with; the replicas started by the switch carry the
     * new mode.
     */
    private static Optional<StackSettings> settings(DockerStack stack) {
        return stack.stackContainers().stream()
                .filter(container -> StackSettings.presentIn(container.getLabels()))
                .max(Comparator.comparing(Container::getCreated))
                .map(container -> StackSettings.fromLabels(container.getLabels()));
    }

    private static StackAddresses freeAddresses(DockerStack stack) {
        var used = stack.usedSubnets();
        return StackAddresses.candidateSubnets().stream().filter(subnet -> !used.contains(subnet))
                .map(StackAddresses::new).findFirst()
                .orElseThrow(() -> new IllegalStateException("No free 172.29.x.0/24 subnet for the stack network"));
    }

    private static Map<String, Integer> currentReplicas(DockerStack stack, Mode mode) {
        Map<String, Integer> counts = new TreeMap<>();
        mode.services().forEach(service -> counts.put(service, 0));
        stack.observe().containers().stream().filter(ObservedContainer::isApp)
                .filter(c -> counts.containsKey(c.service()))
                .forEach(c -> counts.merge(c.service(), 1, Integer::sum));
        counts.replaceAll((service, count) -> Math.max(1, Math.min(count, DesiredTopology.MAX_REPLICAS)));
        return counts;
    }

    private static void requireFreePort(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new TopologyException("Port " + port + " on 127.0.0.1 is already taken by another program. "
                    + "Stop it, or choose another port with --port.");
        }
    }

    private static int shutdownOrder(Container container) {
        String role = container.getLabels().getOrDefault(Labels.ROLE, "");
        return switch (role) {
            case Labels.ROLE_NGINX -> 0;
            case Labels.ROLE_APP -> 1;
            case Labels.ROLE_HAPROXY -> 2;
            default -> 3;
        };
    }
}
