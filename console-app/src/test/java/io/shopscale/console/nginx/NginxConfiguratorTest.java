package io.shopscale.console.nginx;

import static io.shopscale.console.nginx.NginxConfigurator.CANDIDATE_PATH;
import static io.shopscale.console.nginx.NginxConfigurator.CONFIG_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.shopscale.console.nginx.NginxApplyException.Step;
import org.junit.jupiter.api.Test;

class NginxConfiguratorTest {

    private static final String TEST = "exec nginx -t -c " + CANDIDATE_PATH;
    private static final String MOVE = "exec mv -f " + CANDIDATE_PATH + " " + CONFIG_PATH;
    private static final String RELOAD = "exec " + String.join(" ", NginxConfigurator.RELOAD);
    private static final String NGINX_REJECTS = """
            nginx: [emerg] host not found in upstream "shop-monolith-2" in /etc/nginx/nginx.conf.next:31
            nginx: configuration file /etc/nginx/nginx.conf.next test failed
            """;

    private final NginxConfigRenderer renderer = NginxConfigRenderer.withDefaultTemplates();
    private final String oneReplica = renderer.render(Gateways.monolith(1));
    private final String twoReplicas = renderer.render(Gateways.monolith(2));
    private final FakeContainerShell nginx = new FakeContainerShell().withFile(CONFIG_PATH, oneReplica);
    private final NginxConfigurator configurator = new NginxConfigurator(renderer, nginx);

    @Test
    void theSameConfigAsTheRunningOneIsNeitherTestedNorReloaded() {
        Applied applied = configurator.apply(Gateways.monolith(1));

        assertThat(applied).isEqualTo(Applied.UNCHANGED);
        assertThat(nginx.actions()).isEmpty();
    }

    @Test
    void aChangedConfigIsWrittenBesideTestedMovedAndReloadedInThatOrder() {
        Applied applied = configurator.apply(Gateways.monolith(2));

        assertThat(applied.reloaded()).isTrue();
        assertThat(nginx.actions()).containsExactly("write " + CANDIDATE_PATH, TEST, MOVE, RELOAD);
        assertThat(nginx.file(CONFIG_PATH)).isEqualTo(twoReplicas);
        assertThat(nginx.file(CANDIDATE_PATH)).isNull();
    }

    @Test
    void theResultShowsWhatChanged() {
        Applied applied = configurator.apply(Gateways.monolith(2));

        assertThat(applied.diff().linesAdded()).isEqualTo(1);
        assertThat(applied.diff().linesRemoved()).isZero();
        assertThat(applied.diff().toText()).contains(
                "\n         server 172.18.0.10:8080 max_fails=2 fail_timeout=5s;  # shop-monolith-1\n"
                        + "+        server 172.18.0.11:8080 max_fails=2 fail_timeout=5s;  # shop-monolith-2\n");
    }

    @Test
    void afterAReloadTheNewConfigIsTheRunningOne() {
        configurator.apply(Gateways.monolith(2));
        nginx.clearJournal();

        Applied again = configurator.apply(Gateways.monolith(2));

        assertThat(again).isEqualTo(Applied.UNCHANGED);
        assertThat(nginx.journal()).isEmpty();
        assertThat(configurator.runningConfig()).contains(twoReplicas);
    }

    @Test
    void aConfigNginxRejectsIsNeitherMovedNorReloadedAndNginxsReasonIsShown() {
        nginx.answer("nginx -t -c " + CANDIDATE_PATH, 1, NGINX_REJECTS);

        NginxApplyException failure = applyFailing(Gateways.monolith(2));

        assertThat(failure.step()).isEqualTo(Step.TEST);
        assertThat(failure.getMessage())
                .startsWith("nginx rejected the new config")
                .contains("nginx: [emerg] host not found in upstream \"shop-monolith-2\" in "
                        + "/etc/nginx/nginx.conf.next:31");
        assertThat(failure.commandOutput()).isEqualTo(NGINX_REJECTS);
        assertThat(nginx.actions()).containsExactly("write " + CANDIDATE_PATH, TEST);
        assertThat(nginx.file(CONFIG_PATH)).isEqualTo(oneReplica);
        assertThat(configurator.runningConfig()).contains(oneReplica);
    }

    @Test
    void afterARejectedConfigTheRunningOneIsStillKnownAsRunning() {
        nginx.answer("nginx -t -c " + CANDIDATE_PATH, 1, NGINX_REJECTS);
        applyFailing(Gateways.monolith(2));
        nginx.clearJournal();

        assertThat(configurator.apply(Gateways.monolith(1))).isEqualTo(Applied.UNCHANGED);
        assertThat(nginx.actions()).isEmpty();
    }

    @Test
    void aFailedReloadIsTriedAgainByTheNextApply() {
        nginx.answer(String.join(" ", NginxConfigurator.RELOAD), 1, "nginx: [error] invalid PID number \"\" in \"/var/run/nginx.pid\"");
        NginxApplyException failure = applyFailing(Gateways.monolith(2));
        assertThat(failure.step()).isEqualTo(Step.RELOAD);
        assertThat(failure.getMessage()).contains("invalid PID number");
        nginx.answer(String.join(" ", NginxConfigurator.RELOAD), 0, "");
        nginx.clearJournal();

        Applied applied = configurator.apply(Gateways.monolith(2));

        assertThat(applied.reloaded()).isTrue();
        assertThat(nginx.actions()).containsExactly("write " + CANDIDATE_PATH, TEST, MOVE, RELOAD);
    }

    @Test
    void aFailedMoveLeavesTheRunningConfigAndDoesNotReload() {
        nginx.answer("mv -f " + CANDIDATE_PATH + " " + CONFIG_PATH, 1,
                "mv: cannot move '/etc/nginx/nginx.conf.next' to '/etc/nginx/nginx.conf': Device or resource busy");

        NginxApplyException failure = applyFailing(Gateways.monolith(2));

        assertThat(failure.step()).isEqualTo(Step.MOVE);
        assertThat(failure.getMessage()).contains("Device or resource busy");
        assertThat(nginx.actions()).containsExactly("write " + CANDIDATE_PATH, TEST, MOVE);
        assertThat(nginx.file(CONFIG_PATH)).isEqualTo(oneReplica);
    }

    @Test
    void aContainerWithoutAConfigFileGetsTheWholeConfig() {
        FakeContainerShell fresh = new FakeContainerShell();

        Applied applied = new NginxConfigurator(renderer, fresh).apply(Gateways.monolith(1));

        assertThat(applied.reloaded()).isTrue();
        assertThat(applied.diff().linesRemoved()).isZero();
        assertThat(applied.diff().linesAdded()).isEqualTo(oneReplica.lines().count());
        assertThat(fresh.file(CONFIG_PATH)).isEqualTo(oneReplica);
    }

    private NginxApplyException applyFailing(GatewayModel model) {
        return catchThrowableOfType(NginxApplyException.class, () -> configurator.apply(model));
    }
}
