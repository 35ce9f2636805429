package io.shopscale.console.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.shopscale.console.engine.ShopEngine;
import io.shopscale.console.topology.DesiredTopology;
import io.shopscale.console.topology.Mode;
import io.shopscale.console.window.FakeShopEngine;

class ReportWriterTest {

    @TempDir
    Path folder;

    /** A recorded run: the scale-up experiment on the fake shop and clock. */
    static Recording recorded() {
        FakeShopEngine engine = new FakeShopEngine();
        engine.up(DesiredTopology.initial(ExperimentRunnerTest.STACK, Mode.MONOLITH, 8080),
                ShopEngine.EngineListener.IGNORE);
        FakeClock clock = new FakeClock();
        FakeLoad load = new FakeLoad(clock, engine, ExperimentRunnerTest.STACK, 30);
        return new ExperimentRunner(ExperimentParser.parse(ExperimentRunnerTest.SCALE_UP), engine,
                ExperimentRunnerTest.STACK, load, clock, Runnable::run, line -> { }).run();
    }

    @Test
    void theReportIsOneOfflinePageWithTheChartsDataVerdictsAndTheFile() throws IOException {
        Recording recording = recorded();

        Path html = ReportWriter.write(recording, folder, "bin/shopctl experiment run scale-up.yaml --report out");

        Document page = Jsoup.parse(html.toFile(), "UTF-8");
        assertThat(page.title()).isEqualTo("scale up");
        // Nothing to fetch: no external script, style sheet or image.
        assertThat(page.select("script[src], link[href], img[src]")).isEmpty();
        assertThat(page.select("style").html()).contains(".uplot");
        assertThat(page.select("script").stream().anyMatch(script -> script.data().contains("uPlot"))).isTrue();
        JsonNode data = new ObjectMapper().readTree(page.getElementById("run-data").data());
        assertThat(data.get("seconds")).hasSize(40);
        assertThat(data.get("seconds").get(20).get("ok").asLong()).isEqualTo(40);
        assertThat(data.get("seconds").get(20).get("replicas").get("monolith").asInt()).isEqualTo(2);
        assertThat(data.get("services").toString()).isEqualTo("[\"monolith\"]");
        assertThat(data.get("verdicts")).hasSize(4);
        assertThat(data.get("verdicts").get(2).get("status").asText()).isEqualTo("FAILED");
        assertThat(data.get("events").toString()).contains("scale monolith=2");
        assertThat(page.getElementById("source").text()).contains("scale: {monolith: 2}");
        assertThat(data.get("rerun").asText()).isEqualTo("bin/shopctl experiment run scale-up.yaml --report out");
    }

    @Test
    void theSecondsAreWrittenAsCsvAndJsonAndTheHistogramsAsAnIntervalLog() throws IOException {
        ReportWriter.write(recorded(), folder, "again");

        List<String> csv = Files.readAllLines(folder.resolve("seconds.csv"));
        assertThat(csv.get(0)).isEqualTo(
                "second,target_rate,ok,errors,p50_ms,p95_ms,p99_ms,max_ms,replicas_monolith,cpu_shop-monolith-1");
        assertThat(csv).hasSize(41);
        assertThat(csv.get(10)).startsWith("9,40.0,30,10,");
        assertThat(new ObjectMapper().readTree(folder.resolve("seconds.json").toFile())).hasSize(40);
        var log = new org.HdrHistogram.HistogramLogReader(folder.resolve("latency.hlog").toFile());
        int intervals = 0;
        long requests = 0;
        for (var histogram = log.nextIntervalHistogram(); histogram != null; histogram = log.nextIntervalHistogram()) {
            intervals++;
            requests += ((org.HdrHistogram.Histogram) histogram).getTotalCount();
        }
        assertThat(intervals).isEqualTo(40);
        assertThat(requests).isEqualTo(recorded().seconds().stream().mapToLong(Second::requests).sum());
        assertThat(Files.readString(folder.resolve("experiment.yaml"))).isEqualTo(ExperimentRunnerTest.SCALE_UP);
    }

    @Test
    void textFromTheFileCannotBreakOutOfThePage() throws IOException {
        String file = ExperimentRunnerTest.SCALE_UP.replace("name: scale up", "name: \"</script><b>{{data}}\"");
        FakeShopEngine engine = new FakeShopEngine();
        engine.up(DesiredTopology.initial(ExperimentRunnerTest.STACK, Mode.MONOLITH, 8080),
                ShopEngine.EngineListener.IGNORE);
        FakeClock clock = new FakeClock();
        Recording recording = new ExperimentRunner(ExperimentParser.parse(file), engine, ExperimentRunnerTest.STACK,
                new FakeLoad(clock, engine, ExperimentRunnerTest.STACK, 30), clock, Runnable::run, line -> { }).run();

        Document page = Jsoup.parse(ReportWriter.write(recording, folder, "again").toFile(), "UTF-8");

        assertThat(page.select("b")).isEmpty();
        assertThat(page.title()).isEqualTo("</script><b>{{data}}");
        assertThat(new ObjectMapper().readTree(page.getElementById("run-data").data()).get("name").asText())
                .isEqualTo("</script><b>{{data}}");
    }
}
