package io.shopscale.console.docker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;

import io.shopscale.console.plan.ContainerState;
import io.shopscale.console.plan.Labels;
import io.shopscale.console.plan.ObservedContainer;
import io.shopscale.console.plan.ObservedStack;
import io.shopscale.console.plan.Readiness;

/**
 * The Docker calls for one stack. Everything it creates carries the stack label, and everything it finds, it finds
 * by that label.
 */
public final class DockerStack {

    private static final Duration NETWORK_GONE_TIMEOUT = Duration.ofSeconds(30);

    /** Docker's default weight is 1024: a starting replica gets half of a serving one's share. */
    static final int STARTING_CPU_SHARES = 512;
    static final int SERVING_CPU_SHARES = 1024;

    private final DockerClient docker;
    private final String stack;

    public DockerStack(DockerClient docker, String stack) {
        this.docker = docker;
        this.stack = stack;
    }

    public DockerClient client() {
        return docker;
    }

    // ---- observe ----

    public ObservedStack observe() {
        Optional<String> network = findNetwork().map(Network::getName);
        Set<String> volumes = new HashSet<>();
        docker.listVolumesCmd().withFilter("label", List.of(Labels.STACK + "=" + stack)).exec().getVolumes()
                .forEach(volume -> volumes.add(volume.getName()));
        List<ObservedContainer> containers = new ArrayList<>();
        for (Container container : stackContainers()) {
            if (!Labels.ROLE_WISH.equals(container.getLabels().get(Labels.ROLE))) {
                containers.add(observed(container));
            }
        }
        return new ObservedStack(network, volumes, containers, Optional.empty());
    }

