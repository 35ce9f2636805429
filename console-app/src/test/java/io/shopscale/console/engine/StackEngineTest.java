package io.shopscale.console.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.shopscale.console.fault.FaultChange;
import io.shopscale.console.fault.FaultException;
import io.shopscale.console.fault.FaultsInForce;
import io.shopscale.console.plan.ContainerRef;
import io.shopscale.console.plan.ContainerState;
import io.shopscale.console.plan.Labels;
import io.shopscale.console.plan.ObservedContainer;
import io.shopscale.console.plan.ObservedStack;
import io.shopscale.console.plan.Operation;
import io.shopscale.console.plan.Plan;
import io.shopscale.console.plan.Readiness;
import io.shopscale.console.plan.ResourceNames;
import io.shopscale.console.topology.DesiredTopology;
import io.shopscale.console.topology.Limits;
import io.shopscale.console.topology.Mode;
import io.shopscale.console.topology.StackName;
import io.shopscale.console.topology.TopologyException;

/** The engine's decisions (which wish, which plan, one command at a time) on a runtime that lives in memory. */
class StackEngineTest {

    private static final StackName SHOP = StackName.of("shop");
    private static final String HASH = "cfg-1";

    @TempDir
    Path home;

    private final MemoryRuntime runtime = new MemoryRuntime();

    private StackEngine engine(boolean waitForStack) {
        return new StackEngine(() -> {
            throw new AssertionError("no Docker engine in this test");
        }, () -> {
            throw new AssertionError("no jars in this test");
        }, home, "test", waitForStack, name -> runtime);
    }

    @Test
    void scaleRecordsTheNewWishBeforeItsPlanRunsAndConvergesToIt() {
        runtime.runs(wish(1), 1);

        engine(true).scale(SHOP, Map.of("monolith", 3), ShopEngine.EngineListener.IGNORE);

        assertThat(runtime.log.get(0)).isEqualTo("record monolith=3");
        assertThat(runtime.wish).get().extracting(w -> w.desired().replicasOf("monolith")).isEqualTo(3);
        assertThat(runtime.servingReplicas()).containsExactly(1, 2, 3);
        assertThat(runtime.routing).isEqualTo(Map.of("monolith", List.of(1, 2, 3)));
        assertThat(runtime.wish.get().images()).as("the running images, not newly built ones")
                .isEqualTo(wish(1).images());
    }

    @Test
    void healConvergesToWhatWasAskedNotToTheContainersThatHappenToExist() {
        runtime.runs(wish(3), 3);
        runtime.kill(2);
        runtime.remove(3);

        Plan plan = engine(true).heal(SHOP, ShopEngine.EngineListener.IGNORE);

        assertThat(runtime.log).as("heal records no wish").noneMatch(line -> line.startsWith("record"));
        assertThat(plan.toText()).startsWith("upstreams   nginx                     monolith=[1]");
        assertThat(runtime.servingReplicas()).hasSize(3).doesNotContain(2);
        assertThat(runtime.routing.get("monolith")).hasSize(3).doesNotContain(2);
    }

    @Test
    void aStackThatWasNeverUpIsToldSoAndNothingIsRecorded() {
        assertThatThrownBy(() -> engine(true).scale(SHOP, Map.of("monolith", 2), ShopEngine.EngineListener.IGNORE))
                .isInstanceOf(TopologyException.class).hasMessageContaining("start it with `shopctl up`");
        assertThat(runtime.log).isEmpty();
    }

    @Test
    void aCommandThatWillNotWaitForTheStackChangesNothingWhileAnotherHoldsIt() {
        runtime.runs(wish(1), 1);
        try (StackLock held = StackLock.acquire(home, SHOP, "shopctl up", true, holder -> { })) {
            assertThatThrownBy(() -> engine(false).scale(SHOP, Map.of("monolith", 2),
                    ShopEngine.EngineListener.IGNORE))
                    .isInstanceOf(StackLock.StackBusyException.class).hasMessageContaining("`shopctl up`");
        }
        assertThat(runtime.log).isEmpty();
    }

    @Test
    void theRoutingGuardTakesAFailingReplicaOutOfNginxAndTouchesNoContainer() {
        runtime.runs(wish(3), 3);
        runtime.fail(2);
        List<String> changes = new ArrayList<>();

        engine(true).guardRouting(SHOP, changes::add);

        assertThat(runtime.routing).isEqualTo(Map.of("monolith", List.of(1, 3)));
        assertThat(runtime.log).containsExactly("upstreams monolith=[1,3]");
        assertThat(changes).singleElement().asString().contains("routed, not ready: monolith:2");
    }

