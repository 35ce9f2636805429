package io.shopscale.console.export;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One scaled tier of the shop (the monolith, or one of the services) as an export writes it.
 *
 * @param name        the service name, e.g. {@code orders}; also its DNS name in the exported stack
 * @param replicas    how many replicas the user asked for, at least 0
 * @param cpus        CPU limit per replica, in cores (e.g. 1.0)
 * @param memoryMb    memory limit per replica, in MiB
 * @param environment the replica's environment, no secrets in it; iterates by name
 * @param secrets     secret name to the file path each replica reads it from, relative to {@code /run/secrets}
 * @param port        the HTTP port each replica listens on
 * @param readinessPath HTTP path that answers 2xx once a replica can take traffic
 * @param livenessPath  HTTP path that answers 2xx while a replica's process is sound
 * @param healthCheck the command that checks readiness inside the container, for compose
 */
public record AppTier(String name, String image, int replicas, double cpus, int memoryMb,
        Map<String, String> environment, Map<String, String> secrets, int port, String readinessPath,
        String livenessPath, List<String> healthCheck) {

    public AppTier {
        if (replicas < 0 || cpus <= 0 || memoryMb <= 0 || port <= 0) {
            throw new IllegalArgumentException("tier " + name + ": replicas, cpus, memory or port out of range");
        }
        environment = Collections.unmodifiableSortedMap(new TreeMap<>(environment));
        secrets = Collections.unmodifiableSortedMap(new TreeMap<>(secrets));
        healthCheck = List.copyOf(healthCheck);
    }
}
