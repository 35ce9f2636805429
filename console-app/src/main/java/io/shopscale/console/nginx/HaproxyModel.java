package io.shopscale.console.nginx;

import io.shopscale.console.topology.StackName;

/**
 * What HAProxy's config is rendered from: the one PostgreSQL container the app replicas reach through it.
 *
 * @param postgresAddress the container's {@code IPv4:port}, for the same reason as {@link UpstreamServer#address()}
 * @param checkUser       the database user HAProxy's {@code pgsql-check} names in its start-up message; any existing
 *                        user works, since the check only waits for the server to ask for a password
 */
public record HaproxyModel(StackName stack, String postgresContainer, String postgresAddress, String checkUser) {

    public HaproxyModel {
        if (stack == null) {
            throw new ConfigValueException("stack name is missing");
        }
        ConfigValues.requireName("stack name", stack.value());
        ConfigValues.requireName("container name", postgresContainer);
        ConfigValues.requireAddress("address of " + postgresContainer, postgresAddress);
        ConfigValues.requireDatabaseUser("database user", checkUser);
    }
}
