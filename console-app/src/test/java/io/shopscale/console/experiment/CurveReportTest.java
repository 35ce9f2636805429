package io.shopscale.console.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.shopscale.console.metrics.LatencySummary;

/** The scaling curve's page in headless Chromium: its chart drawn, σ and κ shown, offline, without an error. */
@Tag("docker")
class CurveReportTest {

    @TempDir
    Path folder;

    @Test
    void theCurveShowsThePointsTheFitAndTheSentenceOffline() throws Exception {
        List<ScalingCurve.Point> points = List.of(new ScalingCurve.Point(1, 40, 300, 0.55),
                new ScalingCurve.Point(2, 70, 320, 0.8), new ScalingCurve.Point(3, 80, 350, 0.95));
        WindowStats stats = new WindowStats(9, 360, 360, 0, 40, new LatencySummary(360, 20, 100, 300, 400));
        ScalingCurve.Settings settings = new ScalingCurve.Settings("monolith", List.of(1, 2, 3), 20, 10, 500,
                Duration.ofSeconds(30), Duration.ofSeconds(12), 0.01);
        UslFit fit = ScalingCurve.fit(points);
        ScalingCurve.Result result = new ScalingCurve.Result(settings, List.of(new ScalingCurve.Probe(1, 40, stats,
                0.55, true)), points, fit, ScalingCurve.explain(points, fit));

        Path html = CurveReport.write(result, folder);

        JsonNode data = new ObjectMapper().readTree(Files.readString(folder.resolve("curve.json")));
        assertThat(data.get("fit").get("sigma").asDouble()).isEqualTo(fit.sigma());
        ReportInChromium.Result opened;
        try (ReportInChromium chromium = ReportInChromium.start()) {
            opened = chromium.open(html, Path.of("target", "screenshots", "scaling-curve-fake.png"));
        }
        assertThat(opened.consoleErrors()).isEmpty();
        assertThat(opened.requests()).isEmpty();
        assertThat(opened.charts()).hasSize(1).allSatisfy(chart ->
                assertThat(chart.drawnPixels()).isGreaterThan(chart.width() * chart.height() / 50));
    }
}
