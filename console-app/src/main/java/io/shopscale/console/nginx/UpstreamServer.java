package io.shopscale.console.nginx;

/**
 * One replica in an upstream pool.
 *
 * @param replica   the replica number, as in the container's name
 * @param container the container's name, written beside its address so a reader of the config knows which it is
 * @param address   the container's {@code IPv4:port} on the stack's network. Not its name: nginx resolves names
 *                  when it loads a config and refuses the whole config if one does not resolve, which is what
 *                  Docker's DNS answers for a replica that was just killed.
 */
public record UpstreamServer(int replica, String container, String address) {

    public UpstreamServer {
        if (replica < 1) {
            throw new ConfigValueException("replica number " + replica + " of " + container + " is not positive");
        }
        ConfigValues.requireName("container name", container);
        ConfigValues.requireAddress("address of " + container, address);
    }
}
