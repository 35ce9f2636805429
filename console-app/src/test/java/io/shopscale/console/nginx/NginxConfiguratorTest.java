package io.shopscale.console.nginx;

import static io.shopscale.console.nginx.NginxConfigurator.CANDIDATE_PATH;
import static io.shopscale.console.nginx.NginxConfigurator.CONFIG_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.shopscale.console.nginx.NginxApplyException.Step;
import io.shopscale.console.topology.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;

class NginxConfiguratorTest {

    private static final String TEST = "exec nginx -t -c " + CANDIDATE_PATH;
    private static final String MOVE = "exec mv -f " + CANDIDATE_PATH + " " + CONFIG_PATH;
    private static final String RELOAD = "exec " + String.join(" ", NginxConfigurator.RELOAD);
    private static final String READ_BACKENDS = "exec " + String.join(" ", BackendsControl.READ);
    private static final String NGINX_REJECTS = """
            nginx: [emerg] unknown directive "balancer_by_lua_block" in /etc/nginx/nginx.conf.next:31
            nginx: configuration file /etc/nginx/nginx.conf.next test failed
            """;

    private final NginxConfigRenderer renderer = NginxConfigRenderer.withDefaultTemplates();
    private final String monolith = renderer.render(Gateways.monolith(1));
    private final String services = renderer.render(Gateways.servicesWithMixedCounts());
    private final FakeContainerShell nginx = new FakeContainerShell().withFile(CONFIG_PATH, monolith);
    private final NginxConfigurator configurator = new NginxConfigurator(renderer, nginx);

    private static String setBackends(GatewayModel model) {
        return "exec " + String.join(" ", List.of("sh", "-c", BackendsControl.SET, "sh",
                BackendsText.of(model.upstreams(), model.replicaConcurrency())));
    }

    @Test
    void anotherReplicaCountChangesTheBackendsWithoutAReload() {
        Applied applied = configurator.apply(Gateways.monolith(3));

        assertThat(applied).isEqualTo(Applied.UNCHANGED);
        assertThat(nginx.actions()).containsExactly(setBackends(Gateways.monolith(3)), READ_BACKENDS);
        assertThat(setBackends(Gateways.monolith(3))).endsWith(" sh replica_concurrency "
                + Gateways.REPLICA_CONCURRENCY + "\nmonolith 1 172.18.0.10:8080\n"
                + "monolith 2 172.18.0.11:8080\nmonolith 3 172.18.0.12:8080\n");
    }

    @Test
    void anotherLimitOfRequestsInFlightIsSetWithTheBackendsWithoutAReload() {
        GatewayModel unlimited = new GatewayModel(Gateways.SHOP, Mode.MONOLITH, Gateways.monolith(1).upstreams(),
                GatewayPorts.DEFAULT, 0);

        assertThat(configurator.apply(unlimited)).isEqualTo(Applied.UNCHANGED);
        assertThat(nginx.actions()).containsExactly(setBackends(unlimited), READ_BACKENDS);
        assertThat(setBackends(unlimited)).contains(" sh replica_concurrency 0\nmonolith 1 172.18.0.10:8080\n");
    }

    @Test
    void aChangedShapeGetsItsBackendsFirstThenIsWrittenBesideTestedMovedAndReloaded() {
        Applied applied = configurator.apply(Gateways.servicesWithMixedCounts());

        assertThat(applied.reloaded()).isTrue();
        assertThat(nginx.actions()).containsExactly(setBackends(Gateways.servicesWithMixedCounts()), READ_BACKENDS,
                "write " + CANDIDATE_PATH, TEST, MOVE, RELOAD);
        assertThat(nginx.file(CONFIG_PATH)).isEqualTo(services);
        assertThat(nginx.file(CANDIDATE_PATH)).isNull();
    }

    @Test
    void theResultShowsWhatChanged() {
        Applied applied = configurator.apply(Gateways.servicesWithMixedCounts());

        assertThat(applied.diff().linesAdded()).isPositive();
        assertThat(applied.diff().linesRemoved()).isPositive();
        assertThat(applied.diff().toText()).contains("+    upstream catalog {\n", "-    upstream monolith {\n");
    }

    @Test
    void afterAReloadTheNewConfigIsTheRunningOne() {
        configurator.apply(Gateways.servicesWithMixedCounts());
        nginx.clearJournal();

        Applied again = configurator.apply(Gateways.servicesWithMixedCounts());

        assertThat(again).isEqualTo(Applied.UNCHANGED);
        assertThat(nginx.actions()).doesNotContain(TEST, RELOAD);
        assertThat(configurator.runningConfig()).isEqualTo(services);
    }

