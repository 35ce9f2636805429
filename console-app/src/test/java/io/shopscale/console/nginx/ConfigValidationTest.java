package io.shopscale.console.nginx;

import static io.shopscale.console.nginx.Gateways.SHOP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopscale.console.topology.Mode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Text that could end a directive and start another never reaches a template. */
class ConfigValidationTest {

    private static final String ADDRESS = "172.18.0.10:8080";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            space      | shop-monolith 1                  | a space      | "shop-monolith 1"
            tab        | shop-monolith\t1                 | a space      | "shop-monolith\\t1"
            open brace | shop-monolith-1{                 | a brace      | "shop-monolith-1{"
            close brace| x}server 10.0.0.1:80             | a brace      | "x}server 10.0.0.1:80"
            semicolon  | shop;return 200                  | a semicolon  | "shop;return 200"
            newline    | shop\\nserver evil.example:80    | a line break | "shop\\nserver evil.example:80"
            return     | shop\\r                          | a line break | "shop\\r"
            quote      | shop"                            | a quote      | "shop\\""
            apostrophe | shop'                            | a quote      | "shop'"
            uppercase  | Shop-monolith-1                  | "S"          | "Shop-monolith-1"
            dash first | -shop                            | "-"          | "-shop"
            empty      | ~~                               | it is empty  | ""
            """)
    void containerNamesThatCouldBreakTheConfigAreRejected(String why, String name, String problem, String shownAs) {
        String container = name.replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t");

        assertThatThrownBy(() -> new UpstreamServer(1, container, ADDRESS))
                .isInstanceOf(ConfigValueException.class)
                .hasMessageStartingWith("invalid container name " + shownAs + ": ")
                .hasMessageContaining(problem)
                .hasMessageEndingWith("use 1 to 63 lowercase letters, digits or '-', starting with a letter or digit")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\r"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            octet above 255       | 172.18.0.300:8080          | 300 is not a number from 0 to 255
            leading zero          | 172.18.0.010:8080          | 010 is not a number from 0 to 255
            no port               | 172.18.0.10                | it is not IPv4:port
            port 0                | 172.18.0.10:0              | port 0 is not from 1 to 65535
            port above 65535      | 172.18.0.10:70000          | port 70000 is not from 1 to 65535
            host name             | shop-monolith-1:8080       | it is not IPv4:port
            IPv6                  | [::1]:8080                 | it is not IPv4:port
            three octets          | 172.18.0:8080              | it is not IPv4:port
            trailing semicolon    | 172.18.0.10:8080;          | it contains a semicolon
            extra parameter       | 172.18.0.10:8080 backup    | it contains a space
            empty                 | ~~                         | it is empty
            """)
    void addressesThatAreNotIpv4AndAPortAreRejected(String why, String address, String problem) {
        assertThatThrownBy(() -> new UpstreamServer(2, "shop-monolith-2", address))
                .isInstanceOf(ConfigValueException.class)
                .hasMessageStartingWith("invalid address of shop-monolith-2 \"" + address + "\": " + problem)
                .hasMessageEndingWith("use an IPv4 address and a port, e.g. 172.18.0.5:8080");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0:1", "255.255.255.255:65535", "10.0.0.1:8080"})
    void validAddressesAreAccepted(String address) {
        assertThat(new UpstreamServer(1, "shop-monolith-1", address).address()).isEqualTo(address);
    }

    @Test
    void aMissingAddressIsNamed() {
        // What the engine reports for a container that is not attached to the network (any more).
        assertThatThrownBy(() -> new UpstreamServer(1, "shop-monolith-1", null))
                .isInstanceOf(ConfigValueException.class)
                .hasMessage("address of shop-monolith-1 is missing; use an IPv4 address and a port, "
                        + "e.g. 172.18.0.5:8080");
    }

    @Test
    void serviceNamesThatCouldBreakTheConfigAreRejected() {
        Map<String, List<UpstreamServer>> upstreams = Map.of("x { } server", List.of());

        assertThatThrownBy(() -> new GatewayModel(SHOP, Mode.MONOLITH, upstreams))
                .isInstanceOf(ConfigValueException.class)
                .hasMessageStartingWith("invalid service name \"x { } server\": it contains a space");
    }

    @Test
    void aReplicaListedTwiceIsRejected() {
        UpstreamServer first = new UpstreamServer(1, "shop-monolith-1", "172.18.0.10:8080");
        UpstreamServer again = new UpstreamServer(1, "shop-monolith-1", "172.18.0.11:8080");

        assertThatThrownBy(() -> new GatewayModel(SHOP, Mode.MONOLITH, Map.of("monolith", List.of(first, again))))
                .isInstanceOf(ConfigValueException.class)
                .hasMessage("the pool of monolith lists replica 1 twice");
    }

    @Test
    void databaseUsersThatCouldBreakTheConfigAreRejected() {
        assertThatThrownBy(() -> new HaproxyModel(SHOP, "shop-postgres", "172.18.0.2:5432", "shop\n  server x"))
                .isInstanceOf(ConfigValueException.class)
                .hasMessage("invalid database user \"shop\\n  server x\": it contains a line break; use 1 to 63 "
                        + "lowercase letters, digits or '_', not starting with a digit");
    }

    @Test
    void portsMustDiffer() {
        assertThatThrownBy(() -> new GatewayPorts(80, 80, 8082))
                .isInstanceOf(ConfigValueException.class)
                .hasMessage("the gateway's ports must differ: public 80, status 80, internal 8082");
    }
}
