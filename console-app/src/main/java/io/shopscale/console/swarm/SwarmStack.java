package io.shopscale.console.swarm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.ContainerSpecFile;
import com.github.dockerjava.api.model.ContainerSpecSecret;
import com.github.dockerjava.api.model.EndpointResolutionMode;
import com.github.dockerjava.api.model.EndpointSpec;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.LocalNodeState;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.NetworkAttachmentConfig;
import com.github.dockerjava.api.model.ResourceRequirements;
import com.github.dockerjava.api.model.ResourceSpecs;
import com.github.dockerjava.api.model.Secret;
import com.github.dockerjava.api.model.SecretSpec;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.ServiceReplicatedModeOptions;
import com.github.dockerjava.api.model.ServiceRestartCondition;
import com.github.dockerjava.api.model.ServiceRestartPolicy;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskSpec;
import com.github.dockerjava.api.model.UpdateConfig;
import com.github.dockerjava.api.model.UpdateFailureAction;
import com.github.dockerjava.api.model.UpdateOrder;

import io.shopscale.console.plan.Labels;
import io.shopscale.console.plan.ObservedService;
import io.shopscale.console.plan.SwarmTask;

/**
 * The Swarm calls for one stack: its app tiers as services, their tasks, their secrets and its overlay network.
 * Everything it creates carries the stack label, and everything it finds, it finds by that label.
 */
public final class SwarmStack {

    /** How long Swarm watches an updated task for failure before it updates the next one. */
    static final Duration UPDATE_MONITOR = Duration.ofSeconds(20);
    private static final int UPDATE_ATTEMPTS = 10;

    private final DockerClient docker;
    private final String stack;

    public SwarmStack(DockerClient docker, String stack) {
        this.docker = docker;
        this.stack = stack;
    }

    /** The swarm of the engine that {@code stack} is on. */
    public static SwarmStack of(io.shopscale.console.docker.DockerStack stack, String name) {
        return new SwarmStack(stack.client(), name);
    }

    /** Whether this engine is a manager of an active swarm, so that services can be created on it. */
    public boolean managesSwarm() {
        var swarm = docker.infoCmd().exec().getSwarm();
        return swarm != null && swarm.getLocalNodeState() == LocalNodeState.ACTIVE
                && Boolean.TRUE.equals(swarm.getControlAvailable());
    }

    // ---- observe ----

    /** The stack's services by tier; none when this engine manages no swarm. */
    public Map<String, ObservedService> services() {
        Map<String, ObservedService> services = new HashMap<>();
        for (Service service : stackServices()) {
            ServiceSpec spec = service.getSpec();
            Map<String, String> labels = spec.getLabels() == null ? Map.of() : spec.getLabels();
            String tier = labels.getOrDefault(Labels.SERVICE, spec.getName());
            long replicas = spec.getMode() != null && spec.getMode().getReplicated() != null
                    ? spec.getMode().getReplicated().getReplicas() : 0;
            services.put(tier, new ObservedService(tier, (int) replicas, labels.getOrDefault(Labels.CONFIG_HASH, "")));
        }
        return services;
    }

    /** Every task of the stack's services that Swarm still knows, history included. */
    public List<SwarmTask> tasks() {
        return tasks(stackServices());
    }

    /** The tasks of one tier's service. */
    public List<SwarmTask> tasks(String serviceName) {
        return tasks(stackServices().stream().filter(s -> s.getSpec().getName().equals(serviceName)).toList());
    }

    private List<SwarmTask> tasks(List<Service> services) {
        if (services.isEmpty()) {
            return List.of();
        }
        Map<String, String> tiers = new HashMap<>();
        services.forEach(s -> tiers.put(s.getId(), s.getSpec().getLabels().getOrDefault(Labels.SERVICE,
                s.getSpec().getName())));
        List<SwarmTask> tasks = new ArrayList<>();
        for (Task task : docker.listTasksCmd().withServiceFilter(services.stream().map(Service::getId)
                .toArray(String[]::new)).exec()) {
            if (task.getSlot() != null && tiers.containsKey(task.getServiceId())) {
                tasks.add(SwarmTaskReader.read(task, tiers.get(task.getServiceId())));
            }
        }
        return tasks;
    }

