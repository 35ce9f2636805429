package io.shopscale.console.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report opened in Debian's headless Chromium, as a student opens the folder they were handed: the four charts
 * drawn, the step lines on them, no error in the console and no request beyond the page itself (it must work offline).
 * Tagged docker: it needs a program of the machine (chromium, which bin/setup-machine installs), not just the JVM.
 */
@Tag("docker")
public class ReportInChromiumTest {

    @TempDir
    Path folder;

    @Test
    void theReportDrawsItsChartsAndStepLinesOfflineWithoutAnError() throws Exception {
        Path html = ReportWriter.write(ReportWriterTest.recorded(), folder, "again");

        ReportInChromium.Result result;
        try (ReportInChromium chromium = ReportInChromium.start()) {
            result = chromium.open(html, Path.of("target", "screenshots", "experiment-report-fake.png"));
        }

        assertOpenedCleanly(result);
    }

    /** What every report must show in Chromium; the library's stack test asks the same of real runs. */
    public static void assertOpenedCleanly(ReportInChromium.Result result) {
        assertThat(result.consoleErrors()).as("console errors").isEmpty();
        assertThat(result.requests()).as("requests beyond the page").isEmpty();
        assertThat(result.charts()).extracting(ReportInChromium.Chart::title).containsExactly("Requests per second",
                "Latency", "Ready replicas per service", "CPU per replica");
        for (ReportInChromium.Chart chart : result.charts()) {
            // The axes alone draw a few thousand pixels; series, bands and lines far more.
            assertThat(chart.drawnPixels()).as(chart.title()).isGreaterThan(chart.width() * chart.height() / 50);
            assertThat(chart.lineCoverage()).as(chart.title() + ": step lines").isNotEmpty()
                    .allSatisfy(coverage -> assertThat(coverage).isGreaterThan(0.2));
        }
        assertThat(result.screenshot()).exists().isNotEmptyFile();
    }
}
