package io.shopscale.console.plan;

import static io.shopscale.console.plan.ObservedStacks.CURRENT_HASH;
import static io.shopscale.console.plan.ObservedStacks.OLD_HASH;
import static io.shopscale.console.plan.ObservedStacks.app;
import static io.shopscale.console.plan.ObservedStacks.monolith;
import static io.shopscale.console.plan.ObservedStacks.services;
import static io.shopscale.console.plan.ObservedStacks.with;
import static io.shopscale.console.plan.ObservedStacks.withInfrastructure;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.shopscale.console.topology.Mode;

/** The plans for a stack whose app tiers are Swarm services: Swarm picks the tasks, the plan says how many. */
class SwarmPlannerTest {

    private static Map<String, ObservedService> monolithService(int replicas, String hash) {
        return Map.of("monolith", new ObservedService("monolith", replicas, hash));
    }

    @Test
    void aFreshStackGetsItsInfrastructureThenEachServiceWithAllItsTasksBootingSideBySide() {
        Plan plan = SwarmPlanner.plan(monolith(3), ObservedStack.NOTHING, Map.of(), CURRENT_HASH);

        assertThat(plan.toText()).endsWith("""
                wait-ready  nginx                     (missing)
                deploy      swarm-service:monolith    replicas 3  (missing)
                follow      swarm-service:monolith    3 ready  (missing)
                """);
        assertThat(plan.toText()).startsWith("create      network:shop              (missing)\n");
    }

    @Test
    void scalingUpAServingServiceAddsOneTaskAtATimeAndFollowsEach() {
        Plan plan = SwarmPlanner.plan(monolith(3), withInfrastructure(app("monolith", 1)),
                monolithService(1, CURRENT_HASH), CURRENT_HASH);

        assertThat(plan.toText()).isEqualTo("""
                scale       swarm-service:monolith    replicas 2  (scale up)
                follow      swarm-service:monolith    2 ready  (scale up)
                scale       swarm-service:monolith    replicas 3  (scale up)
                follow      swarm-service:monolith    3 ready  (scale up)
                """);
    }

    @Test
    void scalingDownSetsTheCountOnceAndFollowsSwarmsChoiceOfTasks() {
        Plan plan = SwarmPlanner.plan(monolith(1),
                withInfrastructure(app("monolith", 1), app("monolith", 2), app("monolith", 3)),
                monolithService(3, CURRENT_HASH), CURRENT_HASH);

        assertThat(plan.toText()).isEqualTo("""
                scale       swarm-service:monolith    replicas 1  (scale down)
                follow      swarm-service:monolith    1 ready  (scale down)
                """);
    }

    @Test
    void aSettledServiceNeedsNothing() {
        Plan plan = SwarmPlanner.plan(monolith(2), withInfrastructure(app("monolith", 1), app("monolith", 2)),
                monolithService(2, CURRENT_HASH), CURRENT_HASH);

        assertThat(plan.isEmpty()).as(plan.toText()).isTrue();
    }

    @Test
    void aTaskSwarmIsReplacingIsWaitedForNotReplacedByTheConsole() {
        ObservedContainer replacement = app("monolith", 2, CURRENT_HASH, ContainerState.CREATED, false);
        Plan plan = SwarmPlanner.plan(monolith(2), with(List.of(
                        ObservedStacks.infrastructure(Labels.ROLE_POSTGRES, ContainerState.RUNNING, true),
                        ObservedStacks.infrastructure(Labels.ROLE_HAPROXY, ContainerState.RUNNING, true),
                        ObservedStacks.infrastructure(Labels.ROLE_NGINX, ContainerState.RUNNING, true),
                        app("monolith", 1), replacement)),
                monolithService(2, CURRENT_HASH), CURRENT_HASH);

        assertThat(plan.operations()).noneMatch(step -> step instanceof Operation.CreateContainer
                || step instanceof Operation.StopContainer || step instanceof Operation.ScaleService);
        assertThat(plan.operations()).last().isEqualTo(new Operation.FollowTasks("monolith", 2, "not ready"));
    }

    @Test
    void aChangedDefinitionIsDeployedOnceAndSwarmReplacesTheTasksBeforeTheCountChanges() {
        Plan plan = SwarmPlanner.plan(monolith(2), withInfrastructure(app("monolith", 1, OLD_HASH,
                        ContainerState.RUNNING, true)), monolithService(1, OLD_HASH), CURRENT_HASH);

        assertThat(plan.toText()).isEqualTo("""
                deploy      swarm-service:monolith    replicas 1  (config hash changed)
                follow      swarm-service:monolith    1 ready  (config hash changed)
                scale       swarm-service:monolith    replicas 2  (scale up)
                follow      swarm-service:monolith    2 ready  (scale up)
                """);
    }

    @Test
    void servicesModeGrantsTheDatabaseUsersBeforeTheFirstDeploymentOnly() {
        Plan plan = SwarmPlanner.plan(services(2), ObservedStack.NOTHING, Map.of(), CURRENT_HASH);

        assertThat(plan.operations()).filteredOn(Operation.GrantDatabaseAccess.class::isInstance).hasSize(1);
        assertThat(plan.operations()).filteredOn(Operation.DeployService.class::isInstance)
                .extracting(step -> ((Operation.DeployService) step).service())
                .containsExactlyElementsOf(Mode.SERVICES.services());
        assertThat(plan.operations()).contains(new Operation.DeployService("orders", CURRENT_HASH, 2, "missing"));
    }

    @Test
    void switchingModeRemovesTheServicesTheModeNoLongerRuns() {
        Map<String, ObservedService> running = new HashMap<>();
        Mode.SERVICES.services().forEach(s -> running.put(s, new ObservedService(s, 1, CURRENT_HASH)));
        Plan plan = SwarmPlanner.plan(monolith(1), withInfrastructure(), running, CURRENT_HASH);

        assertThat(plan.operations()).first().isEqualTo(new Operation.DeployService("monolith", CURRENT_HASH, 1,
                "missing"));
        assertThat(plan.operations()).filteredOn(Operation.RemoveService.class::isInstance).hasSize(5)
                .allMatch(step -> step.cause().equals("not in monolith mode"));
    }
}
