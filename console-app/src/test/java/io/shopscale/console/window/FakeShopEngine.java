package io.shopscale.console.window;

import io.shopscale.console.engine.EngineEvent;
import io.shopscale.console.engine.ShopEngine;
import io.shopscale.console.plan.Plan;
import java.util.TreeMap;
import io.shopscale.console.topology.Mode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.shopscale.console.engine.StackStatus;
import io.shopscale.console.topology.EngineKind;
import io.shopscale.console.fault.Fault;
import io.shopscale.console.fault.FaultChange;
import io.shopscale.console.fault.FaultsInForce;
import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.nginx.ConfigDiff;
import io.shopscale.console.metrics.Subscription;
import io.shopscale.console.plan.ContainerRef;
import io.shopscale.console.plan.Operation;
import io.shopscale.console.plan.ProgressEvent;
import io.shopscale.console.topology.DesiredTopology;
import io.shopscale.console.topology.StackName;

/**
 * An engine that keeps its stack in a list: each replica it starts is ready at once, next to nginx, HAProxy and
 * PostgreSQL; it can be told to fail, and to render and reload nginx's config as it scales.
 */
public final class FakeShopEngine implements ShopEngine {

    public static final EngineEvent.BaseImageChosen IMAGE_CHOSEN =
            new EngineEvent.BaseImageChosen("jre", "shopscale/jre:17", "shopscale/jre:17 (built from Debian packages)");

    private final List<StackStatus.Replica> containers = new ArrayList<>();
    private final List<String> commands = new ArrayList<>();
    private String mode = "";
    private EngineKind engine = EngineKind.DOCKER;
    private int port;
    private RuntimeException failure;
    private DesiredTopology lastUp;
    private Long parkedEvents;
    private int openMonitors;
    private String nginxConfig = "upstream monolith {\n}\n";
    private boolean reloadsNginx;
    private int nginxReads;
    private int logReads;
    private final Map<String, List<String>> logLines = new LinkedHashMap<>();
    private FaultsInForce faults = FaultsInForce.NONE;

    /** What status reports of the outbox's parked events; null: the database was not asked. */
    public void setParkedEvents(Long parked) {
        parkedEvents = parked;
    }

    /** Every call from now on throws this; null makes the engine work again. */
    public void failWith(RuntimeException problem) {
        failure = problem;
    }

    public List<String> commands() {
        return commands;
    }

    /** Changes one replica as Docker would report it. */
    public void setReplica(String service, int replica, String state, boolean ready) {
        containers.removeIf(c -> c.service().equals(service) && c.replica() == replica);
        containers.add(new StackStatus.Replica(name(service, replica), "app", service, replica, state, ready, ""));
    }

    public void setNginxConfig(String config) {
        nginxConfig = config;
    }

    /** From now on each scale renders an upstream per service and reports the reload, as the real engine does. */
    public void reloadNginxOnScale() {
        reloadsNginx = true;
    }

    /** Adds a line to what {@link #logs} returns for one container, after its start line. */
    public void addLogLine(String container, String line) {
        logLines.computeIfAbsent(container, name -> new ArrayList<>()).add(line);
    }

    /** How often the nginx config was read. */
    public int nginxReads() {
        return nginxReads;
    }

    /** What the last {@code up} asked for; null before one. */
    public DesiredTopology lastUp() {
        return lastUp;
    }

    /** How often the logs were read. */
    public int logReads() {
        return logReads;
    }

    /** The engine is only remembered: the stack runs in this list whichever is asked for. */
    @Override
    public Plan up(DesiredTopology desired, EngineKind engine, EngineListener progress) {
        this.engine = engine;
        return up(desired, progress);
    }

    @Override
    public Plan up(DesiredTopology desired, EngineListener progress) {
        check();
        commands.add("up " + desired.mode().label());
        lastUp = desired;
        mode = desired.mode().label();
        port = desired.publishPort();
        progress.on(IMAGE_CHOSEN);
        for (String role : List.of("haproxy", "nginx", "postgres")) {
            containers.removeIf(c -> c.role().equals(role));
            containers.add(new StackStatus.Replica("window-" + role, role, role, 1, "running", true, ""));
        }
        containers.removeIf(c -> c.role().equals("app") && !desired.mode().hasService(c.service()));
        desired.replicas().forEach((service, count) -> converge(service, count, progress));
        return new Plan(desired, List.of());
    }

    @Override
    public Plan scale(StackName stack, Map<String, Integer> replicas, EngineListener progress) {
        check();
        commands.add("scale " + replicas);
        replicas.forEach((service, count) -> converge(service, count, progress));
        containers.replaceAll(c -> c.state().equals("running") ? c
                : new StackStatus.Replica(c.name(), c.role(), c.service(), c.replica(), "running", true, ""));
        if (reloadsNginx) {
            String before = nginxConfig;
            nginxConfig = renderedNginxConfig();
            if (!before.equals(nginxConfig)) {
                Map<String, List<Integer>> routing = new TreeMap<>();
                containers.stream().filter(c -> c.role().equals("app")).forEach(c ->
                        routing.computeIfAbsent(c.service(), any -> new ArrayList<>()).add(c.replica()));
                progress.on(new EngineEvent.RoutingChanged(routing, true));
            }
        }
        return emptyPlan(stack);
    }

