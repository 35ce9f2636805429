package io.shopscale.console.plan;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import io.shopscale.console.topology.StackName;

/**
 * Swarm's tasks as the replicas the planner and the window know: a task's slot is its replica number, so the task
 * that Swarm starts in place of a dead one takes its predecessor's number and name. Pure.
 */
public final class SwarmTasks {

    private SwarmTasks() {
    }

    /**
     * The replicas of the stack, one per task that has not ended.
     * <ul>
     * <li>A task Swarm wants running and that runs is {@code running}; ready when it answered its readiness probe
     * ({@code answers}); when it did not, failing if nginx routes to it, starting otherwise.</li>
     * <li>One Swarm wants running that has not started yet is {@code created} and starting.</li>
     * <li>One Swarm marked for shutdown is {@code removing}, whatever it still does: the planner leaves it to Swarm
     * and nginx stops routing to it.</li>
     * </ul>
     * Ended tasks (Swarm's history of each slot) are left out.
     *
     * @param answers whether each running task's address answered its readiness probe just now; a missing address
     *                did not
     * @param routed  the addresses nginx routes to now
     */
    public static List<ObservedContainer> replicas(StackName stack, List<SwarmTask> tasks, Map<String, Boolean> answers,
            Predicate<String> routed) {
        return tasks.stream().filter(task -> !task.ended())
                .sorted(Comparator.comparing(SwarmTask::service).thenComparingInt(SwarmTask::slot)
                        .thenComparing(task -> task.wanted() ? 0 : 1))
                .map(task -> replica(stack, task, answers, routed)).toList();
    }

    private static ObservedContainer replica(StackName stack, SwarmTask task, Map<String, Boolean> answers,
            Predicate<String> routed) {
        ContainerState state;
        Readiness readiness;
        if (!task.wanted()) {
            state = ContainerState.REMOVING;
            readiness = Readiness.STARTING;
        } else if (!task.running()) {
            state = ContainerState.CREATED;
            readiness = Readiness.STARTING;
        } else {
            state = ContainerState.RUNNING;
            boolean answered = task.address().map(address -> answers.getOrDefault(address, false)).orElse(false);
            boolean isRouted = task.address().map(routed::test).orElse(false);
            readiness = answered ? Readiness.READY : isRouted ? Readiness.FAILING : Readiness.STARTING;
        }
        return new ObservedContainer(task.id(), ResourceNames.appContainer(stack, task.service(), task.slot()),
                task.service(), task.slot(), Labels.ROLE_APP, task.configHash(), state, readiness);
    }

    /**
     * The address of each service's running task per slot: where nginx sends a replica number's requests.
     * Only tasks Swarm wants running count; one marked for shutdown has no number to route to any more.
     */
    public static Map<String, Map<Integer, String>> addresses(List<SwarmTask> tasks) {
        Map<String, Map<Integer, String>> addresses = new HashMap<>();
        tasks.stream().filter(task -> task.wanted() && task.running() && task.address().isPresent())
                .forEach(task -> addresses.computeIfAbsent(task.service(), any -> new HashMap<>())
                        .put(task.slot(), task.address().get()));
        return addresses;
    }

    /**
     * What nginx routes to, as replica numbers, when every address it routes to is the running task of that
     * replica number; empty (unknown, so the planner sets the routing afresh) when one is not: a task that Swarm
     * replaced or marked for shutdown, whose number another task now carries or will.
     *
     * @param routed the addresses nginx routes to, by service and replica number
     */
    public static Optional<Map<String, List<Integer>>> routing(Map<String, Map<Integer, String>> routed,
            List<SwarmTask> tasks) {
        Map<String, Map<Integer, String>> current = addresses(tasks);
        Map<String, List<Integer>> replicas = new HashMap<>();
        for (Map.Entry<String, Map<Integer, String>> pool : routed.entrySet()) {
            Map<Integer, String> running = current.getOrDefault(pool.getKey(), Map.of());
            for (Map.Entry<Integer, String> backend : pool.getValue().entrySet()) {
                if (!backend.getValue().equals(running.get(backend.getKey()))) {
                    return Optional.empty();
                }
            }
            replicas.put(pool.getKey(), pool.getValue().keySet().stream().sorted().toList());
        }
        return Optional.of(replicas);
    }
}
