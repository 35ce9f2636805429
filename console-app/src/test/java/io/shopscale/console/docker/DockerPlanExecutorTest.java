package io.shopscale.console.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;

import io.shopscale.console.plan.ContainerRef;
import io.shopscale.console.plan.Labels;
import io.shopscale.console.plan.Operation;
import io.shopscale.console.plan.Plan;
import io.shopscale.console.topology.DesiredTopology;
import io.shopscale.console.topology.Mode;
import io.shopscale.console.topology.StackName;

/**
 * A replica's CPU weight on the real engine: lower than a serving replica's from its start until the routing step
 * that adds it to nginx is over (its warm-up runs inside that step), a serving replica's after it; a replica that no
 * routing step names gets it at the end of the plan.
 */
@Tag("docker")
class DockerPlanExecutorTest {

    private static final String STACK = "test-cpu-weight";
    private static final ContainerRef REPLICA = new ContainerRef(STACK + "-monolith-1", "monolith", 1,
            Labels.ROLE_APP);

    private static final StackAddresses ADDRESSES = new StackAddresses("172.29.250.0/24");

    private final DockerClient docker = DockerEngines.connect();
    private final DockerStack stack = new DockerStack(docker, STACK);
    private final String image = new BaseImages(docker).choose(BaseImages.Kind.JRE).image();
    private final List<Integer> sharesWhileRouted = new ArrayList<>();

    @AfterEach
    void removeTheReplicaAndItsNetwork() throws IOException {
        try {
            docker.removeContainerCmd(REPLICA.name()).withForce(true).exec();
        } catch (NotFoundException gone) {
            // a failed create leaves nothing to remove
        }
        stack.removeNetwork(STACK);
        docker.close();
    }

    @Test
    void aJoiningReplicaKeepsTheStartingWeightUntilItsRoutingStepIsOver() {
        execute(new Operation.UpdateUpstreams(Map.of("monolith", List.of(1)), "scale up"));

        assertThat(sharesWhileRouted).containsExactly(DockerStack.STARTING_CPU_SHARES);
        assertThat(shares()).isEqualTo(DockerStack.SERVING_CPU_SHARES);
    }

    @Test
    void aReadyReplicaThatNoRoutingStepNamesGetsTheServingWeightAtTheEndOfThePlan() {
        execute(new Operation.UpdateUpstreams(Map.of("catalog", List.of(1)), "scale up"));

        assertThat(sharesWhileRouted).containsExactly(DockerStack.STARTING_CPU_SHARES);
        assertThat(shares()).isEqualTo(DockerStack.SERVING_CPU_SHARES);
    }

    /** Creates the network and the replica, starts it and waits for it (ready at once), then runs {@code routing}. */
    private void execute(Operation routing) {
        ContainerSpec spec = new ContainerSpec(REPLICA.name(), image, ADDRESSES.of(REPLICA),
                Map.of(Labels.STACK, STACK, "io.shopscale.test", "true"), Map.of(), List.of("sleep", "300"),
                Map.of(), Map.of(), Optional.empty(), Optional.empty(), 0.5, 0);
        new DockerPlanExecutor(stack, STACK, ADDRESSES, container -> spec,
                upstreams -> sharesWhileRouted.add(shares()), services -> { }, container -> () -> true)
                .execute(new Plan(DesiredTopology.initial(StackName.of(STACK), Mode.MONOLITH, 18999), List.of(
                        new Operation.CreateNetwork(STACK, "scale up"),
                        new Operation.CreateContainer(REPLICA, "test", "scale up"),
                        new Operation.StartContainer(REPLICA, "scale up"),
                        new Operation.WaitReady(REPLICA, "scale up"),
                        routing)), progress -> { });
    }

    private int shares() {
        return docker.inspectContainerCmd(REPLICA.name()).exec().getHostConfig().getCpuShares();
    }
}
