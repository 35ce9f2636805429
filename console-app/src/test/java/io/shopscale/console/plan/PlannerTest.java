package io.shopscale.console.plan;

import static io.shopscale.console.plan.ContainerState.EXITED;
import static io.shopscale.console.plan.ContainerState.PAUSED;
import static io.shopscale.console.plan.ContainerState.REMOVING;
import static io.shopscale.console.plan.ContainerState.RUNNING;
import static io.shopscale.console.plan.ObservedStacks.CURRENT_HASH;
import static io.shopscale.console.plan.ObservedStacks.OLD_HASH;
import static io.shopscale.console.plan.ObservedStacks.app;
import static io.shopscale.console.plan.ObservedStacks.failing;
import static io.shopscale.console.plan.ObservedStacks.infrastructure;
import static io.shopscale.console.plan.ObservedStacks.monolith;
import static io.shopscale.console.plan.ObservedStacks.monolithReplicas;
import static io.shopscale.console.plan.ObservedStacks.services;
import static io.shopscale.console.plan.ObservedStacks.servicesWithOneReplicaEach;
import static io.shopscale.console.plan.ObservedStacks.with;
import static io.shopscale.console.plan.ObservedStacks.withInfrastructure;
import static io.shopscale.console.plan.ObservedStacks.withInfrastructureExcept;
import static io.shopscale.console.plan.ObservedStacks.withRouting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopscale.console.plan.Operation.CreateContainer;
import io.shopscale.console.topology.DesiredTopology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PlannerTest {

    private static Plan plan(DesiredTopology desired, ObservedStack observed) {
        Plan plan = Planner.plan(desired, observed, CURRENT_HASH);
        NoRequestLost.assertHolds(observed, plan);
        return plan;
    }

    @Nested
    class FreshStack {

        @Test
        void createsInfrastructureThenNginxThenEachReplicaJoinsWhenReady() {
            Plan plan = plan(monolith(3), ObservedStack.NOTHING);

            assertThat(plan.toText()).isEqualTo("""
                create      network:shop              (missing)
                create      volume:shop-pgdata        (missing)
                create      volume:shop-static        (missing)
                create      postgres                  (missing)
                start       postgres                  (missing)
                wait-ready  postgres                  (missing)
                create      haproxy                   (missing)
                start       haproxy                   (missing)
                wait-ready  haproxy                   (missing)
                create      nginx                     (missing)
                start       nginx                     (missing)
                wait-ready  nginx                     (missing)
                create      service:monolith:1        (scale up)
                start       service:monolith:1        (scale up)
                create      service:monolith:2        (scale up)
                start       service:monolith:2        (scale up)
                create      service:monolith:3        (scale up)
                start       service:monolith:3        (scale up)
                wait-ready  service:monolith:1        (scale up)
                upstreams   nginx                     monolith=[1]  (scale up)
                wait-ready  service:monolith:2        (scale up)
                upstreams   nginx                     monolith=[1,2]  (scale up)
                wait-ready  service:monolith:3        (scale up)
                upstreams   nginx                     monolith=[1,2,3]  (scale up)
                """);
        }

        @Test
        void labelsNewReplicasWithTheAppConfigHashAndInfrastructureWithNone() {
            Plan plan = plan(monolith(1), ObservedStack.NOTHING);

            assertThat(plan.operations()).filteredOn(CreateContainer.class::isInstance)
                    .map(CreateContainer.class::cast)
                    .map(create -> create.container().name() + " " + create.configHash())
                    .containsExactly("shop-postgres ", "shop-haproxy ", "shop-nginx ",
                            "shop-monolith-1 " + CURRENT_HASH);
        }
    }

    @Nested
    class Scaling {

        @Test
        void oneToThreeBootsOneNewReplicaAfterTheOtherWhileTheFirstServes() {
            assertThat(plan(monolith(3), monolithReplicas(1)).toText()).isEqualTo("""
                create      service:monolith:2        (scale up)
                start       service:monolith:2        (scale up)
                wait-ready  service:monolith:2        (scale up)
                upstreams   nginx                     monolith=[1,2]  (scale up)
                create      service:monolith:3        (scale up)
                start       service:monolith:3        (scale up)
                wait-ready  service:monolith:3        (scale up)
                upstreams   nginx                     monolith=[1,2,3]  (scale up)
                """);
        }

        @Test
        void threeToOneLeavesNginxFirstThenDrainsThenStopsHighestReplicaFirst() {
            assertThat(plan(monolith(1), monolithReplicas(3)).toText()).isEqualTo("""
                upstreams   nginx                     monolith=[1]  (scale down)
                drain       nginx                     5s  (scale down)
                stop        service:monolith:3        timeout 30s  (scale down)
                remove      service:monolith:3        (scale down)
                stop        service:monolith:2        timeout 30s  (scale down)
                remove      service:monolith:2        (scale down)
                """);
        }

        @Test
        void threeToThreeIsAnEmptyPlan() {
            Plan plan = plan(monolith(3), monolithReplicas(3));

            assertThat(plan.isEmpty()).isTrue();
            assertThat(plan.toText()).isEmpty();
        }

        @Test
        void scalingUpFillsTheGapInReplicaNumbers() {
            ObservedStack observed = withInfrastructure(app("monolith", 1), app("monolith", 3));

            assertThat(plan(monolith(3), observed).toText()).isEqualTo("""
                create      service:monolith:2        (scale up)
                start       service:monolith:2        (scale up)
                wait-ready  service:monolith:2        (scale up)
                upstreams   nginx                     monolith=[1,2,3]  (scale up)
                """);
        }

        @Test
        void scalingDownRemovesTheHighestReplicaNumbersFirst() {
            ObservedStack observed = withInfrastructure(app("monolith", 1), app("monolith", 2), app("monolith", 4));

            assertThat(plan(monolith(1), observed).toText()).isEqualTo("""
                upstreams   nginx                     monolith=[1]  (scale down)
                drain       nginx                     5s  (scale down)
                stop        service:monolith:4        timeout 30s  (scale down)
                remove      service:monolith:4        (scale down)
                stop        service:monolith:2        timeout 30s  (scale down)
                remove      service:monolith:2        (scale down)
                """);
        }

        @Test
        void aReplicaBeingRemovedKeepsItsNumberUntilItIsGone() {
            ObservedStack observed = withInfrastructure(app("monolith", 1),
                    app("monolith", 2, CURRENT_HASH, REMOVING, false));

            assertThat(plan(monolith(2), observed).toText()).isEqualTo("""
                create      service:monolith:3        (scale up)
                start       service:monolith:3        (scale up)
                wait-ready  service:monolith:3        (scale up)
                upstreams   nginx                     monolith=[1,3]  (scale up)
                """);
        }

        @Test
        void aStartingReplicaThatNginxDoesNotRouteToYetIsAwaitedThenRouted() {
            ObservedStack observed = withRouting(withInfrastructure(app("monolith", 1),
                    app("monolith", 2, CURRENT_HASH, RUNNING, false)).containers(),
                    Optional.of(Map.of("monolith", List.of(1))));

            assertThat(plan(monolith(2), observed).toText()).isEqualTo("""
                wait-ready  service:monolith:2        (not ready)
                upstreams   nginx                     monolith=[1,2]  (not ready)
                """);
        }

        @Test
        void aReplicaThatGotReadyAfterAnEarlierCommandStoppedIsRoutedFirst() {
            ObservedStack observed = withRouting(monolithReplicas(2).containers(),
                    Optional.of(Map.of("monolith", List.of(1))));

            assertThat(plan(monolith(2), observed).toText()).isEqualTo("""
                upstreams   nginx                     monolith=[1,2]  (ready, not routed: monolith:2)
                """);
        }

        @Test
        void whenNginxsRoutingCouldNotBeReadItIsSetAgain() {
            ObservedStack observed = withRouting(monolithReplicas(2).containers(), Optional.empty());

            assertThat(plan(monolith(2), observed).toText()).isEqualTo("""
                upstreams   nginx                     monolith=[1,2]  (routing not read back from nginx)
                """);
        }

        @Test
        void anOutdatedReplicaConcurrencyIsSetWithTheSameRoutingByTheCommandAndByTheGuard() {
            ObservedStack observed = monolithReplicas(2).withReplicaConcurrencyOutdated(true);

            String expected = """
                upstreams   nginx                     monolith=[1,2]  (replica concurrency outdated)
                """;
            assertThat(plan(monolith(2), observed).toText()).isEqualTo(expected);
            assertThat(Planner.routing(monolith(2), observed).toText()).isEqualTo(expected);
            assertThat(plan(monolith(2), monolithReplicas(2)).isEmpty()).isTrue();
        }

        @Test
        void anOutdatedReplicaConcurrencyIsSetOnceWhenTheRoutingChangesToo() {
            ObservedStack observed = withRouting(monolithReplicas(2).containers(),
                    Optional.of(Map.of("monolith", List.of(1)))).withReplicaConcurrencyOutdated(true);

            assertThat(plan(monolith(3), observed).toText()).isEqualTo("""
                upstreams   nginx                     monolith=[1,2]  (ready, not routed: monolith:2; replica concurrency outdated)
                create      service:monolith:3        (scale up)
                start       service:monolith:3        (scale up)
                wait-ready  service:monolith:3        (scale up)
                upstreams   nginx                     monolith=[1,2,3]  (scale up)
                """);
        }

        @Test
        void aRoutingThatAFailedReloadLeftBehindIsCorrected() {
            ObservedStack observed = withRouting(monolithReplicas(3).containers(),
                    Optional.of(Map.of("monolith", List.of(1, 4))));

            assertThat(plan(monolith(3), observed).toText()).isEqualTo("""
                upstreams   nginx                     monolith=[1,2,3]  (ready, not routed: monolith:2, monolith:3; routed, not ready: monolith:4)
                """);
        }
    }

    @Nested
    class Replacing {

        @Test
        void anExitedReplicaIsReplacedByANewNumberThatIsRoutedBeforeTheOldIsRemoved() {
            ObservedStack observed = withInfrastructure(app("monolith", 1),
                    app("monolith", 2, CURRENT_HASH, EXITED, false), app("monolith", 3));

            assertThat(plan(monolith(3), observed).toText()).isEqualTo("""
                upstreams   nginx                     monolith=[1,3]  (routed, not ready: monolith:2)
                create      service:monolith:4        (replaces service:monolith:2)
                start       service:monolith:4        (replaces service:monolith:2)
                wait-ready  service:monolith:4        (replaces service:monolith:2)
                upstreams   nginx                     monolith=[1,3,4]  (replaces service:monolith:2)
                remove      service:monolith:2        (exited)
                """);
        }

        @Test
        void aReplicaFailingItsProbeLeavesNginxAtOnceAndIsReplacedThenStoppedQuickly() {
            ObservedStack observed = withInfrastructure(app("monolith", 1), failing("monolith", 2),
                    app("monolith", 3));

            assertThat(plan(monolith(3), observed).toText()).isEqualTo("""
                upstreams   nginx                     monolith=[1,3]  (routed, not ready: monolith:2)
                create      service:monolith:4        (replaces service:monolith:2)
                start       service:monolith:4        (replaces service:monolith:2)
                wait-ready  service:monolith:4        (replaces service:monolith:2)
                upstreams   nginx                     monolith=[1,3,4]  (replaces service:monolith:2)
                stop        service:monolith:2        timeout 5s  (failing readiness)
                remove      service:monolith:2        (failing readiness)
                """);
        }

        @Test
        void aFrozenAndAKilledReplicaBothLeaveNginxFirstAndNeitherWaitsOnTheOther() {
            ObservedStack observed = withInfrastructure(app("monolith", 1), failing("monolith", 2),
                    app("monolith", 3, CURRENT_HASH, EXITED, false));

            assertThat(plan(monolith(3), observed).toText()).isEqualTo("""
                upstreams   nginx                     monolith=[1]  (routed, not ready: monolith:2, monolith:3)
                create      service:monolith:4        (replaces service:monolith:2)
                start       service:monolith:4        (replaces service:monolith:2)
                wait-ready  service:monolith:4        (replaces service:monolith:2)
                upstreams   nginx                     monolith=[1,4]  (replaces service:monolith:2)
                stop        service:monolith:2        timeout 5s  (failing readiness)
                remove      service:monolith:2        (failing readiness)
                create      service:monolith:5        (replaces service:monolith:3)
                start       service:monolith:5        (replaces service:monolith:3)
                wait-ready  service:monolith:5        (replaces service:monolith:3)
                upstreams   nginx                     monolith=[1,4,5]  (replaces service:monolith:3)
                remove      service:monolith:3        (exited)
                """);
        }

        @Test
        void anExitedReplicaBeyondTheWantedCountIsRemovedNotReplaced() {
            ObservedStack observed = withInfrastructure(app("monolith", 1), app("monolith", 2),
                    app("monolith", 3, CURRENT_HASH, EXITED, false));

            assertThat(plan(monolith(2), observed).toText()).isEqualTo("""
                upstreams   nginx                     monolith=[1,2]  (routed, not ready: monolith:3)
                remove      service:monolith:3        (exited)
                """);
        }

        @Test
        void aConfigHashChangeRollsOneReplicaAtATimeEachReplacementReadyBeforeItsPredecessorLeaves() {
            ObservedStack observed = withInfrastructure(app("monolith", 1, OLD_HASH, RUNNING, true),
                    app("monolith", 2, OLD_HASH, RUNNING, true), app("monolith", 3, OLD_HASH, RUNNING, true));

            assertThat(plan(monolith(3), observed).toText()).isEqualTo("""
                create      service:monolith:4        (replaces service:monolith:1)
                start       service:monolith:4        (replaces service:monolith:1)
                wait-ready  service:monolith:4        (replaces service:monolith:1)
                upstreams   nginx                     monolith=[2,3,4]  (replaces service:monolith:1)
                drain       nginx                     5s  (config hash changed)
                stop        service:monolith:1        timeout 30s  (config hash changed)
                remove      service:monolith:1        (config hash changed)
                create      service:monolith:5        (replaces service:monolith:2)
                start       service:monolith:5        (replaces service:monolith:2)
                wait-ready  service:monolith:5        (replaces service:monolith:2)
                upstreams   nginx                     monolith=[3,4,5]  (replaces service:monolith:2)
                drain       nginx                     5s  (config hash changed)
                stop        service:monolith:2        timeout 30s  (config hash changed)
                remove      service:monolith:2        (config hash changed)
                create      service:monolith:6        (replaces service:monolith:3)
                start       service:monolith:6        (replaces service:monolith:3)
                wait-ready  service:monolith:6        (replaces service:monolith:3)
                upstreams   nginx                     monolith=[4,5,6]  (replaces service:monolith:3)
                drain       nginx                     5s  (config hash changed)
                stop        service:monolith:3        timeout 30s  (config hash changed)
                remove      service:monolith:3        (config hash changed)
                """);
        }

        @Test
        void aConfigHashChangeWhileScalingUpAddsTheNewReplicasFirst() {
            ObservedStack observed = withInfrastructure(app("monolith", 1, OLD_HASH, RUNNING, true));

            assertThat(plan(monolith(3), observed).toText()).isEqualTo("""
                create      service:monolith:2        (scale up)
                start       service:monolith:2        (scale up)
                wait-ready  service:monolith:2        (scale up)
                upstreams   nginx                     monolith=[1,2]  (scale up)
                create      service:monolith:3        (scale up)
                start       service:monolith:3        (scale up)
                wait-ready  service:monolith:3        (scale up)
                upstreams   nginx                     monolith=[1,2,3]  (scale up)
                create      service:monolith:4        (replaces service:monolith:1)
                start       service:monolith:4        (replaces service:monolith:1)
                wait-ready  service:monolith:4        (replaces service:monolith:1)
                upstreams   nginx                     monolith=[2,3,4]  (replaces service:monolith:1)
                drain       nginx                     5s  (config hash changed)
                stop        service:monolith:1        timeout 30s  (config hash changed)
                remove      service:monolith:1        (config hash changed)
                """);
        }

        @Test
        void aConfigHashChangeWhileScalingDownReplacesOnlyWhatIsKept() {
            ObservedStack observed = withInfrastructure(app("monolith", 1, OLD_HASH, RUNNING, true),
                    app("monolith", 2, OLD_HASH, RUNNING, true), app("monolith", 3, OLD_HASH, RUNNING, true));

            assertThat(plan(monolith(1), observed).toText()).isEqualTo("""
                upstreams   nginx                     monolith=[1]  (scale down)
                drain       nginx                     5s  (scale down)
                stop        service:monolith:3        timeout 30s  (config hash changed)
                remove      service:monolith:3        (config hash changed)
                stop        service:monolith:2        timeout 30s  (config hash changed)
                remove      service:monolith:2        (config hash changed)
                create      service:monolith:4        (replaces service:monolith:1)
                start       service:monolith:4        (replaces service:monolith:1)
                wait-ready  service:monolith:4        (replaces service:monolith:1)
                upstreams   nginx                     monolith=[4]  (replaces service:monolith:1)
                drain       nginx                     5s  (config hash changed)
                stop        service:monolith:1        timeout 30s  (config hash changed)
                remove      service:monolith:1        (config hash changed)
                """);
        }
    }

    @Nested
    class ServicesMode {

        @Test
        void scalingOnlyOrdersTouchesOnlyOrdersAndKeepsRoutingEveryService() {
            assertThat(plan(services(3), servicesWithOneReplicaEach()).toText()).isEqualTo("""
                grant       postgres                  a user per service: sso, catalog, orders, payments, notifications  (a service logs in as its own user)
                create      service:orders:2          (scale up)
                start       service:orders:2          (scale up)
                wait-ready  service:orders:2          (scale up)
                upstreams   nginx                     sso=[1] catalog=[1] orders=[1,2] payments=[1] notifications=[1]  (scale up)
                create      service:orders:3          (scale up)
                start       service:orders:3          (scale up)
                wait-ready  service:orders:3          (scale up)
                upstreams   nginx                     sso=[1] catalog=[1] orders=[1,2,3] payments=[1] notifications=[1]  (scale up)
                """);
        }

        @Test
        void scalingOrdersDownTouchesOnlyOrders() {
            List<ObservedContainer> containers = new ArrayList<>(servicesWithOneReplicaEach().containers());
            containers.add(app("orders", 2));
            containers.add(app("orders", 3));

            assertThat(plan(services(2), with(containers)).toText()).isEqualTo("""
                upstreams   nginx                     sso=[1] catalog=[1] orders=[1,2] payments=[1] notifications=[1]  (scale down)
                drain       nginx                     5s  (scale down)
                stop        service:orders:3          timeout 30s  (scale down)
                remove      service:orders:3          (scale down)
                """);
        }

        @Test
        void switchingFromMonolithStartsEveryServiceBeforeRetiringTheMonolith() {
            assertThat(plan(services(1), monolithReplicas(2)).toText()).isEqualTo("""
                grant       postgres                  a user per service: sso, catalog, orders, payments, notifications  (a service logs in as its own user)
                create      service:sso:1             (scale up)
                start       service:sso:1             (scale up)
                wait-ready  service:sso:1             (scale up)
                upstreams   nginx                     sso=[1] catalog=[] orders=[] payments=[] notifications=[] monolith=[1,2]  (scale up)
                create      service:catalog:1         (scale up)
                start       service:catalog:1         (scale up)
                wait-ready  service:catalog:1         (scale up)
                upstreams   nginx                     sso=[1] catalog=[1] orders=[] payments=[] notifications=[] monolith=[1,2]  (scale up)
                create      service:orders:1          (scale up)
                start       service:orders:1          (scale up)
                wait-ready  service:orders:1          (scale up)
                upstreams   nginx                     sso=[1] catalog=[1] orders=[1] payments=[] notifications=[] monolith=[1,2]  (scale up)
                create      service:payments:1        (scale up)
                start       service:payments:1        (scale up)
                wait-ready  service:payments:1        (scale up)
                upstreams   nginx                     sso=[1] catalog=[1] orders=[1] payments=[1] notifications=[] monolith=[1,2]  (scale up)
                create      service:notifications:1   (scale up)
                start       service:notifications:1   (scale up)
                wait-ready  service:notifications:1   (scale up)
                upstreams   nginx                     sso=[1] catalog=[1] orders=[1] payments=[1] notifications=[1] monolith=[1,2]  (scale up)
                upstreams   nginx                     sso=[1] catalog=[1] orders=[1] payments=[1] notifications=[1]  (not in services mode)
                drain       nginx                     5s  (not in services mode)
                stop        service:monolith:2        timeout 30s  (not in services mode)
                remove      service:monolith:2        (not in services mode)
                stop        service:monolith:1        timeout 30s  (not in services mode)
                remove      service:monolith:1        (not in services mode)
                """);
        }
    }

    @Nested
    class Infrastructure {

        @Test
        void aMissingNginxIsCreatedAndGivenTheReplicasThatAlreadyServe() {
            ObservedStack observed = withInfrastructureExcept("nginx", app("monolith", 1), app("monolith", 2));

            assertThat(plan(monolith(2), observed).toText()).isEqualTo("""
                create      nginx                     (missing)
                start       nginx                     (missing)
                wait-ready  nginx                     (missing)
                upstreams   nginx                     monolith=[1,2]  (nginx missing)
                """);
        }

        @Test
        void anExitedPostgresIsRecreatedOnItsVolume() {
            List<ObservedContainer> containers = new ArrayList<>(monolithReplicas(1).containers());
            containers.removeIf(c -> c.role().equals(Labels.ROLE_POSTGRES));
            containers.add(infrastructure(Labels.ROLE_POSTGRES, EXITED, false));

            assertThat(plan(monolith(1), with(containers)).toText()).isEqualTo("""
                remove      postgres                  (exited)
                create      postgres                  (exited)
                start       postgres                  (exited)
                wait-ready  postgres                  (exited)
                """);
        }
    }

    @Test
    void theRoutingGuardOnlyTakesFailingReplicasOutAndReadyOnesIn() {
        ObservedStack observed = withRouting(withInfrastructure(app("monolith", 1), failing("monolith", 2),
                app("monolith", 3)).containers(), Optional.of(Map.of("monolith", List.of(1, 2))));

        assertThat(Planner.routing(monolith(1), observed).toText()).isEqualTo("""
            upstreams   nginx                     monolith=[1,3]  (ready, not routed: monolith:3; routed, not ready: monolith:2)
            """);
        assertThat(Planner.routing(monolith(3), monolithReplicas(3)).isEmpty()).isTrue();
    }

    @Test
    void whenEveryReplicaOfAServiceFailsItsProbeTheGuardKeepsThemRoutedRatherThanAnswer503() {
        ObservedStack observed = withInfrastructure(failing("monolith", 1), failing("monolith", 2));

        assertThat(Planner.routing(monolith(2), observed).isEmpty()).isTrue();
        assertThat(plan(monolith(2), observed).toText()).as("heal replaces them, each leaving once its successor serves")
                .startsWith("""
                    create      service:monolith:3        (replaces service:monolith:1)
                    start       service:monolith:3        (replaces service:monolith:1)
                    wait-ready  service:monolith:3        (replaces service:monolith:1)
                    upstreams   nginx                     monolith=[2,3]  (replaces service:monolith:1)
                    drain       nginx                     5s  (failing readiness)
                    """);
    }

    @Test
    void whenEveryReplicaOfAServiceIsFrozenTheGuardKeepsThemRoutedSoRequestsWaitRatherThanGet503() {
        ObservedStack frozen = withInfrastructure(app("monolith", 1, CURRENT_HASH, PAUSED, false),
                app("monolith", 2, CURRENT_HASH, PAUSED, false));
        ObservedStack oneFrozen = withInfrastructure(app("monolith", 1, CURRENT_HASH, PAUSED, false),
                app("monolith", 2));

        assertThat(Planner.routing(monolith(2), frozen).isEmpty()).isTrue();
        assertThat(Planner.routing(monolith(2), oneFrozen).toText()).as("while another serves, a frozen one leaves")
                .contains("monolith=[2]");
    }

    @Test
    void refusesToPlanWithoutAnAppConfigHash() {
        assertThatThrownBy(() -> Planner.plan(monolith(1), ObservedStack.NOTHING, " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("config hash");
    }

    @Test
    void stopTimeoutOutlastsTheAppsGracefulShutdown() {
        assertThat(Planner.STOP_TIMEOUT).isGreaterThan(java.time.Duration.ofSeconds(20));
    }
}
