package io.shopscale.console.experiment;

import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import io.shopscale.console.fault.FaultChange;
import io.shopscale.console.fault.FaultException;
import io.shopscale.console.load.LoadSettingsException;
import io.shopscale.console.load.RateSchedule;
import io.shopscale.console.load.ScenarioMix;
import io.shopscale.console.topology.DesiredTopology;
import io.shopscale.console.topology.Mode;

/**
 * Reads an experiment file (the format is described in {@code experiments/README.md}) into an {@link Experiment}.
 * The YAML is composed into a node tree, which keeps every value's line and column, and then read by hand, so that
 * every problem of the file is reported at once and at its place.
 */
public final class ExperimentParser {

    static final Set<String> TOP_KEYS = Set.of("name", "description", "duration", "steady-state", "abort",
            "timeline", "assertions", "cleanup");
    static final List<String> STEP_KINDS = List.of("load", "scale", "mode", "kill", "heal", "mark", "fault");
    static final Set<String> ALL_SERVICES = Set.of("monolith", "sso", "catalog", "orders", "payments",
            "notifications");
    private static final Set<String> CHECK_KEYS = Set.of("max-error-rate", "max-p50", "max-p95", "max-p99",
            "min-rate");

    private final List<Problem> problems = new ArrayList<>();
    /** Every step name the timeline declares, those of steps with problems included. */
    private final List<String> declaredSteps = new ArrayList<>();

    private ExperimentParser() {
    }

    /**
     * @throws ExperimentFileException with every problem found, each with its line and column
     */
    public static Experiment parse(String source) {
        return new ExperimentParser().read(source);
    }

    /** Every problem of the file, in file order; empty when it is valid. */
    public static List<Problem> validate(String source) {
        try {
            parse(source);
            return List.of();
        } catch (ExperimentFileException e) {
            return e.problems();
        }
    }

