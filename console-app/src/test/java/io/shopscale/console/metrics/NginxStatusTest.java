package io.shopscale.console.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NginxStatusTest {

    @Test
    void readsTheStubStatusPage() {
        NginxStatus status = NginxStatus.parse("Active connections: 2 \nserver accepts handled requests\n 10 10 20 \n"
                + "Reading: 0 Writing: 1 Waiting: 1 \n");

        assertThat(status).isEqualTo(new NginxStatus(2, 10, 10, 20, 0, 1, 1));
    }

    @Test
    void toleratesWindowsLineEndsAndLargeCounters() {
        NginxStatus status = NginxStatus.parse("Active connections: 291\r\nserver accepts handled requests\r\n"
                + " 16630948 16630948 31070465\r\nReading: 6 Writing: 179 Waiting: 106\r\n");

        assertThat(status.requests()).isEqualTo(31_070_465);
        assertThat(status.waiting()).isEqualTo(106);
    }

    @Test
    void refusesAnErrorPageAndShowsItsStartSafely() {
        assertThatThrownBy(() -> NginxStatus.parse("<html>\u001b[31m502 Bad Gateway</html>"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an nginx stub_status page")
                .hasMessageContaining("<html>?[31m502")
                .hasMessageNotContaining("\u001b");
    }

    @Test
    void refusesAPageWithACounterMissing() {
        assertThatThrownBy(() -> NginxStatus.parse("Active connections: 2\nserver accepts handled requests\n"
                + " 10 10\nReading: 0 Writing: 1 Waiting: 1"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