    public List<Container> stackContainers() {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.STACK, stack)).exec();
    }

    public Optional<Network> findNetwork() {
        return docker.listNetworksCmd().withFilter("label", List.of(Labels.STACK + "=" + stack)).exec().stream()
                .findFirst();
    }

    /** The addresses on the stack's network, from its subnet; empty while the stack has no network. */
    public Optional<StackAddresses> addresses() {
        return findNetwork()
                .filter(network -> network.getIpam() != null && network.getIpam().getConfig() != null
                        && !network.getIpam().getConfig().isEmpty())
                .map(network -> new StackAddresses(network.getIpam().getConfig().get(0).getSubnet()));
    }

    /**
     * The container's address on {@code docker_gwbridge}, the bridge through which a container attached to an
     * overlay network reaches, and is reached from, this machine; empty for a container on no overlay network.
     */
    public Optional<String> gatewayBridgeAddress(String container) {
        try {
            String id = inspect(container).getId();
            Network bridge = docker.inspectNetworkCmd().withNetworkId("docker_gwbridge").exec();
            return Optional.ofNullable(bridge.getContainers()).map(containers -> containers.get(id))
                    .map(Network.ContainerNetworkConfig::getIpv4Address)
                    .map(address -> address.replaceFirst("/\\d+$", ""));
        } catch (NotFoundException noSuchBridgeOrContainer) {
            return Optional.empty();
        }
    }

    private ObservedContainer observed(Container container) {
        Map<String, String> labels = container.getLabels();
        String name = container.getNames()[0].replaceFirst("^/", "");
        ContainerState state = stateOf(container.getState());
        return new ObservedContainer(container.getId(), name, labels.getOrDefault(Labels.SERVICE, "?"),
                Integer.parseInt(labels.getOrDefault(Labels.REPLICA, "1")), labels.getOrDefault(Labels.ROLE, "?"),
                labels.getOrDefault(Labels.CONFIG_HASH, ""), state, readiness(container));
    }

    /** Docker's health status: "Up 5 seconds (healthy)"; a container without a health check is ready once it runs. */
    private static Readiness readiness(Container container) {
        String status = container.getStatus() == null ? "" : container.getStatus();
        if (status.contains("(healthy)") || !status.contains("(")) {
            return Readiness.READY;
        }
        return status.contains("(unhealthy)") ? Readiness.FAILING : Readiness.STARTING;
    }

    private static ContainerState stateOf(String state) {
        return switch (state == null ? "" : state) {
            case "created" -> ContainerState.CREATED;
            case "running" -> ContainerState.RUNNING;
            case "paused" -> ContainerState.PAUSED;
            case "restarting" -> ContainerState.RESTARTING;
            case "removing" -> ContainerState.REMOVING;
            case "dead" -> ContainerState.DEAD;
            default -> ContainerState.EXITED;
        };
    }

    // ---- the wish: what the user asked of the stack ----

    /** The labels of the newest wish that {@link #writeWish} recorded, if any. */
    public Optional<Map<String, String>> readWish() {
        return wishes().stream().max(java.util.Comparator.comparingLong(DockerStack::generation))
                .map(Container::getLabels);
    }

    /**
     * Records a wish as the labels of a container that is created and never started (labels cannot change, so each
     * wish is a new one). The newest generation wins, so a command stopped between writing the new one and removing
     * the old ones leaves the right answer behind.
     *
     * @param image any image present on the engine; nothing of it runs
     */
    public void writeWish(Map<String, String> wish, String image) {
        List<Container> older = wishes();
        long generation = older.stream().mapToLong(DockerStack::generation).max().orElse(0) + 1;
        Map<String, String> labels = new java.util.HashMap<>(wish);
        labels.put(Labels.STACK, stack);
        labels.put(Labels.ROLE, Labels.ROLE_WISH);
        labels.put(Labels.GENERATION, Long.toString(generation));
        docker.createContainerCmd(image).withName(stack + "-wish-" + generation).withLabels(labels)
                .withEntrypoint("true").withCmd(List.of())
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")).exec();
        older.forEach(old -> remove(old.getId()));
    }

    /** Removes every wish of the stack: for {@code down}. */
    public void removeWishes() {
        wishes().forEach(wish -> remove(wish.getId()));
    }

    private List<Container> wishes() {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.STACK, stack, Labels.ROLE, Labels.ROLE_WISH)).exec();
    }

    private static long generation(Container wish) {
        try {
            return Long.parseLong(wish.getLabels().getOrDefault(Labels.GENERATION, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    // ---- create and change ----

    public void createNetwork(String name, String subnet, String gateway) {
        docker.createNetworkCmd().withName(name).withDriver("bridge")
                .withLabels(Map.of(Labels.STACK, stack))
                .withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config().withSubnet(subnet)
                        .withGateway(gateway)))
                .exec();
    }

    /** Subnets that networks on this engine already use. */
    public Set<String> usedSubnets() {
        Set<String> used = new HashSet<>();
        for (Network network : docker.listNetworksCmd().exec()) {
            if (network.getIpam() != null && network.getIpam().getConfig() != null) {
                network.getIpam().getConfig().forEach(config -> used.add(config.getSubnet()));
            }
        }
        return used;
    }

    public void createVolume(String name) {
        docker.createVolumeCmd().withName(name).withLabels(Map.of(Labels.STACK, stack)).exec();
    }

    public void create(ContainerSpec spec, String network) {
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode(network)
                .withRestartPolicy(RestartPolicy.unlessStoppedRestart())
                .withMounts(spec.volumes().entrySet().stream()
                        .map(volume -> new Mount().withType(MountType.VOLUME).withSource(volume.getKey())
                                .withTarget(volume.getValue()))
                        .toList());
        if (spec.cpus() > 0) {
            host.withNanoCPUs((long) (spec.cpus() * 1_000_000_000L));
            // A starting JVM compiles hard for a while, and so does a new replica under its warm-up; on a small
            // machine neither may starve the replicas that serve traffic. Its CPU weight goes up once it has joined
            // nginx's balancer and been warmed up (giveServingCpuWeight, called by DockerPlanExecutor).
            host.withCpuShares(STARTING_CPU_SHARES);
        }
        if (spec.memoryBytes() > 0) {
            host.withMemory(spec.memoryBytes()).withMemorySwap(spec.memoryBytes());
        }
        CreateContainerCmd create = docker.createContainerCmd(spec.image())
                .withName(spec.name())
                .withHostName(spec.name())
                .withLabels(spec.labels())
                .withEnv(spec.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withIpv4Address(spec.ipAddress());
        if (!spec.command().isEmpty()) {
            create.withCmd(spec.command());
        }
        spec.publishPort().ifPresent(port -> {
            ExposedPort http = ExposedPort.tcp(80);
            Ports bindings = new Ports();
            bindings.bind(http, Ports.Binding.bindIpAndPort("127.0.0.1", port));
            create.withExposedPorts(http);
            host.withPortBindings(bindings);
        });
        spec.healthCheck().ifPresent(check -> create.withHealthcheck(new HealthCheck()
                .withTest(withPrefix("CMD", check))
                .withInterval(ContainerSpec.HEALTH_INTERVAL.toNanos())
                .withStartInterval(ContainerSpec.HEALTH_START_INTERVAL.toNanos())
                .withTimeout(Duration.ofSeconds(5).toNanos())
                .withRetries(5)
                .withStartPeriod(Duration.ofSeconds(120).toNanos())));
        create.withHostConfig(host).exec();
        if (!spec.files().isEmpty()) {
            copyFiles(spec.name(), spec.files());
        }
    }

    public void start(String container) {
        try {
            docker.startContainerCmd(container).exec();
        } catch (NotModifiedException alreadyRunning) {
            // starting what runs is what we wanted
        }
    }

    public void stop(String container, Duration timeout) {
        try {
            docker.stopContainerCmd(container).withTimeout((int) timeout.toSeconds()).exec();
        } catch (NotModifiedException | NotFoundException alreadyStopped) {
            // stopped or gone is what we wanted
        }
    }

    /** SIGKILL, as a crash would; a container that is not running is left as it is. */
    public void kill(String container) {
        try {
            docker.killContainerCmd(container).exec();
        } catch (NotFoundException | ConflictException notRunning) {
            // gone or stopped already: nothing left to kill
        }
    }

    /**
     * Freezes every process of the container ({@code docker pause}, the cgroup freezer): its connections stay open and
     * nothing answers them. A container that is paused already, or not running, is left as it is.
     */
    public void pause(String container) {
        if (Boolean.TRUE.equals(inspect(container).getState().getPaused())) {
            return;
        }
        try {
            docker.pauseContainerCmd(container).exec();
        } catch (ConflictException notRunning) {
            // a stopped container answers nothing already
        }
    }

    /** Thaws a container that {@link #pause} froze; one that is not paused is left as it is. */
    public void unpause(String container) {
        if (!Boolean.TRUE.equals(inspect(container).getState().getPaused())) {
            return;
        }
        docker.unpauseContainerCmd(container).exec();
    }

    /** The names of the stack's containers that are paused now. */
    public List<String> pausedContainers() {
        return stackContainers().stream().filter(c -> "paused".equals(c.getState()))
                .map(c -> c.getNames()[0].replaceFirst("^/", "")).toList();
    }

    /**
     * Changes the container's CPU limit while it runs ({@code docker update --cpus}: the CFS quota per 100 ms period),
     * when it differs from the one it has.
     *
     * @param cpus CPUs the container may use, such as 0.1
     */
    public void limitCpus(String container, double cpus) {
        long nanoCpus = Math.round(cpus * 1_000_000_000L);
        Long current = inspect(container).getHostConfig().getNanoCPUs();
        if (current == null || current != nanoCpus) {
            docker.updateContainerCmd(container).withNanoCPUs(nanoCpus).exec();
        }
    }

    /** The container's CPU limit in CPUs, as Docker holds it; 0 when it has none. */
    public double cpuLimit(String container) {
        Long nanoCpus = inspect(container).getHostConfig().getNanoCPUs();
        return nanoCpus == null ? 0 : nanoCpus / 1e9;
    }

    public void remove(String container) {
        try {
            docker.removeContainerCmd(container).withForce(true).withRemoveVolumes(false).exec();
        } catch (NotFoundException gone) {
            // gone is what we wanted
        }
    }

    /**
     * Removes the network and returns once Docker no longer lists it: a swarm-scoped (overlay) network can stay
     * listed for a moment after its removal was accepted.
     *
     * @throws IllegalStateException when it is still listed 30 s after its removal
     */
    public void removeNetwork(String name) {
        try {
            docker.removeNetworkCmd(name).exec();
        } catch (NotFoundException gone) {
            // gone is what we wanted
        }
        long deadline = System.nanoTime() + NETWORK_GONE_TIMEOUT.toNanos();
        while (docker.listNetworksCmd().withNameFilter(name).exec().stream().anyMatch(n -> name.equals(n.getName()))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("network " + name + " is still listed "
                        + NETWORK_GONE_TIMEOUT.toSeconds() + " s after its removal");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while network " + name + " was being removed", e);
            }
        }
    }

    public void removeVolume(String name) {
        try {
            docker.removeVolumeCmd(name).exec();
        } catch (NotFoundException gone) {
            // gone is what we wanted
        }
    }

    /**
     * Gives a replica created with the starting CPU weight the weight of one that serves; a container with any
     * other weight, or none, is left as it is.
     *
     * @throws NotFoundException when the container is gone
     */
    public void giveServingCpuWeight(String container) {
        Integer shares = inspect(container).getHostConfig().getCpuShares();
        if (shares != null && shares == STARTING_CPU_SHARES) {
            docker.updateContainerCmd(container).withCpuShares(SERVING_CPU_SHARES).exec();
        }
    }

    public InspectContainerResponse inspect(String container) {
        return docker.inspectContainerCmd(container).exec();
    }

    /**
     * Waits until the container is ready: {@code probe} answers (checked every {@link #READY_POLL}), or, without a
     * probe, Docker's health check passes (or, without one, it runs). Docker's own checks may run seconds apart
     * while a container starts (older engines ignore the start interval), which is why a probe is asked directly.
     *
     * @param probe the engine's own readiness check of this container, or null
     * @throws ContainerFailedException at once when the container exits, restarts or is OOM-killed before it is ready,
     *                                  and when it is not ready within {@code timeout}; the message has the reason
     *                                  (exit code, OOM kill, last log lines)
     */
    public void awaitReady(String container, Duration timeout, java.util.function.BooleanSupplier probe) {
        Instant deadline = Instant.now().plus(timeout);
        Integer restartsAtStart = inspect(container).getRestartCount();
        while (true) {
            InspectContainerResponse inspected = inspect(container);
            InspectContainerResponse.ContainerState state = inspected.getState();
            boolean running = Boolean.TRUE.equals(state.getRunning());
            String health = state.getHealth() == null ? null : state.getHealth().getStatus();
            boolean restarted = inspected.getRestartCount() != null && restartsAtStart != null
                    && inspected.getRestartCount() > restartsAtStart;
            if (restarted || Boolean.TRUE.equals(state.getRestarting())) {
                throw failure(container, "crashed and was restarted before it was ready");
            }
            if (!running) {
                throw failure(container, "stopped before it was ready");
            }
            boolean ready = probe != null ? probe.getAsBoolean() : health == null || "healthy".equals(health);
            if (ready) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw failure(container, "was not ready within " + timeout.toSeconds() + " s"
                        + (health == null ? "" : " (health: " + health + ")"));
            }
            sleep(READY_POLL);
        }
    }

    /**
     * How often {@link #awaitReady} looks at a starting container: a tenth of a second, so that a replica is routed
     * within that of its first answer (each look is one inspect and one probe, both cheap next to a starting JVM).
     */
    public static final Duration READY_POLL = Duration.ofMillis(100);

    /** Explains, in one place, why a container failed: OOM kill, exit code, and its last log lines. */
    public ContainerFailedException failure(String container, String what) {
        StringBuilder reason = new StringBuilder(container).append(' ').append(what);
        try {
            InspectContainerResponse.ContainerState state = inspect(container).getState();
            if (Boolean.TRUE.equals(state.getOOMKilled())) {
                reason.append("; it was killed for using more memory than its limit");
            } else if (state.getExitCodeLong() != null && !Boolean.TRUE.equals(state.getRunning())) {
                reason.append("; it exited with code ").append(state.getExitCodeLong());
            }
            reason.append(". Last log lines:\n").append(logs(container, 15, false));
        } catch (NotFoundException e) {
            reason.append("; the container no longer exists");
        }
        return new ContainerFailedException(reason.toString());
    }

    /** Runs a command in the container; returns its exit code and combined output. */
    public ExecResult exec(String container, List<String> command) {
        String id = docker.execCreateCmd(container).withCmd(command.toArray(String[]::new))
                .withAttachStdout(true).withAttachStderr(true).exec().getId();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (ResultCallback.Adapter<Frame> callback = docker.execStartCmd(id)
                .exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Frame frame) {
                        output.writeBytes(frame.getPayload());
                    }
                })) {
            if (!callback.awaitCompletion(60, TimeUnit.SECONDS)) {
                throw new ContainerFailedException("`" + String.join(" ", command) + "` in " + container
                        + " did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerFailedException("Interrupted while running a command in " + container);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Long exitCode = docker.inspectExecCmd(id).exec().getExitCodeLong();
        return new ExecResult(exitCode == null ? -1 : exitCode.intValue(),
                output.toString(StandardCharsets.UTF_8));
    }

    public void copyFiles(String container, Map<String, byte[]> files) {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (TarArchiveOutputStream archive = new TarArchiveOutputStream(tar)) {
            archive.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey().replaceFirst("^/", ""));
                entry.setSize(file.getValue().length);
                entry.setMode(file.getKey().contains("secret") ? 0440 : 0644);
                archive.putArchiveEntry(entry);
                archive.write(file.getValue());
                archive.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        docker.copyArchiveToContainerCmd(container).withRemotePath("/")
                .withTarInputStream(new ByteArrayInputStream(tar.toByteArray())).exec();
    }

    /**
     * The container's last log lines, stdout and stderr interleaved; with {@code timestamps}, each line starts with
     * the time the container wrote it and a space.
     */
    public String logs(String container, int lines, boolean timestamps) {
        StringBuilder text = new StringBuilder();
        try (ResultCallback.Adapter<Frame> callback = docker.logContainerCmd(container)
                .withStdOut(true).withStdErr(true).withTail(lines).withTimestamps(timestamps)
                .exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Frame frame) {
                        text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                    }
                })) {
            callback.awaitCompletion(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            text.append("(logs unavailable: ").append(e.getMessage()).append(")");
        }
        return text.toString();
    }

    private static List<String> withPrefix(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerFailedException("Interrupted");
        }
    }
}
