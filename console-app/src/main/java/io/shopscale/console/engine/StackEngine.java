package io.shopscale.console.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.shopscale.console.docker.AppImageBuilder;
import io.shopscale.console.docker.BaseImages;
import io.shopscale.console.docker.DockerContainerShell;
import io.shopscale.console.docker.DockerHost;
import io.shopscale.console.docker.DockerStack;
import io.shopscale.console.docker.StackAddresses;
import io.shopscale.console.export.ExportFormat;
import io.shopscale.console.export.StackExporter;
import io.shopscale.console.health.ReadinessProbe;
import io.shopscale.console.logs.MergedLog;
import io.shopscale.console.metrics.EventKind;
import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.metrics.Subscription;
import io.shopscale.console.nginx.BackendsControl;
import io.shopscale.console.nginx.ExportConfigRenderer;
import io.shopscale.console.nginx.NginxConfigurator;
import io.shopscale.console.nginx.NginxUnreachableException;
import io.shopscale.console.nginx.RoutedBackend;
import io.shopscale.console.plan.ContainerState;
import io.shopscale.console.plan.Labels;
import io.shopscale.console.plan.ObservedContainer;
import io.shopscale.console.plan.ObservedStack;
import io.shopscale.console.plan.Plan;
import io.shopscale.console.plan.Planner;
import io.shopscale.console.plan.ResourceNames;
import io.shopscale.console.topology.DesiredTopology;
import io.shopscale.console.topology.Mode;
import io.shopscale.console.topology.StackName;
import io.shopscale.console.topology.TopologyException;
import io.shopscale.console.topology.UserText;

/**
 * The engine port on one Docker engine: observe the stack (its labels, its replicas' readiness, what nginx routes to),
 * plan, execute. What the user asked for is recorded on the stack itself ({@link StackWish}), so nothing is
 * remembered between calls and a restarted console, or another process, picks up where the last one stopped.
 */
public final class StackEngine implements ShopEngine {

    private final Supplier<DockerHost> host;
    private final Supplier<ShopArtifacts> artifacts;
    private final Path home;
    private final String client;
    private final boolean waitForStack;
    private final ReadinessProbe probe = new ReadinessProbe();
    private final Function<StackName, StackRuntime> runtimes;
    private DockerHost connected;

    /**
     * @param host         connects to the Docker engine, on first use, so that a window opened without Docker says why
     *                     instead of failing to open
     * @param artifacts    where the shop's jars are; asked only by {@code up}, so the other commands work without
     *                     the source tree
     * @param home         where stacks keep their secrets and locks ({@code ~/.shopscale})
     * @param client       who runs the commands, for whoever waits for the stack ("shopctl", "console window")
     * @param waitForStack whether a command waits while another holds the stack, or fails at once
     */
    public StackEngine(Supplier<DockerHost> host, Supplier<ShopArtifacts> artifacts, Path home, String client,
            boolean waitForStack) {
        this(host, artifacts, home, client, waitForStack, null);
    }

    /** @param runtimes the port below, for tests; null: each stack on the Docker engine of {@code host} */
    StackEngine(Supplier<DockerHost> host, Supplier<ShopArtifacts> artifacts, Path home, String client,
            boolean waitForStack, Function<StackName, StackRuntime> runtimes) {
        this.host = host;
        this.artifacts = artifacts;
        this.home = home;
        this.client = client;
        this.waitForStack = waitForStack;
        this.runtimes = runtimes != null ? runtimes : this::dockerRuntime;
    }

    /** An engine on the local Docker engine ({@link DockerHost#connect()}), with the project's jars when asked. */
    public static StackEngine onLocalDocker(Path home, String client, boolean waitForStack) {
        return new StackEngine(DockerHost::connect, ShopArtifacts::locate, home, client, waitForStack);
    }

    @Override
    public Plan up(DesiredTopology desired, EngineListener events) {
        try (StackLock lock = lock(desired.stack(), "up --mode " + desired.mode().label(), events)) {
            StackRuntime runtime = runtimes.apply(desired.stack());
            Optional<StackWish> running = runtime.wish();
            if (running.isEmpty() || running.get().desired().publishPort() != desired.publishPort()) {
                requireFreePort(desired.publishPort());
            }
            StackWish wish = new StackWish(desired, images(desired.mode(), events));
            runtime.record(wish);
            return converge(runtime, wish, events);
        }
    }

    @Override
    public Plan scale(StackName name, Map<String, Integer> replicas, EngineListener events) {
        String asked = replicas.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        try (StackLock lock = lock(name, "scale " + asked, events)) {
            StackRuntime runtime = runtimes.apply(name);
            StackWish wish = requireWish(runtime, name);
            replicas.keySet().forEach(wish.desired().mode()::requireService);
            StackWish changed = wish.withReplicas(replicas);
            if (!changed.equals(wish)) {
                runtime.record(changed);
            }
            return converge(runtime, changed, events);
        }
    }

    @Override
    public Plan heal(StackName name, EngineListener events) {
        try (StackLock lock = lock(name, "heal", events)) {
            StackRuntime runtime = runtimes.apply(name);
            return converge(runtime, requireWish(runtime, name), events);
        }
    }

