package io.shopscale.console.plan;

import static io.shopscale.console.plan.ContainerState.RUNNING;

import io.shopscale.console.topology.DesiredTopology;
import io.shopscale.console.topology.Limits;
import io.shopscale.console.topology.Mode;
import io.shopscale.console.topology.StackName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Observed stacks and desired topologies for planner tests, as the docker package would report them. */
final class ObservedStacks {

    static final StackName SHOP = StackName.of("shop");
    static final String CURRENT_HASH = "cfg-2";
    static final String OLD_HASH = "cfg-1";
    static final int PORT = 8080;

    private ObservedStacks() {
    }

    static DesiredTopology monolith(int replicas) {
        return new DesiredTopology(SHOP, Mode.MONOLITH, Map.of("monolith", replicas), Limits.DEFAULT, PORT);
    }

    static DesiredTopology services(int orders) {
        Map<String, Integer> replicas = new LinkedHashMap<>();
        Mode.SERVICES.services().forEach(service -> replicas.put(service, 1));
        replicas.put("orders", orders);
        return new DesiredTopology(SHOP, Mode.SERVICES, replicas, Limits.DEFAULT, PORT);
    }

    /** A serving replica with the current config. */
    static ObservedContainer app(String service, int replica) {
        return app(service, replica, CURRENT_HASH, RUNNING, true);
    }

    static ObservedContainer app(String service, int replica, String configHash, ContainerState state,
                                 boolean ready) {
        String name = ResourceNames.appContainer(SHOP, service, replica);
        return new ObservedContainer("id-" + name, name, service, replica, Labels.ROLE_APP, configHash, state,
                ready ? Readiness.READY : Readiness.STARTING);
    }

    /** A replica that answered its readiness probe before and does not now (frozen, overloaded). */
    static ObservedContainer failing(String service, int replica) {
        return app(service, replica).withReadiness(Readiness.FAILING);
    }

    static ObservedContainer infrastructure(String role, ContainerState state, boolean ready) {
        String name = ResourceNames.infrastructureContainer(SHOP, role);
        return new ObservedContainer("id-" + name, name, role, 1, role, "", state,
                ready ? Readiness.READY : Readiness.STARTING);
    }

    /** Network, volumes, postgres, haproxy and nginx all up, plus the given app containers. */
    static ObservedStack withInfrastructure(ObservedContainer... apps) {
        return withInfrastructureExcept("none", apps);
    }

    static ObservedStack withInfrastructureExcept(String missingRole, ObservedContainer... apps) {
        List<ObservedContainer> containers = new ArrayList<>();
        Stream.of(Labels.ROLE_POSTGRES, Labels.ROLE_HAPROXY, Labels.ROLE_NGINX)
                .filter(role -> !role.equals(missingRole))
                .forEach(role -> containers.add(infrastructure(role, RUNNING, true)));
        containers.addAll(List.of(apps));
        return with(containers);
    }

    /**
     * nginx routes to every app container, as after a plan that ran to its end and before anyone noticed that a
     * replica died or stopped answering.
     */
    static ObservedStack with(List<ObservedContainer> containers) {
        Map<String, List<Integer>> routing = new TreeMap<>();
        containers.stream().filter(c -> c.isApp() && c.state() != ContainerState.REMOVING).forEach(c ->
                routing.computeIfAbsent(c.service(), any -> new ArrayList<>()).add(c.replica()));
        return withRouting(containers, Optional.of(routing));
    }

    static ObservedStack withRouting(List<ObservedContainer> containers, Optional<Map<String, List<Integer>>> routing) {
        return new ObservedStack(Optional.of(ResourceNames.network(SHOP)),
                Set.of(ResourceNames.databaseVolume(SHOP), ResourceNames.staticFilesVolume(SHOP)), containers,
                routing);
    }

    static ObservedStack monolithReplicas(int count) {
        return withInfrastructure(Stream.iterate(1, n -> n + 1).limit(count).map(n -> app("monolith", n))
                .toArray(ObservedContainer[]::new));
    }

    static ObservedStack servicesWithOneReplicaEach() {
        return withInfrastructure(Mode.SERVICES.services().stream().map(service -> app(service, 1))
                .toArray(ObservedContainer[]::new));
    }
}