    @Test
    void theRoutingGuardLeavesTheStackAloneWhileACommandHoldsIt() {
        runtime.runs(wish(3), 3);
        runtime.fail(2);
        try (StackLock held = StackLock.acquire(home, SHOP, "shopctl scale", true, holder -> { })) {
            engine(true).guardRouting(SHOP, change -> { });
        }
        assertThat(runtime.log).isEmpty();
    }

    @Test
    void aFaultIsKeptWithTheStackBeforeItIsAppliedAndEachChangeIsReported() {
        runtime.runs(wish(2), 2);
        List<EngineEvent> events = new ArrayList<>();

        engine(true).switchFault(SHOP, FaultChange.parse("failure payments 100%"), events::add);
        FaultsInForce after = engine(true).switchFault(SHOP, FaultChange.parse("timeout monolith:2"), events::add);

        assertThat(after.texts()).containsExactly("failure payments 100%", "timeout monolith:2");
        assertThat(runtime.log).containsExactly("faults [failure payments 100%] with payments",
                "faults [failure payments 100%, timeout monolith:2]");
        assertThat(events).extracting(EngineEvent::summary)
                .containsExactly("fault on: failure payments 100%", "fault on: timeout monolith:2");
        assertThat(engine(true).faults(SHOP)).as("read back by another engine, as another process would")
                .isEqualTo(after);
        assertThat(StackFaults.file(home, SHOP)).content().contains("failure payments 100%\ntimeout monolith:2\n");
    }

    @Test
    void clearingAllSwitchesEveryFaultOffAndForgetsThem() {
        runtime.runs(wish(2), 2);
        engine(true).switchFault(SHOP, FaultChange.parse("latency payments 800ms"), ShopEngine.EngineListener.IGNORE);
        engine(true).switchFault(SHOP, FaultChange.parse("slow monolith:1 0.1"), ShopEngine.EngineListener.IGNORE);
        List<EngineEvent> events = new ArrayList<>();

        FaultsInForce after = engine(true).switchFault(SHOP, new FaultChange.AllOff(), events::add);

        assertThat(after.isEmpty()).isTrue();
        assertThat(runtime.log).last().isEqualTo("faults [] with payments");
        assertThat(events).extracting(EngineEvent::summary)
                .containsExactly("fault off: latency payments 800ms", "fault off: slow monolith:1 0.1");
        assertThat(StackFaults.file(home, SHOP)).doesNotExist();
    }

    @Test
    void aFaultOnAReplicaTheStackDoesNotRunIsRefusedAndNothingIsKept() {
        runtime.runs(wish(2), 2);

        assertThatThrownBy(() -> engine(true).switchFault(SHOP, FaultChange.parse("timeout monolith:3"),
                ShopEngine.EngineListener.IGNORE))
                .isInstanceOf(TopologyException.class)
                .hasMessage("monolith:3 is not a replica of stack shop; it runs monolith:1 to monolith:2");
        assertThatThrownBy(() -> engine(true).switchFault(SHOP, FaultChange.parse("timeout orders:1"),
                ShopEngine.EngineListener.IGNORE))
                .isInstanceOf(TopologyException.class).hasMessageContaining("orders:1 is not a replica");
        assertThatThrownBy(() -> engine(true).switchFault(SHOP, FaultChange.parse("clear latency payments"),
                ShopEngine.EngineListener.IGNORE))
                .isInstanceOf(FaultException.class).hasMessage("no fault latency payments is in force");
        assertThat(runtime.log).isEmpty();
        assertThat(engine(true).faults(SHOP).isEmpty()).isTrue();
    }

    @Test
    void aPlanRunsWithFrozenContainersThawedAndTheFaultsAreAppliedAgainAfterIt() {
        runtime.runs(wish(3), 3);
        engine(true).switchFault(SHOP, FaultChange.parse("timeout database"), ShopEngine.EngineListener.IGNORE);
        engine(true).switchFault(SHOP, FaultChange.parse("timeout monolith:3"), ShopEngine.EngineListener.IGNORE);
        runtime.log.clear();
        List<EngineEvent> events = new ArrayList<>();

        engine(true).scale(SHOP, Map.of("monolith", 2), events::add);

        assertThat(runtime.log.subList(0, 2)).containsExactly("record monolith=2", "thaw");
        assertThat(runtime.log).last().as("replica 3 is gone, and its fault with it")
                .isEqualTo("faults [timeout database] with payments");
        assertThat(events).filteredOn(EngineEvent.FaultSwitched.class::isInstance).extracting(EngineEvent::summary)
                .containsExactly("fault off: timeout monolith:3 (its replica is gone)");
        assertThat(engine(true).faults(SHOP).texts()).containsExactly("timeout database");
    }

