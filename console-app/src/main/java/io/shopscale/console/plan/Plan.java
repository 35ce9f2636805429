package io.shopscale.console.plan;

import io.shopscale.console.topology.DesiredTopology;
import java.util.List;

/**
 * The ordered steps that take the observed stack to {@code target}. Empty when the stack already matches it.
 *
 * @param target what the plan converges to; the executor takes limits, ports and names from it
 */
public record Plan(DesiredTopology target, List<Operation> operations) {

    private static final int VERB_WIDTH = 12;
    private static final int RESOURCE_WIDTH = 26;
    private static final int MIN_GAP = 2;

    public Plan {
        if (target == null || operations == null) {
            throw new IllegalArgumentException("a plan needs a target and a list of operations");
        }
        operations = List.copyOf(operations);
    }

    public boolean isEmpty() {
        return operations.isEmpty();
    }

    /**
     * One line per step, in columns: verb, resource, detail, (cause). Stable, so tests compare whole plans and
     * {@code shopctl scale --dry-run} can print it.
     */
    public String toText() {
        StringBuilder text = new StringBuilder();
        for (Operation operation : operations) {
            text.append(column(operation.verb(), VERB_WIDTH)).append(column(operation.resourceId(), RESOURCE_WIDTH));
            if (!operation.detail().isEmpty()) {
                text.append(operation.detail()).append(" ".repeat(MIN_GAP));
            }
            text.append('(').append(operation.cause()).append(")\n");
        }
        return text.toString();
    }

    private static String column(String value, int width) {
        return value + " ".repeat(Math.max(MIN_GAP, width - value.length()));
    }
}
