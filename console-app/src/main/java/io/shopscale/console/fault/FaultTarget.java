package io.shopscale.console.fault;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.shopscale.console.topology.DesiredTopology;
import io.shopscale.console.topology.Mode;
import io.shopscale.console.topology.UserText;

/**
 * What a container fault acts on: one app replica ({@code monolith:2}, {@code payments:1}) or the database
 * ({@code database}, the PostgreSQL container).
 *
 * @param service an app service of either mode, or {@code database}
 * @param replica 1 and up for a replica; 0 for the database
 */
public record FaultTarget(String service, int replica) {

    public static final String DATABASE_NAME = "database";
    public static final FaultTarget DATABASE = new FaultTarget(DATABASE_NAME, 0);

    private static final Pattern REPLICA = Pattern.compile("([a-z]+):([0-9]{1,3})");

    public FaultTarget {
        if (DATABASE_NAME.equals(service) ? replica != 0 : !isService(service) || replica < 1
                || replica > DesiredTopology.MAX_REPLICAS) {
            throw new FaultException("not a fault target: " + service + ":" + replica);
        }
    }

    /**
     * Reads {@code monolith:2} or {@code database}.
     *
     * @throws FaultException naming what is allowed
     */
    public static FaultTarget parse(String text) {
        if (DATABASE_NAME.equals(text)) {
            return DATABASE;
        }
        Matcher replica = REPLICA.matcher(text == null ? "" : text);
        if (!replica.matches() || !isService(replica.group(1))) {
            throw new FaultException("unknown target " + UserText.quote(String.valueOf(text))
                    + "; name a replica as service:number (monolith:2, payments:1) or say database");
        }
        int number = Integer.parseInt(replica.group(2));
        if (number < 1 || number > DesiredTopology.MAX_REPLICAS) {
            throw new FaultException("replica " + UserText.quote(text) + " does not exist: replicas are numbered 1 to "
                    + DesiredTopology.MAX_REPLICAS);
        }
        return new FaultTarget(replica.group(1), number);
    }

    public boolean isDatabase() {
        return replica == 0;
    }

    /** {@code monolith:2}, or {@code database}. */
    public String text() {
        return isDatabase() ? DATABASE_NAME : service + ":" + replica;
    }

    private static boolean isService(String service) {
        for (Mode mode : Mode.values()) {
            if (mode.hasService(service)) {
                return true;
            }
        }
        return false;
    }
}