    private Experiment read(String source) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(new StringReader(source));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new ExperimentFileException(List.of(new Problem(position(mark),
                    "not valid YAML: " + e.getProblem())));
        } catch (YAMLException e) {
            throw new ExperimentFileException(List.of(new Problem(Position.START, "not valid YAML: "
                    + e.getMessage())));
        }
        if (root == null) {
            throw new ExperimentFileException(List.of(new Problem(Position.START,
                    "the file is empty; an experiment needs at least a duration and a timeline")));
        }
        Map<String, NodeTuple> top = mapping(root, "the experiment", TOP_KEYS);
        if (top == null) {
            throw new ExperimentFileException(problems);
        }
        String name = top.containsKey("name") ? text(top.get("name").getValueNode()) : "experiment";
        String description = top.containsKey("description") ? text(top.get("description").getValueNode()) : "";
        Duration duration = required(top, "duration", root, "the experiment") == null ? null
                : duration(top.get("duration").getValueNode());
        List<Step> timeline = top.containsKey("timeline") ? timeline(top.get("timeline").getValueNode(), duration)
                : missing(root, "timeline");
        List<Assertion> assertions = new ArrayList<>();
        List<Node> assertionNodes = new ArrayList<>();
        if (top.containsKey("assertions")) {
            for (Node node : sequence(top.get("assertions").getValueNode(), "assertions")) {
                Assertion assertion = assertion(node, assertions.size() + 1);
                if (assertion != null) {
                    assertions.add(assertion);
                    assertionNodes.add(node);
                }
            }
        }
        Optional<SteadyState> steadyState = top.containsKey("steady-state")
                ? Optional.ofNullable(steadyState(top.get("steady-state").getValueNode())) : Optional.empty();
        AbortRule abort = top.containsKey("abort") ? abort(top.get("abort").getValueNode()) : AbortRule.DEFAULT;
        List<Step> cleanup = new ArrayList<>();
        if (top.containsKey("cleanup")) {
            int index = 1;
            for (Node node : sequence(top.get("cleanup").getValueNode(), "cleanup")) {
                Step step = step(node, "cleanup-" + index++, false);
                if (step != null) {
                    cleanup.add(step);
                }
            }
        }
        for (int i = 0; i < assertions.size(); i++) {
            checkStep(assertions.get(i), assertionNodes.get(i));
        }
        if (!problems.isEmpty() || duration == null) {
            throw new ExperimentFileException(sorted());
        }
        Experiment experiment = new Experiment(name, description, duration, timeline, assertions, steadyState,
                abort == null ? AbortRule.DEFAULT : abort, cleanup, source);
        for (int i = 0; i < assertions.size(); i++) {
            checkWindow(experiment, assertions.get(i), assertionNodes.get(i));
        }
        if (!problems.isEmpty()) {
            throw new ExperimentFileException(sorted());
        }
        return experiment;
    }

    private List<Step> timeline(Node node, Duration duration) {
        List<Step> steps = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Duration previous = Duration.ZERO;
        int index = 1;
        for (Node stepNode : sequence(node, "timeline")) {
            declaredSteps.add(declaredName(stepNode, "step-" + index));
            Step step = step(stepNode, "step-" + index++, true);
            if (step == null) {
                continue;
            }
            Node at = ((MappingNode) stepNode).getValue().stream()
                    .filter(tuple -> "at".equals(text(tuple.getKeyNode()))).findFirst().orElseThrow().getValueNode();
            if (step.at().compareTo(previous) < 0) {
                problem(at, "steps must be in time order: this one is at " + Durations.format(step.at())
                        + ", after a step at " + Durations.format(previous));
            }
            if (duration != null && step.at().compareTo(duration) >= 0) {
                problem(at, "the step at " + Durations.format(step.at()) + " is not before the end of the timeline ("
                        + "duration " + Durations.format(duration) + ")");
            }
            if (!names.add(step.name())) {
                problem(stepNode, "two steps are named " + quote(step.name()) + "; assertions need unique names");
            }
            previous = step.at().compareTo(previous) > 0 ? step.at() : previous;
            steps.add(step);
        }
        if (steps.isEmpty() && problems.isEmpty()) {
            problem(node, "the timeline has no steps");
        }
        return steps;
    }

    /** A timeline step ({@code at} required) or a clean-up step ({@code at} refused). */
    private Step step(Node node, String defaultName, boolean timed) {
        Set<String> allowed = new HashSet<>(STEP_KINDS);
        allowed.add("name");
        if (timed) {
            allowed.add("at");
        }
        Map<String, NodeTuple> keys = mapping(node, timed ? "a step" : "a clean-up step", allowed);
        if (keys == null) {
            return null;
        }
        List<String> kinds = keys.keySet().stream().filter(STEP_KINDS::contains).toList();
        boolean unknownReported = keys.size() < ((MappingNode) node).getValue().size();
        if (kinds.isEmpty() && unknownReported) {
            return null;
        }
        if (kinds.size() != 1) {
            problem(node, kinds.isEmpty()
                    ? "a step needs one of " + String.join(", ", STEP_KINDS)
                    : "a step does one thing; this one has " + String.join(" and ", kinds));
            return null;
        }
        Duration at = Duration.ZERO;
        if (timed) {
            if (required(keys, "at", node, "a step") == null) {
                return null;
            }
            at = duration(keys.get("at").getValueNode());
            if (at == null) {
                return null;
            }
        }
        String name = keys.containsKey("name") ? text(keys.get("name").getValueNode()) : defaultName;
        String kind = kinds.get(0);
        Node value = keys.get(kind).getValueNode();
        return switch (kind) {
            case "load" -> load(at, name, value);
            case "scale" -> scale(at, name, value);
            case "mode" -> switchMode(at, name, value);
            case "kill" -> kill(at, name, value);
            case "heal" -> new Step.Heal(at, name);
            case "mark" -> new Step.Mark(at, name, text(value));
            default -> fault(at, name, value);
        };
    }

    private Step load(Duration at, String name, Node node) {
        Map<String, NodeTuple> keys = mapping(node, "load", Set.of("rate", "ramp", "mix"));
        if (keys == null || required(keys, "rate", node, "load") == null) {
            return null;
        }
        Double rate = rate(keys.get("rate").getValueNode());
        Duration ramp = keys.containsKey("ramp") ? duration(keys.get("ramp").getValueNode()) : Duration.ZERO;
        ScenarioMix mix = null;
        if (keys.containsKey("mix")) {
            Node mixNode = keys.get("mix").getValueNode();
            try {
                mix = ScenarioMix.parse(text(mixNode));
            } catch (LoadSettingsException e) {
                problem(mixNode, e.getMessage());
                return null;
            }
        }
        return rate == null || ramp == null ? null : new Step.Load(at, name, rate, ramp, mix);
    }

    private Step scale(Duration at, String name, Node node) {
        Map<String, NodeTuple> keys = mapping(node, "scale", ALL_SERVICES);
        if (keys == null) {
            return null;
        }
        if (keys.isEmpty()) {
            problem(node, "scale needs at least one service, such as {monolith: 3}");
            return null;
        }
        Map<String, Integer> replicas = new LinkedHashMap<>();
        keys.forEach((service, tuple) -> {
            Integer count = replicaCount(tuple.getValueNode(), 0);
            if (count != null) {
                replicas.put(service, count);
            }
        });
        return replicas.size() == keys.size() ? new Step.Scale(at, name, replicas) : null;
    }

    private Step switchMode(Duration at, String name, Node node) {
        Node modeNode = node;
        int replicas = 1;
        if (node instanceof MappingNode) {
            Map<String, NodeTuple> keys = mapping(node, "mode", Set.of("to", "replicas"));
            if (keys == null || required(keys, "to", node, "mode") == null) {
                return null;
            }
            modeNode = keys.get("to").getValueNode();
            if (keys.containsKey("replicas")) {
                Integer count = replicaCount(keys.get("replicas").getValueNode(), 1);
                if (count == null) {
                    return null;
                }
                replicas = count;
            }
        }
        String label = text(modeNode);
        for (Mode mode : Mode.values()) {
            if (mode.label().equals(label)) {
                return new Step.SwitchMode(at, name, mode, replicas);
            }
        }
        problem(modeNode, "unknown mode " + quote(label) + "; use monolith or services");
        return null;
    }

    private Step fault(Duration at, String name, Node node) {
        if (!(node instanceof ScalarNode)) {
            problem(node, "a fault step is one line, such as fault: latency payments 800ms, fault: clear latency "
                    + "payments or fault: clear all");
            return null;
        }
        try {
            return new Step.SwitchFault(at, name, FaultChange.parse(text(node)));
        } catch (FaultException e) {
            problem(node, e.getMessage());
            return null;
        }
    }

    private Step kill(Duration at, String name, Node node) {
        Node serviceNode = node;
        int replica = 0;
        if (node instanceof MappingNode) {
            Map<String, NodeTuple> keys = mapping(node, "kill", Set.of("service", "replica"));
            if (keys == null || required(keys, "service", node, "kill") == null) {
                return null;
            }
            serviceNode = keys.get("service").getValueNode();
            if (keys.containsKey("replica")) {
                Integer number = replicaCount(keys.get("replica").getValueNode(), 1);
                if (number == null) {
                    return null;
                }
                replica = number;
            }
        }
        String service = text(serviceNode);
        if (!ALL_SERVICES.contains(service)) {
            problem(serviceNode, "unknown service " + quote(service) + "; known services: " + knownServices());
            return null;
        }
        return new Step.Kill(at, name, service, replica);
    }

    private Assertion assertion(Node node, int index) {
        Set<String> allowed = new HashSet<>(CHECK_KEYS);
        allowed.addAll(Set.of("name", "step", "skip", "for"));
        Map<String, NodeTuple> keys = mapping(node, "an assertion", allowed);
        if (keys == null || required(keys, "step", node, "an assertion") == null) {
            return null;
        }
        String name = keys.containsKey("name") ? text(keys.get("name").getValueNode()) : "assertion-" + index;
        Duration skip = keys.containsKey("skip") ? duration(keys.get("skip").getValueNode()) : Duration.ZERO;
        Duration length = keys.containsKey("for") ? duration(keys.get("for").getValueNode()) : null;
        List<Check> checks = checks(keys, node, "an assertion");
        if (skip == null || keys.containsKey("for") && length == null || checks == null) {
            return null;
        }
        return new Assertion(name, text(keys.get("step").getValueNode()), skip, length, checks);
    }

    private void checkStep(Assertion assertion, Node node) {
        if (!declaredSteps.contains(assertion.step())) {
            Node stepNode = ((MappingNode) node).getValue().stream()
                    .filter(tuple -> "step".equals(text(tuple.getKeyNode()))).findFirst().orElseThrow()
                    .getValueNode();
            problem(stepNode, "no step is named " + quote(assertion.step()) + "; steps: "
                    + String.join(", ", declaredSteps));
        }
    }

    /** Runs once the whole file is valid: the window must fit the timeline. */
    private void checkWindow(Experiment experiment, Assertion assertion, Node node) {
        Window window = experiment.window(assertion);
        if (window.seconds() < 1) {
            problem(node, "the window of " + quote(assertion.name()) + " is shorter than a second; give it a "
                    + "'for', or a smaller 'skip'");
        } else if (window.end() > Durations.wholeSeconds(experiment.duration())) {
            problem(node, "the window of " + quote(assertion.name()) + " ends at " + window.end()
                    + "s, after the timeline's end (" + Durations.format(experiment.duration()) + ")");
        }
    }

    private SteadyState steadyState(Node node) {
        Set<String> allowed = new HashSet<>(CHECK_KEYS);
        allowed.addAll(Set.of("for", "rate"));
        Map<String, NodeTuple> keys = mapping(node, "steady-state", allowed);
        if (keys == null || required(keys, "for", node, "steady-state") == null
                || required(keys, "rate", node, "steady-state") == null) {
            return null;
        }
        Duration length = duration(keys.get("for").getValueNode());
        Double rate = rate(keys.get("rate").getValueNode());
        List<Check> checks = checks(keys, node, "steady-state");
        if (length != null && length.toSeconds() < 1) {
            problem(keys.get("for").getValueNode(), "the steady-state check must last at least 1s");
            return null;
        }
        return length == null || rate == null || checks == null ? null : new SteadyState(length, rate, checks);
    }

    private AbortRule abort(Node node) {
        Map<String, NodeTuple> keys = mapping(node, "abort", Set.of("max-error-rate", "for"));
        if (keys == null || required(keys, "max-error-rate", node, "abort") == null
                || required(keys, "for", node, "abort") == null) {
            return null;
        }
        Double share = share(keys.get("max-error-rate").getValueNode());
        Duration over = duration(keys.get("for").getValueNode());
        if (over != null && over.toSeconds() < 1) {
            problem(keys.get("for").getValueNode(), "the abort rule looks at 1s or more");
            return null;
        }
        return share == null || over == null ? null : new AbortRule(share, over);
    }

    /** @return null when a check was invalid or there was none */
    private List<Check> checks(Map<String, NodeTuple> keys, Node owner, String what) {
        List<Check> checks = new ArrayList<>();
        boolean valid = true;
        for (String key : keys.keySet()) {
            Metric metric = Metric.fromKey(key);
            if (metric == null) {
                continue;
            }
            Node value = keys.get(key).getValueNode();
            Double limit = switch (metric) {
                case ERROR_RATE -> share(value);
                case RATE -> rate(value);
                default -> {
                    Duration latency = duration(value);
                    yield latency == null ? null : latency.toNanos() / 1e6;
                }
            };
            if (limit == null) {
                valid = false;
            } else {
                checks.add(new Check(metric, limit));
            }
        }
        if (valid && checks.isEmpty()) {
            problem(owner, what + " checks nothing; give one of " + String.join(", ", CHECK_KEYS.stream().sorted()
                    .toList()));
            return null;
        }
        return valid ? checks : null;
    }

    private Map<String, NodeTuple> mapping(Node node, String what, Set<String> allowed) {
        if (!(node instanceof MappingNode map)) {
            problem(node, what + " must be a mapping of keys to values");
            return null;
        }
        Map<String, NodeTuple> keys = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            String key = text(tuple.getKeyNode());
            if (!allowed.contains(key)) {
                if (what.equals("a step") || what.equals("a clean-up step")) {
                    problem(tuple.getKeyNode(), "unknown step " + quote(key) + "; steps are "
                            + String.join(", ", STEP_KINDS.stream().sorted().toList()));
                } else {
                    problem(tuple.getKeyNode(), "unknown key " + quote(key) + " in " + what + "; use "
                            + String.join(", ", allowed.stream().sorted().toList()));
                }
            } else {
                keys.put(key, tuple);
            }
        }
        return keys;
    }

    private List<Node> sequence(Node node, String what) {
        if (node instanceof SequenceNode list) {
            return list.getValue();
        }
        problem(node, what + " must be a list, each item starting with '- '");
        return List.of();
    }

    private NodeTuple required(Map<String, NodeTuple> keys, String key, Node owner, String what) {
        NodeTuple tuple = keys.get(key);
        if (tuple == null) {
            problem(owner, what + " needs '" + key + "'");
        }
        return tuple;
    }

    private List<Step> missing(Node root, String key) {
        problem(root, "the experiment needs '" + key + "'");
        return List.of();
    }

    private Duration duration(Node node) {
        Duration duration = node instanceof ScalarNode ? Durations.parse(text(node)) : null;
        if (duration == null) {
            problem(node, "bad duration " + quote(text(node)) + "; write a number with a unit: 500ms, 30s, 2m, 1m30s");
        }
        return duration;
    }

    private Double rate(Node node) {
        try {
            double rate = Double.parseDouble(text(node));
            if (rate >= 0 && rate <= RateSchedule.MAX_RATE) {
                return rate;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problem(node, "bad rate " + quote(text(node)) + "; requests per second from 0 to " + (long) RateSchedule.MAX_RATE);
        return null;
    }

    private Double share(Node node) {
        Double share = node instanceof ScalarNode ? Durations.parseShare(text(node)) : null;
        if (share == null) {
            problem(node, "bad share " + quote(text(node)) + "; write 1% or 0.01 (0 to 100%)");
        }
        return share;
    }

    private Integer replicaCount(Node node, int min) {
        try {
            int count = Integer.parseInt(text(node));
            if (count >= min && count <= DesiredTopology.MAX_REPLICAS) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problem(node, "bad replica count " + quote(text(node)) + "; use " + min + " to " + DesiredTopology.MAX_REPLICAS);
        return null;
    }

    private static String declaredName(Node stepNode, String defaultName) {
        if (stepNode instanceof MappingNode map) {
            for (NodeTuple tuple : map.getValue()) {
                if ("name".equals(text(tuple.getKeyNode()))) {
                    return text(tuple.getValueNode());
                }
            }
        }
        return defaultName;
    }

    private static String text(Node node) {
        return node instanceof ScalarNode scalar ? scalar.getValue() : "(" + node.getNodeId().name() + ")";
    }

    private static String knownServices() {
        return String.join(", ", ALL_SERVICES.stream().sorted().toList());
    }

    private static String quote(String text) {
        return "\"" + text + "\"";
    }

    private void problem(Node node, String message) {
        problems.add(new Problem(position(node.getStartMark()), message));
    }

    private List<Problem> sorted() {
        return problems.stream().sorted(java.util.Comparator.comparingInt((Problem p) -> p.position().line())
                .thenComparingInt(p -> p.position().column())).toList();
    }

    private static Position position(Mark mark) {
        return mark == null ? Position.START : new Position(mark.getLine() + 1, mark.getColumn() + 1);
    }
}
