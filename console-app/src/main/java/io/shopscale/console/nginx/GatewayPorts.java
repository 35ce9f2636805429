package io.shopscale.console.nginx;

/**
 * The ports the gateway listens on inside its container.
 *
 * @param publicPort   storefront and public API; the only one Docker publishes on the host
 * @param statusPort   {@code stub_status} for the console's metrics; not published
 * @param internalPort service-to-service calls in services mode; not published
 */
public record GatewayPorts(int publicPort, int statusPort, int internalPort) {

    public static final GatewayPorts DEFAULT = new GatewayPorts(80, 8081, 8082);

    public GatewayPorts {
        ConfigValues.requirePort("public port", publicPort);
        ConfigValues.requirePort("status port", statusPort);
        ConfigValues.requirePort("internal port", internalPort);
        if (publicPort == statusPort || publicPort == internalPort || statusPort == internalPort) {
            throw new ConfigValueException("the gateway's ports must differ: public " + publicPort + ", status "
                    + statusPort + ", internal " + internalPort);
        }
    }
}