    /**
     * One round of the monitor's routing guard: when no command holds the stack, route nginx to exactly the replicas
     * that answer their readiness probe. Skipped, not awaited, while a command runs: that command routes itself.
     *
     * @param changed told what changed, one line per step ({@code upstreams nginx monolith=[1,3] (routed, not
     *                ready: monolith:2)}), when nginx's routing changed
     */
    void guardRouting(StackName name, java.util.function.Consumer<String> changed) {
        StackLock lock;
        try {
            lock = StackLock.acquire(home, name, client + " routing guard", false, holder -> { });
        } catch (StackLock.StackBusyException busy) {
            return;
        }
        try (lock) {
            StackRuntime runtime = runtimes.apply(name);
            Optional<StackWish> wish = runtime.wish();
            if (wish.isEmpty()) {
                return;
            }
            Plan plan = Planner.routing(wish.get().desired(), runtime.observe(wish.get()));
            runtime.execute(wish.get(), plan, EngineListener.IGNORE);
            plan.operations().forEach(step -> changed.accept(step.summary()));
        }
    }

    @Override
    public void down(StackName name, boolean volumes, EngineListener events) {
        try (StackLock lock = lock(name, "down", events)) {
            DockerStack stack = docker().stack(name.value());
            List<ObservedContainer> containers = new ArrayList<>(stack.observe().containers());
            // Entry first, so no request reaches a replica that is going away; the database last.
            containers.sort(Comparator.comparingInt(StackEngine::shutdownOrder));
            for (ObservedContainer container : containers) {
                stack.stop(container.name(), Planner.STOP_TIMEOUT);
                stack.remove(container.name());
                events.on(new EngineEvent.Removed("container " + container.name()));
            }
            stack.removeWishes();
            stack.observe().network().ifPresent(network -> {
                stack.removeNetwork(network);
                events.on(new EngineEvent.Removed("network " + network));
            });
            if (volumes) {
                for (String volume : stack.observe().volumes()) {
                    stack.removeVolume(volume);
                    events.on(new EngineEvent.Removed("volume " + volume));
                }
                StackSecrets.forget(home, name);
                events.on(new EngineEvent.Removed("the stack's secrets"));
            } else {
                events.on(new EngineEvent.Kept(List.of(ResourceNames.databaseVolume(name),
                        ResourceNames.staticFilesVolume(name)), "use --volumes to remove the data too"));
            }
        }
    }

    @Override
    public void kill(StackName name, String containerName) {
        DockerStack stack = docker().stack(name.value());
        boolean isReplica = stack.observe().containers().stream()
                .anyMatch(c -> c.isApp() && c.name().equals(containerName));
        if (!isReplica) {
            throw new TopologyException(UserText.quote(containerName) + " is not a replica of stack " + name.value());
        }
        stack.kill(containerName);
    }

    @Override
    public StackStatus status(StackName name) {
        DockerStack stack = docker().stack(name.value());
        DockerStackRuntime runtime = dockerRuntime(name);
        Optional<StackWish> wish = runtime.wish();
        Optional<StackAddresses> addresses = stack.addresses();
        Instant now = Instant.now();
        DockerStackRuntime.Observation observation = runtime.observation(wish, now);
        ObservedStack observed = observation.stack();
        Map<String, List<Integer>> warming = new HashMap<>();
        // A replica alone in its pool takes every request however cold it is: only one that shares it is warming.
        observation.routing().ifPresent(routing -> routing.warming(now).forEach((service, backends) -> {
            if (routing.pools().getOrDefault(service, List.of()).size() > 1) {
                warming.put(service, backends.stream().map(RoutedBackend::replica).toList());
            }
        }));
        List<StackStatus.Replica> containers = observed.containers().stream()
                .sorted(Comparator.comparing(ObservedContainer::role).thenComparing(ObservedContainer::service)
                        .thenComparingInt(ObservedContainer::replica))
                .map(c -> new StackStatus.Replica(c.name(), c.role(), c.service(), c.replica(), c.state().label(),
                        c.isServing(), addresses.map(a -> a.of(c.ref())).orElse(""),
                        routed(observed, c), c.isApp() && warming.getOrDefault(c.service(), List.of())
                                .contains(c.replica())))
                .toList();
        Long parked = containers.stream()
                .filter(c -> Labels.ROLE_POSTGRES.equals(c.role())
                        && ContainerState.RUNNING.label().equals(c.state()))
                .findFirst()
                .flatMap(postgres -> ParkedEvents.count(stack, postgres.name()))
                .orElse(null);
        return new StackStatus(name.value(), wish.map(w -> w.desired().mode().label()).orElse(""),
                wish.map(w -> url(w.desired().publishPort())).orElse(""), containers,
                wish.map(w -> w.desired().replicas()).orElse(Map.of()),
                StackLock.holder(home, name).map(StackLock.Holder::describe).orElse(""), parked);
    }

