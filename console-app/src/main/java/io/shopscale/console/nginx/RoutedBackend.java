package io.shopscale.console.nginx;

import java.time.Instant;

/**
 * One replica that nginx's balancer routes to now, as the control endpoint reports it.
 *
 * @param replica   the replica number the console gave when it set the backends
 * @param address   the replica's {@code IPv4:port}
 * @param joined    when the replica joined its pool
 * @param warmUntil when its slow start ends: until then it takes a share growing linearly from a twentieth to a
 *                  full one
 */
public record RoutedBackend(int replica, String address, Instant joined, Instant warmUntil) {

    public RoutedBackend {
        if (replica < 1) {
            throw new ConfigValueException("replica number " + replica + " is not positive");
        }
        ConfigValues.requireAddress("address of replica " + replica, address);
        if (joined == null || warmUntil == null) {
            throw new ConfigValueException("the join time and the end of the slow start are needed");
        }
    }

    /** Whether the replica still takes less than its full share at {@code now}. */
    public boolean warming(Instant now) {
        return now.isBefore(warmUntil);
    }
}