    /**
     * Why the service's last update did not complete ({@code rollback_completed: update rolled back due to …}),
     * when it was rolled back or paused; empty while it runs or once it completed.
     */
    public Optional<String> updateFailure(String serviceName) {
        var status = docker.inspectServiceCmd(serviceName).exec().getUpdateStatus();
        if (status == null || status.getState() == null) {
            return Optional.empty();
        }
        String state = status.getState().name().toLowerCase(java.util.Locale.ROOT);
        return state.startsWith("rollback") || state.equals("paused")
                ? Optional.of(state + ": " + status.getMessage()) : Optional.empty();
    }

    private List<Service> stackServices() {
        if (!managesSwarm()) {
            return List.of();
        }
        return docker.listServicesCmd().withLabelFilter(Map.of(Labels.STACK, stack)).exec();
    }

    // ---- create and change ----

    /**
     * An attachable overlay network: Swarm's tasks and standalone containers share it. Swarm gives tasks the
     * addresses of {@code taskRange}, so the fixed addresses of the standalone containers, outside it, stay free.
     */
    public void createNetwork(String name, String subnet, String gateway, String taskRange) {
        docker.createNetworkCmd().withName(name).withDriver("overlay").withAttachable(true)
                .withLabels(Map.of(Labels.STACK, stack))
                .withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config().withSubnet(subnet)
                        .withGateway(gateway).withIpRange(taskRange)))
                .exec();
    }

    /**
     * Creates the service with {@code replicas} tasks, or gives an existing one this definition and keeps its
     * replica count (Swarm then replaces its tasks one at a time, each new one started first).
     */
    public void deploy(SwarmServiceSpec spec, int replicas) {
        Map<String, Secret> secrets = new HashMap<>();
        spec.secrets().forEach((file, content) -> secrets.put(file, secret(file, content)));
        if (findService(spec.name()).isEmpty()) {
            docker.createServiceCmd(serviceSpec(spec, secrets, replicas)).exec();
            return;
        }
        update(spec.name(), current -> serviceSpec(spec, secrets, replicas(current)));
    }

    /** Sets the service's replica count and changes nothing else, so no task that runs is replaced. */
    public void scale(String serviceName, int replicas) {
        update(serviceName, current -> current.withMode(new ServiceModeConfig()
                .withReplicated(new ServiceReplicatedModeOptions().withReplicas(replicas))));
    }

    public void removeService(String serviceName) {
        try {
            docker.removeServiceCmd(serviceName).exec();
        } catch (NotFoundException gone) {
            // gone is what we wanted
        }
    }

    /**
     * Removes the stack's services, waits (up to {@code timeout}) until their tasks' containers are gone, then
     * removes the stack's secrets.
     *
     * @return what was removed, for people: {@code service shop-monolith}, {@code secret shop-…}
     */
    public List<String> removeServicesAndSecrets(Duration timeout) {
        List<String> removed = new ArrayList<>();
        if (!managesSwarm()) {
            return removed;
        }
        for (Service service : stackServices()) {
            removeService(service.getId());
            removed.add("service " + service.getSpec().getName());
        }
        Instant deadline = Instant.now().plus(timeout);
        while (!taskContainers().isEmpty() && Instant.now().isBefore(deadline)) {
            sleep(Duration.ofMillis(500));
        }
        for (Secret secret : docker.listSecretsCmd().withLabelFilter(Map.of(Labels.STACK, stack)).exec()) {
            try {
                docker.removeSecretCmd(secret.getId()).exec();
                removed.add("secret " + secret.getSpec().getName());
            } catch (NotFoundException gone) {
                // gone is what we wanted
            }
        }
        return removed;
    }

    private List<?> taskContainers() {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(Labels.STACK + "=" + stack, "com.docker.swarm.service.id")).exec();
    }

    private Optional<Service> findService(String name) {
        try {
            return Optional.of(docker.inspectServiceCmd(name).exec());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * Changes a service from its current definition. Swarm refuses an update made from a definition that is no
     * longer the newest ("update out of sequence": it bumps the version itself, e.g. while it updates tasks), so
     * the update is read and made again then.
     */
    private void update(String serviceName, UnaryOperator<ServiceSpec> change) {
        for (int attempt = 1; ; attempt++) {
            Service current = docker.inspectServiceCmd(serviceName).exec();
            try {
                docker.updateServiceCmd(current.getId(), change.apply(current.getSpec()))
                        .withVersion(current.getVersion().getIndex()).exec();
                return;
            } catch (DockerException e) {
                if (attempt >= UPDATE_ATTEMPTS || !String.valueOf(e.getMessage()).contains("out of sequence")) {
                    throw e;
                }
                sleep(Duration.ofMillis(200));
            }
        }
    }

    private static int replicas(ServiceSpec spec) {
        return spec.getMode() != null && spec.getMode().getReplicated() != null
                ? (int) spec.getMode().getReplicated().getReplicas() : 0;
    }

    /**
     * A Docker secret with this content, created when missing. Secrets cannot change, so the name carries a hash of
     * the content: a new content is a new secret, and the service that uses it is updated.
     *
     * @return its id and name, as a service refers to it
     */
    private Secret secret(String file, byte[] content) {
        String name = stack + "-" + file.replaceAll("[^A-Za-z0-9_.-]", "-") + "-" + sha256(content).substring(0, 12);
        List<Secret> existing = docker.listSecretsCmd().withNameFilter(List.of(name)).exec();
        Optional<Secret> same = existing.stream().filter(s -> s.getSpec().getName().equals(name)).findFirst();
        if (same.isPresent()) {
            return same.get();
        }
        // docker-java encodes the data in base64 itself, with the platform's charset: the secrets are ASCII.
        docker.createSecretCmd(new SecretSpec().withName(name)
                .withData(new String(content, StandardCharsets.US_ASCII))
                .withLabels(Map.of(Labels.STACK, stack))).exec();
        return docker.listSecretsCmd().withNameFilter(List.of(name)).exec().stream()
                .filter(s -> s.getSpec().getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the secret " + name + " was created and is not found"));
    }

    private static ServiceSpec serviceSpec(SwarmServiceSpec spec, Map<String, Secret> secretsByFile, int replicas) {
        List<ContainerSpecSecret> secrets = new ArrayList<>();
        secretsByFile.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(secret -> secrets.add(
                new ContainerSpecSecret().withSecretId(secret.getValue().getId())
                        .withSecretName(secret.getValue().getSpec().getName())
                        .withFile(new ContainerSpecFile().withName(secret.getKey()).withUid("0").withGid("0")
                                .withMode(0444L))));
        ContainerSpec container = new ContainerSpec()
                .withImage(spec.image())
                .withLabels(spec.labels())
                .withEnv(spec.environment().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withCommand(spec.command())
                .withHostname(spec.hostname())
                .withSecrets(secrets)
                .withMounts(spec.volumes().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(volume -> new Mount().withType(MountType.VOLUME).withSource(volume.getKey())
                                .withTarget(volume.getValue())).toList())
                .withHealthCheck(new HealthCheck().withTest(withCmd(spec.healthCheck()))
                        .withInterval(Duration.ofSeconds(5).toNanos())
                        .withTimeout(Duration.ofSeconds(5).toNanos())
                        .withRetries(5)
                        .withStartPeriod(Duration.ofSeconds(120).toNanos()))
                .withStopGracePeriod(spec.stopGrace().toNanos());
        TaskSpec task = new TaskSpec().withContainerSpec(container)
                .withResources(new ResourceRequirements().withLimits(new ResourceSpecs()
                        .withNanoCPUs((long) (spec.cpus() * 1_000_000_000L)).withMemoryBytes(spec.memoryBytes())))
                .withRestartPolicy(new ServiceRestartPolicy().withCondition(ServiceRestartCondition.ANY)
                        .withDelay(Duration.ofSeconds(1).toNanos()))
                .withNetworks(List.of(new NetworkAttachmentConfig().withTarget(spec.network())));
        return new ServiceSpec()
                .withName(spec.name())
                .withLabels(spec.labels())
                .withTaskTemplate(task)
                .withMode(new ServiceModeConfig().withReplicated(new ServiceReplicatedModeOptions()
                        .withReplicas(replicas)))
                .withUpdateConfig(oneAtATime(UpdateFailureAction.ROLLBACK))
                .withRollbackConfig(oneAtATime(UpdateFailureAction.PAUSE))
                .withEndpointSpec(new EndpointSpec().withMode(EndpointResolutionMode.DNSRR));
    }

    /** One task at a time, the new one started before the old one stops. */
    private static UpdateConfig oneAtATime(UpdateFailureAction onFailure) {
        return new UpdateConfig().withParallelism(1L).withOrder(UpdateOrder.START_FIRST)
                .withFailureAction(onFailure).withMonitor(UPDATE_MONITOR.toNanos()).withDelay(0L);
    }

    private static List<String> withCmd(List<String> command) {
        List<String> test = new ArrayList<>();
        test.add("CMD");
        test.addAll(command);
        return test;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Swarm", e);
        }
    }
}