    @Test
    void backendsNginxDoesNotTakeStopTheApplyBeforeAnyReload() {
        nginx.answer(setBackends(Gateways.servicesWithMixedCounts()).substring("exec ".length()), 1,
                "line 2: address \"172.18.0.300:8080\" is not IPv4:port");

        NginxApplyException failure = applyFailing(Gateways.servicesWithMixedCounts());

        assertThat(failure.step()).isEqualTo(Step.BACKENDS);
        assertThat(failure.getMessage()).startsWith("nginx did not take the new backends; it routes as before")
                .contains("line 2: address");
        assertThat(nginx.actions()).containsExactly(setBackends(Gateways.servicesWithMixedCounts()));
        assertThat(nginx.file(CONFIG_PATH)).isEqualTo(monolith);
    }

    @Test
    void aConfigNginxRejectsIsNeitherMovedNorReloadedAndNginxsReasonIsShown() {
        nginx.answer("nginx -t -c " + CANDIDATE_PATH, 1, NGINX_REJECTS);

        NginxApplyException failure = applyFailing(Gateways.servicesWithMixedCounts());

        assertThat(failure.step()).isEqualTo(Step.TEST);
        assertThat(failure.getMessage())
                .startsWith("nginx rejected the new config")
                .contains("nginx: [emerg] unknown directive \"balancer_by_lua_block\" in "
                        + "/etc/nginx/nginx.conf.next:31");
        assertThat(failure.commandOutput()).isEqualTo(NGINX_REJECTS);
        assertThat(nginx.actions()).endsWith("write " + CANDIDATE_PATH, TEST);
        assertThat(nginx.file(CONFIG_PATH)).isEqualTo(monolith);
        assertThat(configurator.runningConfig()).isEqualTo(monolith);
    }

    @Test
    void afterARejectedConfigTheRunningOneIsStillKnownAsRunning() {
        nginx.answer("nginx -t -c " + CANDIDATE_PATH, 1, NGINX_REJECTS);
        applyFailing(Gateways.servicesWithMixedCounts());
        nginx.clearJournal();

        assertThat(configurator.apply(Gateways.monolith(1))).isEqualTo(Applied.UNCHANGED);
        assertThat(nginx.actions()).doesNotContain(TEST, RELOAD);
    }

    @Test
    void aFailedReloadIsTriedAgainByTheNextApply() {
        nginx.answer(String.join(" ", NginxConfigurator.RELOAD), 1,
                "nginx: [error] invalid PID number \"\" in \"/var/run/nginx.pid\"");
        NginxApplyException failure = applyFailing(Gateways.servicesWithMixedCounts());
        assertThat(failure.step()).isEqualTo(Step.RELOAD);
        assertThat(failure.getMessage()).contains("invalid PID number");
        nginx.answer(String.join(" ", NginxConfigurator.RELOAD), 0, "");
        nginx.clearJournal();

        Applied applied = configurator.apply(Gateways.servicesWithMixedCounts());

        assertThat(applied.reloaded()).isTrue();
        assertThat(nginx.actions()).endsWith("write " + CANDIDATE_PATH, TEST, MOVE, RELOAD);
    }

    @Test
    void aFailedMoveLeavesTheRunningConfigAndDoesNotReload() {
        nginx.answer("mv -f " + CANDIDATE_PATH + " " + CONFIG_PATH, 1,
                "mv: cannot move '/etc/nginx/nginx.conf.next' to '/etc/nginx/nginx.conf': Device or resource busy");

        NginxApplyException failure = applyFailing(Gateways.servicesWithMixedCounts());

        assertThat(failure.step()).isEqualTo(Step.MOVE);
        assertThat(failure.getMessage()).contains("Device or resource busy");
        assertThat(nginx.actions()).endsWith("write " + CANDIDATE_PATH, TEST, MOVE);
        assertThat(nginx.file(CONFIG_PATH)).isEqualTo(monolith);
    }

    @Test
    void aContainerWithoutAConfigFileGetsTheWholeConfig() {
        FakeContainerShell fresh = new FakeContainerShell();

        Applied applied = new NginxConfigurator(renderer, fresh).apply(Gateways.monolith(1));

        assertThat(applied.reloaded()).isTrue();
        assertThat(applied.diff().linesRemoved()).isZero();
        assertThat(applied.diff().linesAdded()).isEqualTo(monolith.lines().count());
        assertThat(fresh.file(CONFIG_PATH)).isEqualTo(monolith);
    }

    @Test
    void routedIsWhatTheControlEndpointAnswers() {
        nginx.answer(String.join(" ", BackendsControl.READ), 0, """
                catalog
                monolith 1 172.18.0.10:8080 1767225600.000 1767225625.000
                monolith 3 172.18.0.12:8080 1767225700.500 1767225725.500
                """);

        assertThat(configurator.routed().replicas()).containsExactly(
                java.util.Map.entry("catalog", List.of()), java.util.Map.entry("monolith", List.of(1, 3)));
    }

    private NginxApplyException applyFailing(GatewayModel model) {
        return catchThrowableOfType(NginxApplyException.class, () -> configurator.apply(model));
    }
}
