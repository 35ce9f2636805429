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
import io.shopscale.console.export.ExportFormat;
import io.shopscale.console.export.StackExporter;
import io.shopscale.console.fault.Fault;
import io.shopscale.console.fault.FaultChange;
import io.shopscale.console.fault.FaultTarget;
import io.shopscale.console.fault.FaultsInForce;
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
import io.shopscale.console.swarm.SwarmStack;
import io.shopscale.console.topology.DesiredTopology;
import io.shopscale.console.topology.EngineKind;
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
    /** The port below, for tests; null: each stack on the engine its wish records. */
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
        this.runtimes = runtimes;
    }

    /** An engine on the local Docker engine ({@link DockerHost#connect()}), with the project's jars when asked. */
    public static StackEngine onLocalDocker(Path home, String client, boolean waitForStack) {
        return new StackEngine(DockerHost::connect, ShopArtifacts::locate, home, client, waitForStack);
    }

    /** Brings the stack up on the engine it runs on; a new stack on the Docker engine. */
    @Override
    public Plan up(DesiredTopology desired, EngineListener events) {
        return up(desired, runtime(desired.stack(), Optional.empty()).wish().map(StackWish::engine)
                .orElse(EngineKind.DOCKER), events);
    }

    @Override
    public Plan up(DesiredTopology desired, EngineKind engine, EngineListener events) {
        try (StackLock lock = lock(desired.stack(), "up --mode " + desired.mode().label() + " --engine "
                + engine.label(), events)) {
            StackRuntime runtime = runtime(desired.stack(), Optional.of(engine));
            Optional<StackWish> running = runtime.wish();
            if (running.isPresent() && running.get().engine() != engine) {
                throw new TopologyException("Stack " + desired.stack().value() + " runs on "
                        + running.get().engine().label() + "; take it down first (`shopctl down --stack "
                        + desired.stack().value() + "`) to start it on " + engine.label() + ".");
            }
            if (running.isEmpty() || running.get().desired().publishPort() != desired.publishPort()) {
                requireFreePort(desired.publishPort());
            }
            StackWish wish = new StackWish(desired, images(desired.mode(), events), engine);
            runtime.record(wish);
            return converge(desired.stack(), runtime, wish, events, true);
        }
    }

    @Override
    public Plan scale(StackName name, Map<String, Integer> replicas, EngineListener events) {
        String asked = replicas.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        try (StackLock lock = lock(name, "scale " + asked, events)) {
            StackRuntime runtime = runtime(name, Optional.empty());
            StackWish wish = requireWish(runtime, name);
            replicas.keySet().forEach(wish.desired().mode()::requireService);
            StackWish changed = wish.withReplicas(replicas);
            if (!changed.equals(wish)) {
                runtime.record(changed);
            }
            return converge(name, runtime, changed, events, false);
        }
    }

    @Override
    public Plan heal(StackName name, EngineListener events) {
        try (StackLock lock = lock(name, "heal", events)) {
            StackRuntime runtime = runtime(name, Optional.empty());
            return converge(name, runtime, requireWish(runtime, name), events, false);
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
            StackRuntime runtime = runtime(name, Optional.empty());
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
            // A frozen container cannot stop gracefully; its fault stays kept for the next up.
            stack.pausedContainers().forEach(stack::unpause);
            // nginx first, so that no request reaches a task that is going away; then the Swarm services.
            stack.observe().containers().stream().filter(c -> c.role().equals(Labels.ROLE_NGINX)).forEach(nginx -> {
                stack.stop(nginx.name(), Planner.STOP_TIMEOUT);
                stack.remove(nginx.name());
                events.on(new EngineEvent.Removed("container " + nginx.name()));
            });
            SwarmStack.of(stack, name.value()).removeServicesAndSecrets(Planner.STOP_TIMEOUT.multipliedBy(2))
                    .forEach(removed -> events.on(new EngineEvent.Removed(removed)));
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
                removeNetwork(stack, network);
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
        runtime(name, Optional.empty()).kill(containerName);
    }

    @Override
    public StackStatus status(StackName name) {
        DockerStack stack = docker().stack(name.value());
        StackRuntime runtime = runtime(name, Optional.empty());
        Optional<StackWish> wish = runtime.wish();
        Instant now = Instant.now();
        StackObservation observation = runtime.observation(wish, now);
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
                        c.isServing(), observation.addresses().getOrDefault(c.name(), ""),
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
                StackLock.holder(home, name).map(StackLock.Holder::describe).orElse(""), parked,
                wish.map(w -> w.engine().label()).orElse(""), faultTexts(name));
    }

    @Override
    public FaultsInForce faults(StackName name) {
        return StackFaults.read(home, name);
    }

    @Override
    public FaultsInForce switchFault(StackName name, FaultChange change, EngineListener events) {
        try (StackLock lock = lock(name, "fault " + change.toText(), events)) {
            StackRuntime runtime = runtime(name, Optional.empty());
            StackWish wish = requireWish(runtime, name);
            if (wish.engine() != EngineKind.DOCKER) {
                throw new TopologyException("Stack " + name.value() + " runs on " + wish.engine().label()
                        + "; faults run on the Docker engine only (Swarm would replace a frozen task).");
            }
            FaultsInForce before = StackFaults.read(home, name);
            if (change instanceof FaultChange.On on) {
                requireTarget(wish, on.fault());
                if (on.fault() instanceof Fault.Down down) {
                    kill(name, ResourceNames.appContainer(name, down.on().service(), down.on().replica()));
                    events.on(new EngineEvent.FaultSwitched(down.toText(), true,
                            "killed; nginx routes around it, heal replaces it"));
                    return before;
                }
            }
            FaultsInForce after = before.after(change);
            // Kept first, as the wish is: a command stopped halfway leaves what was asked, not what was done.
            StackFaults.write(home, name, after);
            runtime.applyFaults(wish, after, paymentsChanged(before, after));
            before.faults().stream().filter(fault -> !after.faults().contains(fault))
                    .forEach(fault -> events.on(new EngineEvent.FaultSwitched(fault.toText(), false, "")));
            after.faults().stream().filter(fault -> !before.faults().contains(fault))
                    .forEach(fault -> events.on(new EngineEvent.FaultSwitched(fault.toText(), true, "")));
            return after;
        }
    }

    private List<String> faultTexts(StackName name) {
        try {
            return StackFaults.read(home, name).texts();
        } catch (RuntimeException unreadable) {
            return List.of("(the kept faults cannot be read: " + unreadable.getMessage() + ")");
        }
    }

    private static boolean paymentsChanged(FaultsInForce before, FaultsInForce after) {
        return !before.paymentsLatency().equals(after.paymentsLatency())
                || before.paymentsFailureRate() != after.paymentsFailureRate();
    }

    /** Refuses a fault whose replica the stack does not run; payment faults and the database fit every stack. */
    private static void requireTarget(StackWish wish, Fault fault) {
        FaultTarget target = targetOf(fault);
        if (target != null && !targetExists(wish, target)) {
            DesiredTopology desired = wish.desired();
            throw new TopologyException(target.text() + " is not a replica of stack " + desired.stack().value()
                    + "; it runs " + desired.replicas().entrySet().stream()
                    .map(e -> e.getKey() + ":1" + (e.getValue() > 1 ? " to " + e.getKey() + ":" + e.getValue() : ""))
                    .collect(Collectors.joining(", ")));
        }
    }

    /** The container target of a fault; null for the payment faults. */
    private static FaultTarget targetOf(Fault fault) {
        if (fault instanceof Fault.Timeout timeout) {
            return timeout.on();
        }
        if (fault instanceof Fault.Slow slow) {
            return slow.on();
        }
        return fault instanceof Fault.Down down ? down.on() : null;
    }

    private static boolean targetExists(StackWish wish, FaultTarget target) {
        return target.isDatabase() || wish.desired().mode().hasService(target.service())
                && target.replica() <= wish.desired().replicasOf(target.service());
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
        StackWish wish = requireWish(runtime(name, Optional.empty()), name);
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
                    chosen.get(BaseImages.Kind.JRE), ContainerSpecs.JAVA_OPTIONS,
                    line -> events.on(new EngineEvent.ImageBuildOutput(line)));
            events.on(new EngineEvent.AppImageReady(service, image.tag(), image.built()));
            apps.put(service, image.tag());
        }
        return new ContainerSpecs.Images(chosen.get(BaseImages.Kind.POSTGRES), chosen.get(BaseImages.Kind.HAPROXY),
                chosen.get(BaseImages.Kind.NGINX), apps);
    }

    /**
     * The runtime of the stack: on the engine asked for, else on the one its wish records (the Docker engine when it
     * has none).
     */
    private StackRuntime runtime(StackName name, Optional<EngineKind> asked) {
        if (runtimes != null) {
            return runtimes.apply(name);
        }
        DockerStack stack = docker().stack(name.value());
        EngineKind engine = asked.orElseGet(() -> stack.readWish().flatMap(labels -> StackWish.fromLabels(name,
                labels)).map(StackWish::engine).orElse(EngineKind.DOCKER));
        if (engine == EngineKind.DOCKER) {
            return new DockerStackRuntime(stack, name, home, probe);
        }
        SwarmStack swarm = SwarmStack.of(stack, name.value());
        if (!swarm.managesSwarm()) {
            throw new TopologyException("This Docker engine is not a manager of an active swarm, so it cannot run "
                    + "stack " + name.value() + " on Swarm. Make it one with `docker swarm init` (or "
                    + "`SHOPSCALE_SWARM=1 bin/setup-machine`).");
        }
        return new SwarmStackRuntime(stack, swarm, name, home);
    }

    /**
     * Removes the stack's network. An overlay network refuses while the tasks that left it are still being cleaned
     * up, for a few seconds after their containers are gone.
     */
    private static void removeNetwork(DockerStack stack, String network) {
        for (int attempt = 1; ; attempt++) {
            try {
                stack.removeNetwork(network);
                return;
            } catch (RuntimeException stillInUse) {
                if (attempt >= 20) {
                    throw stillInUse;
                }
                sleepQuietly(java.time.Duration.ofMillis(500));
            }
        }
    }

    private static void sleepQuietly(java.time.Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Plans and carries out {@code wish}, with the faults in force lifted while the plan runs (a frozen replica would
     * be replaced, a frozen database recreated) and applied again after it, to the containers it started too. A fault
     * of a replica the wish no longer has (scaled down, another mode) is dropped.
     *
     * @param announce report each fault applied again (after {@code up}: a forgotten fault must be seen)
     */
    private Plan converge(StackName name, StackRuntime runtime, StackWish wish, EngineListener events,
            boolean announce) {
        FaultsInForce kept = StackFaults.read(home, name);
        if (!kept.frozen().isEmpty()) {
            runtime.thaw();
        }
        Plan plan = runtime.plan(wish);
        runtime.execute(wish, plan, events);
        if (!kept.isEmpty() && wish.engine() == EngineKind.DOCKER) {
            FaultsInForce still = kept.retain(fault -> targetOf(fault) == null
                    || targetExists(wish, targetOf(fault)));
            if (!still.equals(kept)) {
                StackFaults.write(home, name, still);
                kept.faults().stream().filter(fault -> !still.faults().contains(fault)).forEach(fault ->
                        events.on(new EngineEvent.FaultSwitched(fault.toText(), false, "its replica is gone")));
            }
            runtime.applyFaults(wish, still, true);
            if (announce) {
                still.faults().forEach(fault -> events.on(new EngineEvent.FaultSwitched(fault.toText(), true,
                        "kept with the stack, applied again; shopctl fault clear --all lifts it")));
            }
        }
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
