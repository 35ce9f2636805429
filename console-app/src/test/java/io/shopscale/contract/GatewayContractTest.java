package io.shopscale.contract;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Tag;

import io.shopscale.console.cli.ShopCtl;
import io.shopscale.console.docker.DockerEngines;
import io.shopscale.console.docker.DockerStack;
import io.shopscale.console.docker.StackAddresses;
import io.shopscale.console.plan.ContainerRef;
import io.shopscale.console.plan.Labels;
import io.shopscale.console.topology.StackName;

/**
 * The shop's contract suite against the five services on the real Docker engine, through the nginx gateway: the
 * same scenarios the shop's own build runs against its in-process topologies. Public paths go to the published
 * port. The suite also calls payments' internal simulation, which goes to the gateway's unpublished internal
 * listener (with the stack's internal credential, and without it to see it refused), and reads the database,
 * through HAProxy; from this machine both are reached on the stack's network.
 */
@Tag("docker")
@Tag("scaling")
@Tag("docker")
class GatewayContractTest extends ShopContract {

    static final String STACK = "e2e-contract";
    static final int PORT = 18486;

    @Override
    RunningShop startShop() {
        shopctl("down", "--stack", STACK, "--volumes");
        String up = shopctl("up", "--stack", STACK, "--mode", "services", "--port", Integer.toString(PORT));
        if (!up.contains("The shop is up")) {
            throw new AssertionError("the services stack did not come up:\n" + up);
        }
        StackName stack = StackName.of(STACK);
        StackAddresses addresses = new DockerStack(DockerEngines.connect(), STACK).addresses().orElseThrow();
        return new RunningShop() {
            @Override
            public URI uri(String pathAndQuery) {
                if (pathAndQuery.startsWith("/internal/")) {
                    return URI.create("http://" + addresses.of(ContainerRef.infrastructure(stack, Labels.ROLE_NGINX))
                            + ":8082" + pathAndQuery);
                }
                if (pathAndQuery.startsWith("/actuator/")) {
                    // Health is for the engine, not the public: ask a replica directly, as Docker's check does.
                    return URI.create("http://" + addresses.of(ContainerRef.app(stack, "orders", 1)) + ":8080"
                            + pathAndQuery);
                }
                return URI.create("http://127.0.0.1:" + PORT + pathAndQuery);
            }

            @Override
            public String internalToken() {
                return stackSecret("internal-token");
            }

            @Override
            public Map<String, String> database() {
                return Map.of(
                        "spring.datasource.url", "jdbc:postgresql://"
                                + addresses.of(ContainerRef.infrastructure(stack, Labels.ROLE_HAPROXY)) + ":5432/shop",
                        "spring.datasource.username", "shop",
                        "spring.datasource.password", stackSecret("database-password"));
            }

            @Override
            public void close() {
                shopctl("down", "--stack", STACK, "--volumes");
            }
        };
    }

    private static String stackSecret(String name) {
        Path secret = Path.of(System.getProperty("user.home"), ".shopscale", "stacks", STACK, "secrets", name);
        try {
            return Files.readString(secret).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String shopctl(String... args) {
        StringWriter out = new StringWriter();
        ShopCtl.run(args, new PrintWriter(out, true), new PrintWriter(out, true));
        System.out.println("$ shopctl " + String.join(" ", args) + "\n" + out);
        return out.toString();
    }
}
