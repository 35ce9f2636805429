package io.shopscale.console.load;

import io.shopscale.console.topology.UserText;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How often each scenario is picked, as relative weights. Logging in costs the server about 60 ms of CPU (bcrypt),
 * so the default keeps it rare: a shop's visitors mostly look around.
 */
public final class ScenarioMix {

    public static final int MAX_WEIGHT = 1000;
    public static final ScenarioMix DEFAULT = parse("browse=40,search=20,detail=25,login=5,order=10");

    private final Map<Scenario, Integer> weights;
    private final int totalWeight;

    private ScenarioMix(Map<Scenario, Integer> weights) {
        EnumMap<Scenario, Integer> complete = new EnumMap<>(Scenario.class);
        for (Scenario scenario : Scenario.values()) {
            complete.put(scenario, weights.getOrDefault(scenario, 0));
        }
        this.weights = Collections.unmodifiableMap(complete);
        this.totalWeight = complete.values().stream().mapToInt(Integer::intValue).sum();
        if (totalWeight == 0) {
            throw new LoadSettingsException("the scenario mix has no weight at all; give at least one scenario a "
                    + "weight above 0, for example browse=1");
        }
    }

    /**
     * Reads {@code browse=40,search=20,detail=25,login=5,order=10}. Scenarios left out weigh 0; weights are whole
     * numbers from 0 to {@value #MAX_WEIGHT} and need not add up to 100.
     */
    public static ScenarioMix parse(String text) {
        if (text == null || text.isBlank()) {
            throw new LoadSettingsException("the scenario mix is empty; write it like " + example());
        }
        Map<Scenario, Integer> weights = new EnumMap<>(Scenario.class);
        for (String part : text.split(",", -1)) {
            String entry = part.strip();
            int equals = entry.indexOf('=');
            if (equals < 0) {
                throw new LoadSettingsException("mix entry " + UserText.quote(entry)
                        + " needs the form scenario=weight, like " + example());
            }
            Scenario scenario = Scenario.parse(entry.substring(0, equals).strip());
            if (weights.containsKey(scenario)) {
                throw new LoadSettingsException("scenario " + scenario.label() + " appears twice in the mix");
            }
            weights.put(scenario, weight(scenario, entry.substring(equals + 1).strip()));
        }
        return new ScenarioMix(weights);
    }

    public static ScenarioMix of(Map<Scenario, Integer> weights) {
        weights.forEach(ScenarioMix::requireWeight);
        return new ScenarioMix(weights);
    }

    /** A copy with one weight changed, for a slider. */
    public ScenarioMix withWeight(Scenario scenario, int weight) {
        requireWeight(scenario, weight);
        Map<Scenario, Integer> changed = new EnumMap<>(weights);
        changed.put(scenario, weight);
        return new ScenarioMix(changed);
    }

    public int weight(Scenario scenario) {
        return weights.get(scenario);
    }

    /** Every scenario with its weight, in {@link Scenario} order. */
    public Map<Scenario, Integer> weights() {
        return weights;
    }

    public double fraction(Scenario scenario) {
        return (double) weights.get(scenario) / totalWeight;
    }

    /**
     * The scenario at a point of the weights laid end to end.
     *
     * @param uniform a random number from 0 (inclusive) to 1 (exclusive)
     */
    public Scenario pick(double uniform) {
        double point = uniform * totalWeight;
        Scenario last = null;
        for (Map.Entry<Scenario, Integer> entry : weights.entrySet()) {
            if (entry.getValue() == 0) {
                continue;
            }
            last = entry.getKey();
            point -= entry.getValue();
            if (point < 0) {
                return last;
            }
        }
        return last;
    }

    /** The form {@link #parse} reads, listing only scenarios with a weight. */
    public String toText() {
        return weights.entrySet().stream()
                .filter(entry -> entry.getValue() > 0)
                .map(entry -> entry.getKey().label() + "=" + entry.getValue())
                .collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScenarioMix mix && mix.weights.equals(weights);
    }

    @Override
    public int hashCode() {
        return weights.hashCode();
    }

    @Override
    public String toString() {
        return toText();
    }

    private static int weight(Scenario scenario, String text) {
        int weight;
        try {
            weight = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new LoadSettingsException("weight " + UserText.quote(text) + " for " + scenario.label()
                    + " is not a whole number; use 0 to " + MAX_WEIGHT);
        }
        requireWeight(scenario, weight);
        return weight;
    }

    private static void requireWeight(Scenario scenario, Integer weight) {
        if (scenario == null || weight == null) {
            throw new LoadSettingsException("a scenario or its weight is missing");
        }
        if (weight < 0 || weight > MAX_WEIGHT) {
            throw new LoadSettingsException("weight " + weight + " for " + scenario.label() + " is out of range; use 0 to "
                    + MAX_WEIGHT);
        }
    }

    private static String example() {
        return "browse=40,search=20,detail=25,login=5,order=10";
    }
}
