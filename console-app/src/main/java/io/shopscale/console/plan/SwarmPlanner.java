package io.shopscale.console.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.shopscale.console.plan.Operation.DeployService;
import io.shopscale.console.plan.Operation.FollowTasks;
import io.shopscale.console.plan.Operation.GrantDatabaseAccess;
import io.shopscale.console.plan.Operation.RemoveService;
import io.shopscale.console.plan.Operation.ScaleService;
import io.shopscale.console.topology.DesiredTopology;

/**
 * The plan for a stack whose app tiers are Swarm services: the same infrastructure and routing steps as
 * {@link Planner}, then per tier the replica count to declare and the tasks to follow. Swarm picks which tasks start
 * and stop and replaces the ones that die; the plan only says how many, and waits while nginx follows the tasks.
 * Pure.
 */
public final class SwarmPlanner {

    private SwarmPlanner() {
    }

    /**
     * @param services      the stack's services as Swarm reports them, by tier; a tier without one is created
     * @param appConfigHash the hash of everything that defines an app task; a service deployed with another is
     *                      updated, and Swarm replaces its tasks one at a time
     */
    public static Plan plan(DesiredTopology desired, ObservedStack observed, Map<String, ObservedService> services,
            String appConfigHash) {
        if (appConfigHash == null || appConfigHash.isBlank()) {
            throw new IllegalArgumentException("the app config hash is required: it is how changed services are found");
        }
        List<Operation> steps = new ArrayList<>(Planner.infrastructure(desired, observed));
        boolean granted = false;
        for (String service : desired.mode().services()) {
            int wanted = desired.replicasOf(service);
            ObservedService current = services.get(service);
            boolean deploys = current == null || !current.configHash().equals(appConfigHash);
            if (deploys && !granted && desired.mode().hasOwnDatabaseUsers()) {
                steps.add(new GrantDatabaseAccess(desired.mode().services(), "a service logs in as its own user"));
                granted = true;
            }
            if (current == null) {
                // No task serves yet: they boot side by side, the fastest way up.
                steps.add(new DeployService(service, appConfigHash, wanted, Planner.MISSING));
                steps.add(new FollowTasks(service, wanted, Planner.MISSING));
                continue;
            }
            if (deploys) {
                steps.add(new DeployService(service, appConfigHash, current.replicas(), Planner.CONFIG_HASH_CHANGED));
                steps.add(new FollowTasks(service, current.replicas(), Planner.CONFIG_HASH_CHANGED));
            }
            if (wanted > current.replicas()) {
                scaleUp(steps, service, current.replicas(), wanted, serves(observed, service));
            } else if (wanted < current.replicas()) {
                steps.add(new ScaleService(service, wanted, Planner.SCALE_DOWN));
                steps.add(new FollowTasks(service, wanted, Planner.SCALE_DOWN));
            } else if (!deploys && !settled(observed, service, wanted)) {
                steps.add(new FollowTasks(service, wanted, Planner.NOT_READY));
            }
        }
        String retired = "not in " + desired.mode().label() + " mode";
        new TreeSet<>(services.keySet()).stream().filter(service -> !desired.mode().hasService(service))
                .forEach(service -> steps.add(new RemoveService(service, retired)));
        return new Plan(desired, steps);
    }

    /**
     * Once a tier serves, its new tasks boot one after another, as {@link Planner} boots replicas: a booting JVM
     * takes all the CPU it can get, and two side by side would slow each other and the tasks that serve.
     */
    private static void scaleUp(List<Operation> steps, String service, int from, int to, boolean serves) {
        if (!serves) {
            steps.add(new ScaleService(service, to, Planner.SCALE_UP));
            steps.add(new FollowTasks(service, to, Planner.SCALE_UP));
            return;
        }
        for (int replicas = from + 1; replicas <= to; replicas++) {
            steps.add(new ScaleService(service, replicas, Planner.SCALE_UP));
            steps.add(new FollowTasks(service, replicas, Planner.SCALE_UP));
        }
    }

    private static boolean serves(ObservedStack observed, String service) {
        return observed.containers().stream().anyMatch(c -> c.isApp() && c.service().equals(service)
                && c.isServing());
    }

    /** Exactly {@code wanted} tasks serve and none is on its way out. */
    private static boolean settled(ObservedStack observed, String service, int wanted) {
        List<ObservedContainer> tasks = observed.containers().stream()
                .filter(c -> c.isApp() && c.service().equals(service)).toList();
        return tasks.size() == wanted && tasks.stream().allMatch(ObservedContainer::isServing);
    }
}