    @Override
    public Subscription monitor(StackName name, MetricsHub hub) {
        return StackMonitor.start(docker(), name, hub,
                () -> guardRouting(name, change -> hub.recordEvent(EventKind.ROUTING, change)))::close;
    }

    @Override
    public String logs(StackName name, Optional<String> service, int lines) {
        DockerStack stack = docker().stack(name.value());
        MergedLog log = new MergedLog();
        stack.observe().containers().stream()
                .filter(c -> service.map(s -> s.equals(c.service())).orElse(true))
                .sorted(Comparator.comparing(ObservedContainer::name))
                .forEach(c -> log.add(c.name(), stack.logs(c.name(), lines, true)));
        return log.text();
    }

    /**
     * The config nginx runs now (the file in its container, which the engine replaces only once it passed), followed
     * by a comment with the replicas its balancer routes to now, read back from nginx.
     */
    @Override
    public String nginxConfig(StackName name) {
        DockerStack stack = docker().stack(name.value());
        if (stack.addresses().isEmpty()) {
            throw new TopologyException("Stack " + name.value() + " is not running.");
        }
        DockerContainerShell nginx = new DockerContainerShell(stack,
                ResourceNames.infrastructureContainer(name, Labels.ROLE_NGINX));
        String config = nginx.readFile(NginxConfigurator.CONFIG_PATH);
        try {
            return config + "\n" + new BackendsControl(nginx).read().asComment(java.time.Instant.now());
        } catch (NginxUnreachableException e) {
            return config + "\n# nginx did not say which replicas it routes to: " + e.getMessage() + "\n";
        }
    }

    @Override
    public List<Path> export(StackName name, ExportFormat format, Path directory, boolean withSecrets) {
        StackWish wish = requireWish(runtimes.apply(name), name);
        return StackExporter.write(StackBlueprints.of(wish, StackSecrets.forStack(home, name),
                ExportConfigRenderer.withDefaultTemplates()), format, directory, withSecrets);
    }

    public static String url(int port) {
        return "http://127.0.0.1:" + port + "/";
    }

    private synchronized DockerHost docker() {
        if (connected == null) {
            connected = host.get();
        }
        return connected;
    }

    private StackLock lock(StackName name, String command, EngineListener events) {
        return StackLock.acquire(home, name, client + " " + command, waitForStack,
                holder -> events.on(new EngineEvent.WaitingForStack(name.value(), holder)));
    }

    private static boolean routed(ObservedStack observed, ObservedContainer container) {
        return container.isApp() && observed.routing()
                .map(r -> r.getOrDefault(container.service(), List.of()).contains(container.replica()))
                .orElse(false);
    }

    /** Base images as found on the engine, and an app image per service built from the newest jars. */
    private ContainerSpecs.Images images(Mode mode, EngineListener events) {
        BaseImages base = docker().baseImages();
        Map<BaseImages.Kind, String> chosen = new HashMap<>();
        for (BaseImages.Choice choice : base.chooseAll()) {
            events.on(new EngineEvent.BaseImageChosen(choice.kind().name().toLowerCase(java.util.Locale.ROOT),
                    choice.image(), choice.source()));
            chosen.put(choice.kind(), choice.image());
        }
        AppImageBuilder builder = docker().imageBuilder();
        ShopArtifacts jars = artifacts.get();
        Map<String, String> apps = new LinkedHashMap<>();
        for (String service : mode.services()) {
            AppImageBuilder.AppImage image = builder.imageFor("shop-" + service, jars.jar(service),
                    chosen.get(BaseImages.Kind.JRE), line -> events.on(new EngineEvent.ImageBuildOutput(line)));
            events.on(new EngineEvent.AppImageReady(service, image.tag(), image.built()));
            apps.put(service, image.tag());
        }
        return new ContainerSpecs.Images(chosen.get(BaseImages.Kind.POSTGRES), chosen.get(BaseImages.Kind.HAPROXY),
                chosen.get(BaseImages.Kind.NGINX), apps);
    }

    private DockerStackRuntime dockerRuntime(StackName name) {
        return new DockerStackRuntime(docker().stack(name.value()), name, home, probe);
    }

    private static Plan converge(StackRuntime runtime, StackWish wish, EngineListener events) {
        Plan plan = Planner.plan(wish.desired(), runtime.observe(wish), runtime.appConfigHash(wish));
        runtime.execute(wish, plan, events);
        return plan;
    }

    private static StackWish requireWish(StackRuntime runtime, StackName name) {
        return runtime.wish().orElseThrow(() -> new TopologyException("Stack " + name.value()
                + " is not running, or was started by an older console; start it with `shopctl up`."));
    }

    private static void requireFreePort(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new TopologyException("Port " + port + " on 127.0.0.1 is already taken by another program. "
                    + "Stop it, or choose another port with --port.");
        }
    }

    private static int shutdownOrder(ObservedContainer container) {
        return switch (container.role()) {
            case Labels.ROLE_NGINX -> 0;
            case Labels.ROLE_APP -> 1;
            case Labels.ROLE_HAPROXY -> 2;
            default -> 3;
        };
    }
}
