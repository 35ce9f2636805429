package io.shopscale.console.docker;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import io.shopscale.console.plan.ContainerRef;
import io.shopscale.console.plan.Labels;

/**
 * Fixed addresses on the stack's /24 network. nginx addresses replicas by IP because it refuses to load a config
 * naming a host that Docker's DNS no longer resolves (a killed replica), and a fixed address survives a restart, so
 * the running config stays right while Docker brings a replica back.
 */
public record StackAddresses(String subnet) {

    private static final Pattern SUBNET = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.0/24");
    private static final List<String> SERVICES = List.of("monolith", "sso", "catalog", "orders", "payments",
            "notifications");
    private static final int REPLICAS_PER_SERVICE = 20;

    public StackAddresses {
        if (!SUBNET.matcher(subnet).matches()) {
            throw new IllegalArgumentException("The stack network must be a /24, not " + subnet);
        }
    }

    /** The candidates tried, in order, when a stack's network is created; one that another network uses is skipped. */
    public static List<String> candidateSubnets() {
        return IntStream.range(200, 256).mapToObj(third -> "172.29." + third + ".0/24").toList();
    }

    public String of(ContainerRef container) {
        return prefix() + hostNumber(container);
    }

    /**
     * The upper half of the subnet, from which an orchestrator gives its tasks their addresses, so that they never
     * take the fixed addresses of the standalone containers (PostgreSQL, HAProxy, nginx) in the lower half.
     */
    public String taskRange() {
        return prefix() + "128/25";
    }

    public String gateway() {
        return prefix() + 1;
    }

    private int hostNumber(ContainerRef container) {
        switch (container.role()) {
            case Labels.ROLE_POSTGRES:
                return 2;
            case Labels.ROLE_HAPROXY:
                return 3;
            case Labels.ROLE_NGINX:
                return 4;
            default:
                int service = SERVICES.indexOf(container.service());
                if (service < 0 || container.replica() >= REPLICAS_PER_SERVICE) {
                    throw new IllegalArgumentException("No address for " + container.name());
                }
                return 10 + service * REPLICAS_PER_SERVICE + container.replica();
        }
    }

    private String prefix() {
        Matcher matcher = SUBNET.matcher(subnet);
        matcher.matches();
        return matcher.group(1) + "." + matcher.group(2) + "." + matcher.group(3) + ".";
    }
}