    @Override
    public Plan heal(StackName stack, EngineListener progress) {
        check();
        commands.add("heal");
        containers.replaceAll(c -> c.state().equals("running") ? c
                : new StackStatus.Replica(c.name(), c.role(), c.service(), c.replica(), "running", true, ""));
        return emptyPlan(stack);
    }

    @Override
    public void down(StackName stack, boolean volumes, EngineListener progress) {
        check();
        commands.add("down");
        containers.forEach(c -> progress.on(new EngineEvent.Removed("container " + c.name())));
        containers.clear();
        mode = "";
    }

    @Override
    public void kill(StackName stack, String container) {
        check();
        commands.add("kill " + container);
        containers.replaceAll(c -> c.name().equals(container)
                ? new StackStatus.Replica(c.name(), c.role(), c.service(), c.replica(), "exited", false, "") : c);
    }

    @Override
    public StackStatus status(StackName stack) {
        check();
        return new StackStatus(stack.value(), mode, mode.isEmpty() ? "" : "http://127.0.0.1:" + port + "/",
                List.copyOf(containers), Map.of(), "", parkedEvents, engine.label(), faults.texts());
    }

    @Override
    public FaultsInForce faults(StackName stack) {
        check();
        return faults;
    }

    /** Keeps the faults in memory, as the real engine keeps them with the stack; {@code down} kills the replica. */
    @Override
    public FaultsInForce switchFault(StackName stack, FaultChange change, EngineListener events) {
        check();
        commands.add("fault " + change.toText());
        if (change instanceof FaultChange.On on && on.fault() instanceof Fault.Down down) {
            kill(stack, name(down.on().service(), down.on().replica()));
            return faults;
        }
        FaultsInForce before = faults;
        faults = faults.after(change);
        before.faults().stream().filter(f -> !faults.faults().contains(f))
                .forEach(f -> events.on(new EngineEvent.FaultSwitched(f.toText(), false, "")));
        faults.faults().stream().filter(f -> !before.faults().contains(f))
                .forEach(f -> events.on(new EngineEvent.FaultSwitched(f.toText(), true, "")));
        return faults;
    }

    @Override
    public String nginxConfig(StackName stack) {
        check();
        nginxReads++;
        return nginxConfig;
    }

    @Override
    public String logs(StackName stack, Optional<String> service, int lines) {
        check();
        logReads++;
        StringBuilder text = new StringBuilder();
        containers.stream().filter(c -> service.map(c.service()::equals).orElse(true))
                .forEach(c -> {
                    text.append(c.name()).append(" | Started ShopApplication\n");
                    logLines.getOrDefault(c.name(), List.of())
                            .forEach(line -> text.append(c.name()).append(" | ").append(line).append('\n'));
                });
        return text.toString();
    }

    @Override
    public Subscription monitor(StackName stack, MetricsHub hub) {
        check();
        openMonitors++;
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                openMonitors--;
            }
        };
    }

    /** Monitors opened and not yet closed; kept apart from {@link #commands()}, which lists what changes the stack. */
    public int openMonitors() {
        return openMonitors;
    }

    private void converge(String service, int count, EngineListener progress) {
        int present = (int) containers.stream().filter(c -> c.service().equals(service)).count();
        int total = Math.abs(count - present);
        int step = 0;
        for (int replica = present + 1; replica <= count; replica++) {
            Operation start = new Operation.StartContainer(ContainerRef.app(StackName.of("window"), service, replica),
                    "scale up");
            progress.on(step(new ProgressEvent.StepStarted(start, ++step, total)));
            progress.on(step(new ProgressEvent.StepFinished(start, step, total, Duration.ofMillis(400))));
            setReplica(service, replica, "running", true);
        }
        for (int replica = present; replica > count; replica--) {
            int gone = replica;
            Operation remove = new Operation.RemoveContainer(ContainerRef.app(StackName.of("window"), service, gone),
                    "scale down");
            progress.on(step(new ProgressEvent.StepFinished(remove, ++step, total, Duration.ofMillis(100))));
            containers.removeIf(c -> c.service().equals(service) && c.replica() == gone);
        }
    }

    private String renderedNginxConfig() {
        StringBuilder config = new StringBuilder();
        containers.stream().filter(c -> c.role().equals("app")).map(StackStatus.Replica::service).distinct()
                .forEach(service -> {
                    config.append("upstream ").append(service).append(" {\n");
                    containers.stream().filter(c -> c.service().equals(service))
                            .forEach(c -> config.append("    server ").append(c.name()).append(":8080;\n"));
                    config.append("}\n");
                });
        return config.toString();
    }

    private Plan emptyPlan(StackName stack) {
        Mode shown = Mode.parse(mode.isEmpty() ? "monolith" : mode);
        return new Plan(DesiredTopology.initial(stack, shown, port == 0 ? 8080 : port), List.of());
    }

    private static EngineEvent step(ProgressEvent progress) {
        return new EngineEvent.Step(progress);
    }

    private void check() {
        if (failure != null) {
            throw failure;
        }
    }

    static String name(String service, int replica) {
        return "window-" + service + "-" + replica;
    }
}
