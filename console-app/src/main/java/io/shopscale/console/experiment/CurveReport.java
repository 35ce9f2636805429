package io.shopscale.console.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes a scaling curve's folder: {@code curve.html} (opens offline, uPlot inlined as in {@link ReportWriter}): the
 * measured points, the law's fit and the linear line, σ and κ, the sentence on why N replicas do not give N times,
 * and every probe; and {@code curve.json} with the same figures.
 */
public final class CurveReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CurveReport() {
    }

    /** @return the HTML file */
    public static Path write(ScalingCurve.Result result, Path folder) throws IOException {
        Files.createDirectories(folder);
        ObjectNode data = data(result);
        Files.writeString(folder.resolve("curve.json"),
                JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(data));
        String template = ReportWriter.resource(CurveReport.class, "curve.html");
        Map<String, String> values = Map.of(
                "{{uplotCss}}", ReportWriter.resource(CurveReport.class, ReportWriter.UPLOT + "min.css"),
                "{{uplotJs}}", ReportWriter.resource(CurveReport.class, ReportWriter.UPLOT + "iife.min.js")
                        .replaceAll("(?i)</script", "<\\\\/script"),
                "{{data}}", JSON.writeValueAsString(data).replace("</", "<\\/"));
        Matcher placeholder = Pattern.compile("\\{\\{\\w+}}").matcher(template);
        StringBuilder html = new StringBuilder();
        while (placeholder.find()) {
            placeholder.appendReplacement(html, Matcher.quoteReplacement(
                    values.getOrDefault(placeholder.group(), placeholder.group())));
        }
        placeholder.appendTail(html);
        Path file = folder.resolve("curve.html");
        Files.writeString(file, html.toString());
        return file;
    }

    static ObjectNode data(ScalingCurve.Result result) {
        ScalingCurve.Settings settings = result.settings();
        ObjectNode data = JSON.createObjectNode();
        data.put("settings", String.format(Locale.ROOT, "%s at %s replicas; rates from %s in steps of %s; a probe "
                        + "holds %s with p99 within %.0f ms, errors within %.1f %% and goodput at least 95 %% of the "
                        + "rate; %s of warm-up per count; %s.", settings.service(), settings.replicas(),
                Durations.formatRate(settings.startRate()), Durations.formatRate(settings.rateStep()),
                Durations.format(settings.hold()), settings.p99TargetMillis(), settings.maxErrorRate() * 100,
                Durations.format(settings.warmUp()), settings.missesToStop() == 1 ? "a count ends at its first miss"
                        : "a count ends after " + settings.missesToStop() + " misses in a row"));
        data.put("explanation", result.explanation());
        if (result.fit() != null) {
            data.putObject("fit").put("lambda", result.fit().lambda()).put("sigma", result.fit().sigma())
                    .put("kappa", result.fit().kappa());
        } else {
            data.putNull("fit");
        }
        ArrayNode points = data.putArray("points");
        result.points().forEach(point -> {
            ObjectNode row = points.addObject().put("replicas", point.replicas()).put("rate", point.rate());
            number(row, "p99", point.p99Millis());
            number(row, "hostCpu", point.hostCpu());
        });
        ArrayNode probes = data.putArray("probes");
        result.probes().forEach(probe -> {
            ObjectNode row = probes.addObject().put("replicas", probe.replicas()).put("rate", probe.rate())
                    .put("p99", probe.stats().latency().p99Millis()).put("errorRate", probe.stats().errorRate())
                    .put("goodput", probe.stats().goodput()).put("held", probe.held());
            number(row, "hostCpu", probe.hostCpu());
        });
        return data;
    }

    private static void number(ObjectNode row, String field, double value) {
        if (Double.isNaN(value)) {
            row.putNull(field);
        } else {
            row.put(field, value);
        }
    }
}
