package io.shopscale.console.cli;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.shopscale.console.engine.ShopEngine;
import io.shopscale.console.engine.StackStatus;
import io.shopscale.console.load.LoadGenerator;
import io.shopscale.console.load.LoadPlan;
import io.shopscale.console.load.LoadReport;
import io.shopscale.console.load.LoadSettingsException;
import io.shopscale.console.load.LoadSetupException;
import io.shopscale.console.load.ScenarioMix;
import io.shopscale.console.load.ThresholdViolation;
import io.shopscale.console.load.Thresholds;
import io.shopscale.console.metrics.ContainerStats;
import io.shopscale.console.metrics.ContainerUsageSummary;
import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.metrics.Subscription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "load", description = {
        "Sends open-loop traffic to the shop through nginx: a live line each second, then a report.",
        "On a stack, the live line and the report show each replica's CPU and memory as Docker reports them.",
        "Exits with 99 when a threshold is crossed, so CI jobs and scripts can use it.",
        "Ctrl-C ends the run early and still prints the report and the verdict."})
final class LoadCommand extends EngineCommand {

    static final int THRESHOLD_CROSSED = 99;
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)");

    @Option(names = "--url", description = "The shop's address (default: the stack's nginx).")
    URI url;

    @Option(names = "--rate", defaultValue = "100", description = "Requests per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", defaultValue = "60s",
            description = "How long to run: 30s, 2m; 0s runs until Ctrl-C (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--ramp", defaultValue = "0s", description = "Time to rise from 0 to the rate (default: ${DEFAULT-VALUE}).")
    String ramp;

    @Option(names = "--mix", description = "Scenario weights, such as browse=40,search=20,detail=25,login=5,order=10.")
    String mix;

    @Option(names = "--shoppers", defaultValue = "20", description = "Shoppers who log in and order (default: ${DEFAULT-VALUE}).")
    int shoppers;

    @Option(names = "--json", description = "Print the final report as JSON, and no live lines.")
    boolean json;

    @Option(names = "--max-error-rate", description = "Fail above this share of errors: 0.01 or 1%%.")
    String maxErrorRate;

    @Option(names = "--max-p50", description = "Fail when p50 latency is above this: 200ms, 1.5s.")
    String maxP50;

    @Option(names = "--max-p95", description = "Fail when p95 latency is above this.")
    String maxP95;

    @Option(names = "--max-p99", description = "Fail when p99 latency is above this.")
    String maxP99;

    @Option(names = "--max-latency", description = "Fail when the slowest request took longer than this.")
    String maxLatency;

    @Option(names = "--min-rate", description = "Fail when fewer successful requests per second were achieved.")
    String minRate;

    @Override
    public Integer call() throws Exception {
        Thresholds thresholds = thresholds();
        boolean onStack = url == null;
        ShopEngine engine = onStack ? engine() : null;
        LoadPlan plan = LoadPlan.against(onStack ? stackUrl(engine) : url).withRate(rate).withDuration(duration("--duration", duration))
                .withRamp(duration("--ramp", ramp)).withShoppers(shoppers)
                .withMix(mix == null ? ScenarioMix.DEFAULT : ScenarioMix.parse(mix));
        ContainerUsageSummary usage = new ContainerUsageSummary();
        LoadReport report;
        try (MetricsHub hub = new MetricsHub().startTicking();
             Subscription monitor = onStack ? engine.monitor(stackName(), hub) : null;
             Subscription summary = hub.subscribe(usage)) {
            LoadGenerator generator = new LoadGenerator(plan, hub);
            if (!json) {
                out().println("load on " + plan.target() + " at " + rate + "/s for " + duration + ", mix "
                        + plan.mix().toText());
                generator.onLiveLine(line -> out().println(line.toText()
                        + hub.latest().map(sample -> containers(sample.containers())).orElse("")));
            }
            // Ctrl-C ends the run early: the requests in flight finish, then the report and the verdict follow as
            // after a planned end. With --duration 0s that is the only way a run ends.
            try (StopOnSignal stopOnSignal = StopOnSignal.install(() -> {
                spec.commandLine().getErr().println("stopping: the requests in flight finish, then the report");
                generator.stop();
            })) {
                report = generator.run();
            } catch (LoadSetupException e) {
                throw new IllegalStateException("no load was sent: " + e.getMessage(), e);
            }
        }
        if (json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode tree = mapper.valueToTree(report);
            if (onStack) {
                tree.set("containers", mapper.valueToTree(usage.byContainer()));
            }
            out().println(mapper.writeValueAsString(tree));
        } else {
            out().print(report.toText());
            if (onStack) {
                out().print(System.lineSeparator() + usage.toText());
            }
        }
        List<ThresholdViolation> violations = thresholds.evaluate(report);
        violations.forEach(violation -> spec.commandLine().getErr().println("threshold crossed: " + violation.toText()));
        return violations.isEmpty() ? 0 : THRESHOLD_CROSSED;
    }

    /** {@code   cpu shop-monolith-1 45% 182MiB, shop-monolith-2 41% 176MiB}; empty when Docker said nothing. */
    static String containers(Map<String, ContainerStats> containers) {
        if (containers.isEmpty()) {
            return "";
        }
        return "  cpu " + containers.entrySet().stream()
                .map(entry -> String.format(Locale.ROOT, "%s %.0f%% %s", entry.getKey(),
                        entry.getValue().cpuPercent(), ContainerUsageSummary.mebibytes(entry.getValue().memoryBytes())))
                .collect(Collectors.joining(", "));
    }

    private URI stackUrl(ShopEngine engine) {
        StackStatus status = engine.status(stackName());
        if (!status.exists()) {
            throw new IllegalStateException("stack " + stack + " is not running; start it with `shopctl up`, "
                    + "or give the shop's address with --url");
        }
        return URI.create(status.url());
    }

    private Thresholds thresholds() {
        Thresholds thresholds = Thresholds.none();
        thresholds = limit(thresholds, "--max-error-rate", maxErrorRate);
        thresholds = limit(thresholds, "--max-p50", maxP50);
        thresholds = limit(thresholds, "--max-p95", maxP95);
        thresholds = limit(thresholds, "--max-p99", maxP99);
        thresholds = limit(thresholds, "--max-latency", maxLatency);
        return limit(thresholds, "--min-rate", minRate);
    }

    private static Thresholds limit(Thresholds thresholds, String option, String value) {
        return value == null ? thresholds : thresholds.with(option, value);
    }

    static Duration duration(String option, String text) {
        Matcher matcher = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new LoadSettingsException(option + " must be a number with a unit, such as 500ms, 30s or 2m; got "
                    + text);
        }
        double amount = Double.parseDouble(matcher.group(1));
        double millis = switch (matcher.group(2)) {
            case "ms" -> amount;
            case "s" -> amount * 1000;
            default -> amount * 60_000;
        };
        return Duration.ofMillis(Math.round(millis));
    }
}
