package io.shopscale.console.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.shopscale.console.topology.StackName;

/** Swarm's tasks as replicas: the slot is the replica number, and a task on its way out leaves nginx. */
class SwarmTasksTest {

    private static final StackName SHOP = StackName.of("shop");

    private static SwarmTask task(String id, int slot, String desired, String state, String address) {
        return new SwarmTask(id, "monolith", slot, desired, state, Optional.ofNullable(address), "cfg", "c-" + id,
                "");
    }

    @Test
    void aRunningTaskIsReadyWhenItAnswersAndStartingOrFailingWhenItDoesNot() {
        List<ObservedContainer> replicas = SwarmTasks.replicas(SHOP, List.of(
                        task("a", 1, "running", "running", "10.0.0.130"),
                        task("b", 2, "running", "running", "10.0.0.131"),
                        task("c", 3, "running", "running", "10.0.0.132")),
                Map.of("10.0.0.130", true, "10.0.0.131", false, "10.0.0.132", false), "10.0.0.132"::equals);

        assertThat(replicas).extracting(ObservedContainer::name, ObservedContainer::replica,
                        ObservedContainer::state, ObservedContainer::readiness)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("shop-monolith-1", 1, ContainerState.RUNNING,
                                Readiness.READY),
                        org.assertj.core.groups.Tuple.tuple("shop-monolith-2", 2, ContainerState.RUNNING,
                                Readiness.STARTING),
                        org.assertj.core.groups.Tuple.tuple("shop-monolith-3", 3, ContainerState.RUNNING,
                                Readiness.FAILING));
    }

    @Test
    void aTaskMarkedForShutdownIsRemovingAndEndedTasksAreHistory() {
        List<ObservedContainer> replicas = SwarmTasks.replicas(SHOP, List.of(
                        task("old", 2, "shutdown", "failed", "10.0.0.131"),
                        task("leaving", 3, "remove", "running", "10.0.0.132"),
                        task("new", 2, "running", "starting", null)),
                Map.of("10.0.0.132", true), address -> false);

        assertThat(replicas).extracting(ObservedContainer::id, ObservedContainer::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("new", ContainerState.CREATED),
                        org.assertj.core.groups.Tuple.tuple("leaving", ContainerState.REMOVING));
        assertThat(replicas).noneMatch(ObservedContainer::isServing);
    }

    @Test
    void routingIsReadAsReplicaNumbersWhileEveryRoutedAddressIsItsSlotsRunningTask() {
        List<SwarmTask> tasks = List.of(task("a", 1, "running", "running", "10.0.0.130"),
                task("b", 2, "running", "running", "10.0.0.131"));

        assertThat(SwarmTasks.routing(Map.of("monolith", Map.of(1, "10.0.0.130", 2, "10.0.0.131")), tasks))
                .contains(Map.of("monolith", List.of(1, 2)));
    }

    @Test
    void routingToATaskThatSwarmReplacedOrMarkedForShutdownIsUnknownSoThePlannerSetsItAfresh() {
        List<SwarmTask> replaced = List.of(task("a", 1, "running", "running", "10.0.0.130"),
                task("b2", 2, "running", "running", "10.0.0.140"));
        List<SwarmTask> leaving = List.of(task("a", 1, "running", "running", "10.0.0.130"),
                task("b", 2, "remove", "running", "10.0.0.131"));
        Map<String, Map<Integer, String>> routed = Map.of("monolith", Map.of(1, "10.0.0.130", 2, "10.0.0.131"));

        assertThat(SwarmTasks.routing(routed, replaced)).isEmpty();
        assertThat(SwarmTasks.routing(routed, leaving)).isEmpty();
    }

    @Test
    void onlyRunningTasksSwarmWantsHaveAnAddressToRouteTo() {
        Map<String, Map<Integer, String>> addresses = SwarmTasks.addresses(List.of(
                task("a", 1, "running", "running", "10.0.0.130"),
                task("b", 2, "remove", "running", "10.0.0.131"),
                task("c", 3, "running", "starting", "10.0.0.132")));

        assertThat(addresses).isEqualTo(Map.of("monolith", Map.of(1, "10.0.0.130")));
    }
}