    @Test
    void aMomentaryDownIsNeverKept() {
        runtime.runs(wish(1), 1);

        assertThatThrownBy(() -> engine(true).switchFault(SHOP, FaultChange.parse("clear down monolith:1"),
                ShopEngine.EngineListener.IGNORE)).isInstanceOf(FaultException.class);
        assertThat(engine(true).faults(SHOP).isEmpty()).isTrue();
    }

    private static StackWish wish(int replicas) {
        return new StackWish(new DesiredTopology(SHOP, Mode.MONOLITH, Map.of("monolith", replicas), Limits.DEFAULT,
                8080), new ContainerSpecs.Images("pg", "haproxy", "nginx", Map.of("monolith", "shop-monolith:1")));
    }

    /** A stack in memory: each step of a plan changes it as Docker would, and every replica starts ready. */
    private static final class MemoryRuntime implements StackRuntime {

        Optional<StackWish> wish = Optional.empty();
        final List<ObservedContainer> containers = new ArrayList<>();
        Map<String, List<Integer>> routing = new TreeMap<>();
        final List<String> log = new ArrayList<>();

        /** The stack as {@code wish} left it: infrastructure, and replicas 1..n serving and routed. */
        void runs(StackWish asked, int replicas) {
            wish = Optional.of(asked);
            for (String role : List.of(Labels.ROLE_POSTGRES, Labels.ROLE_HAPROXY, Labels.ROLE_NGINX)) {
                containers.add(new ObservedContainer(role, ResourceNames.infrastructureContainer(SHOP, role), role, 1,
                        role, "", ContainerState.RUNNING, Readiness.READY));
            }
            List<Integer> routed = new ArrayList<>();
            for (int replica = 1; replica <= replicas; replica++) {
                containers.add(app(replica, ContainerState.RUNNING, Readiness.READY));
                routed.add(replica);
            }
            routing.put("monolith", routed);
        }

        void kill(int replica) {
            replace(replica, ContainerState.EXITED, Readiness.STARTING);
        }

        void fail(int replica) {
            replace(replica, ContainerState.RUNNING, Readiness.FAILING);
        }

        void remove(int replica) {
            containers.removeIf(c -> c.isApp() && c.replica() == replica);
        }

        List<Integer> servingReplicas() {
            return containers.stream().filter(c -> c.isApp() && c.isServing()).map(ObservedContainer::replica)
                    .sorted().toList();
        }

        @Override
        public Optional<StackWish> wish() {
            return wish;
        }

        @Override
        public void thaw() {
            log.add("thaw");
        }

        @Override
        public void applyFaults(StackWish asked, FaultsInForce faults, boolean payments) {
            log.add("faults " + faults.texts() + (payments ? " with payments" : ""));
        }

        @Override
        public void record(StackWish asked) {
            log.add("record monolith=" + asked.desired().replicasOf("monolith"));
            wish = Optional.of(asked);
        }

        @Override
        public ObservedStack observe(StackWish asked) {
            return new ObservedStack(Optional.of(ResourceNames.network(SHOP)),
                    Set.of(ResourceNames.databaseVolume(SHOP), ResourceNames.staticFilesVolume(SHOP)), containers,
                    Optional.of(routing));
        }

        @Override
        public String appConfigHash(StackWish asked) {
            return HASH;
        }

        @Override
        public void execute(StackWish asked, Plan plan, ShopEngine.EngineListener events) {
            for (Operation step : plan.operations()) {
                log.add(step.verb() + " " + (step instanceof Operation.UpdateUpstreams u ? u.detail()
                        : step.resourceId()));
                if (step instanceof Operation.CreateContainer create) {
                    containers.add(app(create.container().replica(), ContainerState.CREATED, Readiness.STARTING));
                } else if (step instanceof Operation.StartContainer start) {
                    replace(start.container().replica(), ContainerState.RUNNING, Readiness.READY);
                } else if (step instanceof Operation.StopContainer stop) {
                    replace(stop.container().replica(), ContainerState.EXITED, Readiness.STARTING);
                } else if (step instanceof Operation.RemoveContainer removed) {
                    remove(removed.container().replica());
                } else if (step instanceof Operation.UpdateUpstreams upstreams) {
                    routing = new TreeMap<>(upstreams.upstreams());
                }
            }
        }

        private void replace(int replica, ContainerState state, Readiness readiness) {
            remove(replica);
            containers.add(app(replica, state, readiness));
        }

        private static ObservedContainer app(int replica, ContainerState state, Readiness readiness) {
            ContainerRef ref = ContainerRef.app(SHOP, "monolith", replica);
            return new ObservedContainer("id-" + replica, ref.name(), "monolith", replica, Labels.ROLE_APP, HASH,
                    state, readiness);
        }
    }
}
