package io.shopscale.console.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.HdrHistogram.HistogramLogWriter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes a run's folder: {@code report.html} (opens offline: uPlot's JS and CSS are inlined from its WebJar),
 * {@code seconds.csv} and {@code seconds.json} (one row per second), {@code verdicts.json}, {@code latency.hlog}
 * (HdrHistogram's interval log, one histogram per second in microseconds) and the
 * experiment file as {@code experiment.yaml}.
 */
public final class ReportWriter {

    /** The uPlot WebJar on the class path; its version is the pom's {@code uplot.version}. */
    static final String UPLOT = "/META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportWriter() {
    }

    /**
     * @param rerun the command that runs the experiment again, shown in the report
     * @return the report's HTML file
     */
    public static Path write(Recording recording, Path folder, String rerun) throws IOException {
        Files.createDirectories(folder);
        ObjectNode data = data(recording, rerun);
        Files.writeString(folder.resolve("seconds.json"),
                JSON.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(data.get("seconds")));
        Files.writeString(folder.resolve("verdicts.json"), JSON.writeValueAsString(data.get("verdicts")));
        Files.writeString(folder.resolve("seconds.csv"), csv(recording));
        Files.writeString(folder.resolve("experiment.yaml"), recording.experiment().source());
        writeHistogramLog(recording, folder.resolve("latency.hlog"));
        Path html = folder.resolve("report.html");
        Files.writeString(html, html(recording, data));
        return html;
    }

    static ObjectNode data(Recording recording, String rerun) {
        ObjectNode data = JSON.createObjectNode();
        data.put("name", recording.experiment().name());
        data.put("startedAt", recording.startedAt().toString());
        data.put("timelineStart", recording.timelineStart());
        data.put("outcome", recording.outcome().name());
        data.put("outcomeText", recording.outcomeText());
        data.put("passed", recording.passed());
        data.put("rerun", rerun);
        TreeSet<String> services = new TreeSet<>();
        TreeSet<String> containers = new TreeSet<>();
        recording.seconds().forEach(second -> {
            services.addAll(second.replicas().keySet());
            containers.addAll(second.cpu().keySet());
        });
        data.set("services", JSON.valueToTree(services));
        data.set("containers", JSON.valueToTree(containers));
        ArrayNode seconds = data.putArray("seconds");
        for (Second second : recording.seconds()) {
            ObjectNode row = seconds.addObject();
            row.put("t", second.index());
            row.put("target", second.targetRate());
            row.put("ok", second.ok());
            row.put("errors", second.errors());
            row.put("p50", second.latency().p50Millis());
            row.put("p95", second.latency().p95Millis());
            row.put("p99", second.latency().p99Millis());
            row.put("max", second.latency().maxMillis());
            row.set("replicas", JSON.valueToTree(second.replicas()));
            row.set("cpu", JSON.valueToTree(second.cpu()));
        }
        ArrayNode events = data.putArray("events");
        recording.events().forEach(event -> events.addObject().put("t", event.millis() / 1000.0)
                .put("kind", event.kind()).put("text", event.text()));
        ArrayNode faults = data.putArray("faults");
        FaultWindow.of(recording.experiment(), recording.timelineStart(), recording.seconds().size())
                .forEach(window -> faults.addObject().put("fault", window.fault()).put("start", window.start())
                        .put("end", window.end()));
        ArrayNode verdicts = data.putArray("verdicts");
        for (Verdict verdict : recording.verdicts()) {
            ObjectNode row = verdicts.addObject().put("name", verdict.name()).put("status", verdict.status().name())
                    .put("start", verdict.window().start()).put("end", verdict.window().end())
                    .put("text", verdict.toText());
            if (verdict.stats() != null) {
                WindowStats stats = verdict.stats();
                row.put("requests", stats.requests()).put("ok", stats.ok()).put("errors", stats.errors())
                        .put("goodput", stats.goodput()).put("p50", stats.latency().p50Millis())
                        .put("p95", stats.latency().p95Millis()).put("p99", stats.latency().p99Millis());
            }
            ArrayNode results = row.putArray("results");
            verdict.results().forEach(result -> results.addObject().put("check", result.check().toText())
                    .put("measured", result.measured()).put("passed", result.passed()));
        }
        return data;
    }

    static String csv(Recording recording) {
        List<String> services = new ArrayList<>(new TreeSet<>(recording.seconds().stream()
                .flatMap(second -> second.replicas().keySet().stream()).toList()));
        List<String> containers = new ArrayList<>(new TreeSet<>(recording.seconds().stream()
                .flatMap(second -> second.cpu().keySet().stream()).toList()));
        StringBuilder csv = new StringBuilder("second,target_rate,ok,errors,p50_ms,p95_ms,p99_ms,max_ms");
        services.forEach(service -> csv.append(",replicas_").append(service));
        containers.forEach(container -> csv.append(",cpu_").append(container));
        csv.append('\n');
        for (Second second : recording.seconds()) {
            csv.append(String.format(Locale.ROOT, "%d,%.1f,%d,%d,%.3f,%.3f,%.3f,%.3f", second.index(),
                    second.targetRate(), second.ok(), second.errors(), second.latency().p50Millis(),
                    second.latency().p95Millis(), second.latency().p99Millis(), second.latency().maxMillis()));
            services.forEach(service -> csv.append(',').append(second.replicas().getOrDefault(service, 0)));
            containers.forEach(container -> csv.append(',').append(second.cpu().containsKey(container)
                    ? String.format(Locale.ROOT, "%.1f", second.cpu().get(container)) : ""));
            csv.append('\n');
        }
        return csv.toString();
    }

    private static void writeHistogramLog(Recording recording, Path file) throws IOException {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
            HistogramLogWriter log = new HistogramLogWriter(out);
            log.outputComment("latency in microseconds, one interval per second of the run");
            long startMillis = recording.startedAt().toEpochMilli();
            log.outputStartTime(startMillis);
            log.setBaseTime(startMillis);
            log.outputLogFormatVersion();
            log.outputLegend();
            for (Second second : recording.seconds()) {
                var histogram = second.histogram().copy();
                histogram.setStartTimeStamp(startMillis + second.index() * 1000);
                histogram.setEndTimeStamp(startMillis + (second.index() + 1) * 1000);
                log.outputIntervalHistogram(histogram);
            }
        }
    }

    static String html(Recording recording, ObjectNode data) throws IOException {
        String template = resource(ReportWriter.class, "report.html");
        String json = JSON.writeValueAsString(data).replace("</", "<\\/");
        Map<String, String> values = Map.of(
                "{{title}}", escape(recording.experiment().name()),
                "{{uplotCss}}", resource(ReportWriter.class, UPLOT + "min.css"),
                "{{uplotJs}}", resource(ReportWriter.class, UPLOT + "iife.min.js").replaceAll("(?i)</script", "<\\\\/script"),
                "{{data}}", json,
                "{{source}}", escape(recording.experiment().source()),
                "{{description}}", escape(recording.experiment().description()));
        // One pass, so that nothing inserted (the file's text, uPlot's code) is ever read as a placeholder.
        java.util.regex.Matcher placeholder = java.util.regex.Pattern.compile("\\{\\{\\w+}}").matcher(template);
        StringBuilder html = new StringBuilder();
        while (placeholder.find()) {
            placeholder.appendReplacement(html, java.util.regex.Matcher.quoteReplacement(
                    values.getOrDefault(placeholder.group(), placeholder.group())));
        }
        placeholder.appendTail(html);
        return html.toString();
    }

    static String resource(Class<?> owner, String name) throws IOException {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name + " on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
