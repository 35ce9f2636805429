package io.shopscale.console.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.shopscale.console.metrics.LatencySummary;
import io.shopscale.console.metrics.Traffic;

class ThresholdsTest {

    @Test
    void readsBothOptionForms() {
        Thresholds thresholds = Thresholds.parse(List.of("--max-error-rate", "0.01", "--max-p99=500ms",
                "--min-rate", "290/s"));

        assertThat(thresholds.toText()).isEqualTo("--max-error-rate 0.01 --max-p99 500ms --min-rate 290/s");
    }

    @Test
    void aGoodRunPasses() {
        Thresholds thresholds = Thresholds.parse(List.of("--max-error-rate", "1%", "--max-p99", "0.5s",
                "--max-latency", "2s", "--min-rate", "290"));

        assertThat(thresholds.evaluate(report(6000, 10, 38, 1200, 299.5))).isEmpty();
    }

    @Test
    void eachBrokenLimitIsOneViolationInTheUsersWords() {
        Thresholds thresholds = Thresholds.parse(List.of("--max-error-rate", "0.01", "--max-p99", "500ms",
                "--max-p50", "10ms", "--min-rate", "290"));

        List<ThresholdViolation> violations = thresholds.evaluate(report(1000, 50, 612, 5200, 190));

        assertThat(violations).extracting(ThresholdViolation::toText).containsExactly(
                "--max-error-rate 0.01 not met: measured 0.0500",
                "--max-p99 500ms not met: measured 612ms",
                "--min-rate 290 not met: measured 190.0/s");
    }

    @Test
    void aLimitExactlyMetPasses() {
        Thresholds thresholds = Thresholds.none().with("max-p99", "612ms");

        assertThat(thresholds.evaluate(report(1000, 0, 612, 700, 100))).isEmpty();
    }

    @Test
    void explainsWhatIsWrong() {
        assertThatThrownBy(() -> Thresholds.parse(List.of("--max-p99", "500")))
                .isInstanceOf(LoadSettingsException.class)
                .hasMessage("--max-p99 \"500\" is not understood; write it like --max-p99 500ms");
        assertThatThrownBy(() -> Thresholds.parse(List.of("--max-p42", "1ms")))
                .hasMessageStartingWith("unknown threshold \"--max-p42\"; use --max-error-rate, --max-p50");
        assertThatThrownBy(() -> Thresholds.parse(List.of("--max-error-rate")))
                .hasMessage("--max-error-rate needs a value, for example --max-error-rate 0.01");
        assertThatThrownBy(() -> Thresholds.parse(List.of("--max-error-rate", "5")))
                .hasMessageContaining("is above 1");
    }

    private static LoadReport report(long requests, long errors, double p99Millis, double maxMillis,
                                     double achievedRate) {
        Traffic total = new Traffic(requests, requests - errors, errors, errors == 0 ? Map.of()
                : Map.of("http 503", errors), new LatencySummary(requests, 4, 20, p99Millis, maxMillis), Map.of());
        return new LoadReport("http://127.0.0.1:8080", "browse=1", 300, 20, requests, 0, achievedRate,
                total.errorRate(), total, Map.of(), Map.of());
    }
}
