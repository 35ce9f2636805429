package io.shopscale.console.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.shopscale.console.nginx.ContainerShell;

/** Readiness asked from inside nginx: one exec, one line per address. */
class ProbeFromNginxTest {

    @Test
    void eachAddressIsReadyOnlyWhenNginxSaidYes() {
        assertThat(ProbeFromNginx.parse("10.0.0.130 yes\n10.0.0.131 no\ncurl: noise\n"))
                .isEqualTo(Map.of("10.0.0.130", true, "10.0.0.131", false));
    }

    @Test
    void anAddressNginxCouldNotAskDidNotAnswer() {
        ProbeFromNginx probe = new ProbeFromNginx(new ContainerShell() {
            @Override
            public ExecResult exec(List<String> argv) {
                assertThat(argv).endsWith("10.0.0.130", "10.0.0.131");
                return new ExecResult(0, "10.0.0.130 yes\n");
            }

            @Override
            public void writeFile(String path, String content) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String readFile(String path) {
                throw new UnsupportedOperationException();
            }
        });

        assertThat(probe.readyAll(List.of("10.0.0.130", "10.0.0.131")))
                .isEqualTo(Map.of("10.0.0.130", true, "10.0.0.131", false));
    }
}
