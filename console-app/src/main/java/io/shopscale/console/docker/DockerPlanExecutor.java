package io.shopscale.console.docker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;

import com.github.dockerjava.api.exception.NotFoundException;

import io.shopscale.console.plan.ContainerRef;
import io.shopscale.console.plan.Operation;
import io.shopscale.console.plan.Plan;
import io.shopscale.console.plan.PlanExecutor;
import io.shopscale.console.plan.PlanFailedException;
import io.shopscale.console.plan.ProgressEvent;
import io.shopscale.console.plan.ProgressListener;

/**
 * Carries out a plan, one Docker call per step, in order, reporting each step. It makes no decisions: what each
 * container looks like comes from {@code specs}, and what nginx routes to from the plan itself. One executor carries
 * out one plan.
 *
 * <p>A replica starts with a lower CPU weight than the replicas that serve (see {@link DockerStack#create}) and keeps
 * it until the routing step that adds it to nginx is over, its warm-up included; then, or at the end of the plan if
 * no routing step names it, it gets a serving replica's weight.
 */
public final class DockerPlanExecutor implements PlanExecutor {

    /** Renders, validates and reloads nginx for the replicas a plan step names. */
    public interface UpstreamUpdater {
        void update(Map<String, List<Integer>> upstreams);
    }

    /** Sets up each service's own database user. */
    public interface DatabaseGrants {
        void grant(List<String> services);
    }

    /** The engine's own readiness check of a container, where it has one (app replicas); null for the others. */
    public interface ReadinessChecks {
        BooleanSupplier of(ContainerRef container);
    }

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

    private final DockerStack stack;
    private final String network;
    private final StackAddresses addresses;
    private final Function<ContainerRef, ContainerSpec> specs;
    private final UpstreamUpdater upstreams;
    private final DatabaseGrants database;
    private final ReadinessChecks readiness;
    /** Replicas that became ready in this plan and still have the starting CPU weight. */
    private final List<ContainerRef> warming = new ArrayList<>();

    public DockerPlanExecutor(DockerStack stack, String network, StackAddresses addresses,
            Function<ContainerRef, ContainerSpec> specs, UpstreamUpdater upstreams, DatabaseGrants database,
            ReadinessChecks readiness) {
        this.stack = stack;
        this.network = network;
        this.addresses = addresses;
        this.specs = specs;
        this.upstreams = upstreams;
        this.database = database;
        this.readiness = readiness;
    }

    @Override
    public void execute(Plan plan, ProgressListener listener) {
        try {
            executeSteps(plan, listener);
        } finally {
            giveServingCpuWeight(replica -> true);
        }
    }

    private void executeSteps(Plan plan, ProgressListener listener) {
        List<Operation> operations = plan.operations();
        for (int i = 0; i < operations.size(); i++) {
            Operation operation = operations.get(i);
            int step = i + 1;
            listener.onProgress(new ProgressEvent.StepStarted(operation, step, operations.size()));
            Instant started = Instant.now();
            try {
                run(operation);
            } catch (RuntimeException e) {
                Duration elapsed = Duration.between(started, Instant.now());
                listener.onProgress(new ProgressEvent.StepFailed(operation, step, operations.size(), elapsed,
                        e.getMessage()));
                throw new PlanFailedException(operation, e.getMessage(), e);
            }
            listener.onProgress(new ProgressEvent.StepFinished(operation, step, operations.size(),
                    Duration.between(started, Instant.now())));
        }
    }

    /** Carries out one step; the steps of an orchestrator's own (Swarm's services) are not this executor's. */
    public void run(Operation operation) {
        if (operation instanceof Operation.CreateNetwork create) {
            stack.createNetwork(create.name(), addresses.subnet(), addresses.gateway());
        } else if (operation instanceof Operation.CreateVolume create) {
            stack.createVolume(create.name());
        } else if (operation instanceof Operation.CreateContainer create) {
            stack.create(specs.apply(create.container()), network);
        } else if (operation instanceof Operation.StartContainer start) {
            stack.start(start.container().name());
        } else if (operation instanceof Operation.WaitReady wait) {
            stack.awaitReady(wait.container().name(), READY_TIMEOUT, readiness.of(wait.container()));
            if (wait.container().isApp()) {
                warming.add(wait.container());
            }
        } else if (operation instanceof Operation.GrantDatabaseAccess grant) {
            database.grant(grant.services());
        } else if (operation instanceof Operation.UpdateUpstreams update) {
            upstreams.update(update.upstreams());
            giveServingCpuWeight(replica -> update.upstreams().getOrDefault(replica.service(), List.of())
                    .contains(replica.replica()));
        } else if (operation instanceof Operation.WaitDrain drain) {
            DockerStack.sleep(drain.duration());
        } else if (operation instanceof Operation.StopContainer stop) {
            stack.stop(stop.container().name(), stop.timeout());
        } else if (operation instanceof Operation.RemoveContainer remove) {
            stack.remove(remove.container().name());
        } else {
            throw new IllegalStateException("No Docker call for " + operation);
        }
    }

    private void giveServingCpuWeight(Predicate<ContainerRef> routed) {
        for (Iterator<ContainerRef> replicas = warming.iterator(); replicas.hasNext();) {
            ContainerRef replica = replicas.next();
            if (routed.test(replica)) {
                replicas.remove();
                try {
                    stack.giveServingCpuWeight(replica.name());
                } catch (NotFoundException gone) {
                    // a replica removed since it was ready has no weight to change
                }
            }
        }
    }
}
