package io.shopscale.kit.runtime;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The name of this replica: {@code shop.replica-name} when set, otherwise the container's hostname. */
@Component
public class ReplicaName {

    private final String value;

    public ReplicaName(@Value("${shop.replica-name:}") String configured) {
        this.value = configured.isBlank() ? hostname() : configured;
    }

    public String value() {
        return value;
    }

    private static String hostname() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
