package io.shopscale.console.nginx;

import static io.shopscale.console.nginx.Gateways.SHOP;
import static io.shopscale.console.nginx.Gateways.replicas;
import static io.shopscale.console.nginx.Gateways.server;
import static org.assertj.core.api.Assertions.assertThat;

import io.shopscale.console.topology.Mode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NginxConfigRendererTest {

    private final NginxConfigRenderer renderer = NginxConfigRenderer.withDefaultTemplates();

    @Test
    void monolith() {
        GoldenFiles.assertMatches(GoldenFiles.MONOLITH, renderer.render(Gateways.monolith(1)));
    }

    /** Why scaling needs no reload: the replicas go to the Lua balancer, not into the text. */
    @Test
    void theNumberOfReplicasDoesNotChangeTheConfig() {
        String one = renderer.render(Gateways.monolith(1));

        assertThat(renderer.render(Gateways.monolith(3))).isEqualTo(one);
        assertThat(renderer.render(Gateways.monolith(0))).isEqualTo(one);
        Map<String, List<UpstreamServer>> others = new LinkedHashMap<>();
        others.put("sso", replicas("sso", 2, 10));
        others.put("catalog", replicas("catalog", 1, 20));
        others.put("orders", replicas("orders", 3, 30));
        others.put("notifications", replicas("notifications", 2, 50));
        assertThat(renderer.render(Gateways.model(Mode.SERVICES, others)))
                .isEqualTo(renderer.render(Gateways.servicesWithMixedCounts()));
    }

    @Test
    void everyPoolIsBalancedInLuaAndFallsBackToAPlaceholderThatRefuses() {
        String rendered = renderer.render(Gateways.servicesWithMixedCounts());

        assertThat(rendered).contains("""
                    upstream payments {
                        # Used only when the pool has no replica: nothing listens on port 9, so the connection is refused at once
                        # and nginx answers 502, which error_page turns into a 503 problem. Not "down": nginx would then count no
                        # server and allow the balancer one try too few.
                        server 127.0.0.1:9;
                        balancer_by_lua_block {
                            require("shopscale_balancer").balance("payments")
                        }
                        keepalive 32;
                """).doesNotContain("172.18.0.");
        assertThat(rendered).contains("listen 127.0.0.1:10246;", "local SLOW_START = 25",
                "local BACKENDS_FILE = \"/etc/nginx/backends\"");
    }

    /**
     * Public routes are admitted up to the limit of requests in flight per replica, internal ones not. The limit is set
     * with the backends, not in the config: changing it needs no reload.
     */
    @Test
    void publicRoutesAdmitRequestsUpToTheLimitOfRequestsInFlightPerReplicaWhichIsNotInTheConfig() {
        String rendered = renderer.render(Gateways.servicesWithMixedCounts());

        assertThat(rendered).doesNotContain("REPLICA_CONCURRENCY =");
        assertThat(rendered).contains("""
                        location /api/orders {
                            access_by_lua_block {
                                require("shopscale_balancer").admit("orders")
                            }
                            proxy_pass http://orders;
                        }
                """, """
                        location /internal/payments/ {
                            proxy_pass http://payments;
                        }
                """, "ngx.header[\"Retry-After\"] = \"1\"", "application/problem+json");
        assertThat(renderer.render(new GatewayModel(SHOP, Mode.SERVICES, Map.of(), GatewayPorts.DEFAULT, 7)))
                .as("the limit is not part of the config's shape: changing it does not reload nginx")
                .isEqualTo(renderer.render(new GatewayModel(SHOP, Mode.SERVICES, Map.of(), GatewayPorts.DEFAULT, 8)));
    }

    @Test
    void whileSwitchingToServices() {
        Map<String, List<UpstreamServer>> upstreams = new LinkedHashMap<>();
        upstreams.put("sso", replicas("sso", 1, 10));
        upstreams.put("monolith", replicas("monolith", 2, 60));

        GoldenFiles.assertMatches(GoldenFiles.SWITCHING_TO_SERVICES,
                renderer.render(Gateways.model(Mode.SERVICES, upstreams)));
    }

    @Test
    void servicesWithMixedReplicaCountsGetOnePoolEachAndTheInternalListener() {
        GoldenFiles.assertMatches(GoldenFiles.SERVICES_MIXED, renderer.render(Gateways.servicesWithMixedCounts()));
    }

    @Test
    void theSameRoutingRendersTheSameTextWhateverOrderItIsGivenIn() {
        Map<String, List<UpstreamServer>> shuffled = new LinkedHashMap<>();
        shuffled.put("notifications", replicas("notifications", 1, 50));
        shuffled.put("orders", List.of(server("orders", 2, 31), server("orders", 1, 30)));
        shuffled.put("catalog", List.of(server("catalog", 3, 22), server("catalog", 1, 20), server("catalog", 2, 21)));
        shuffled.put("sso", replicas("sso", 1, 10));

        String rendered = renderer.render(Gateways.model(Mode.SERVICES, shuffled));

        assertThat(rendered).isEqualTo(renderer.render(Gateways.servicesWithMixedCounts()));
    }

    @Test
    void aServiceOfTheOtherModeKeepsItsPoolButNoRouteUsesIt() {
        // While the mode is switched, the monolith's replicas still run until the services have taken over.
        Map<String, List<UpstreamServer>> upstreams =
                new LinkedHashMap<>(Gateways.servicesWithMixedCounts().upstreams());
        upstreams.put("payments", replicas("payments", 1, 40));
        upstreams.put("monolith", replicas("monolith", 1, 60));

        String rendered = renderer.render(Gateways.model(Mode.SERVICES, upstreams));

        assertThat(rendered).contains("""
                    # No route uses this pool now: its service is not in services mode, or has no ready replica yet.
                    upstream monolith {
                """);
        assertThat(rendered).doesNotContain("proxy_pass http://monolith;");
    }

    @Test
    void whileSwitchingToServicesAPathWhoseServiceIsNotReadyGoesToTheMonolith() {
        Map<String, List<UpstreamServer>> upstreams = new LinkedHashMap<>();
        upstreams.put("sso", replicas("sso", 1, 10));
        upstreams.put("monolith", replicas("monolith", 2, 60));

        String rendered = renderer.render(Gateways.model(Mode.SERVICES, upstreams));

        assertThat(rendered).contains("""
                        location /api/sso/ {
                            access_by_lua_block {
                                require("shopscale_balancer").admit("sso")
                            }
                            proxy_pass http://sso;
                """, """
                        location /api/catalog/ {
                            access_by_lua_block {
                                require("shopscale_balancer").admit("monolith")
                            }
                            proxy_pass http://monolith;
                """, """
                        location /internal/payments/ {
                            proxy_pass http://monolith;
                """).doesNotContain("yet.\n    upstream monolith {");
    }

    @Test
    void whileSwitchingToTheMonolithTheServicesKeepTheirPathsUntilItIsReady() {
        Map<String, List<UpstreamServer>> upstreams =
                new LinkedHashMap<>(Gateways.servicesWithMixedCounts().upstreams());

        String rendered = renderer.render(Gateways.model(Mode.MONOLITH, upstreams));

        assertThat(rendered).contains("""
                        location /api/ {
                            access_by_lua_block {
                                require("shopscale_balancer").admit("monolith")
                            }
                            proxy_pass http://monolith;
                """, """
                        location /api/catalog/ {
                            access_by_lua_block {
                                require("shopscale_balancer").admit("catalog")
                            }
                            proxy_pass http://catalog;
                """, """
                        location /internal/catalog/ {
                            proxy_pass http://catalog;
                """);
    }

    @Test
    void onceTheMonolithIsReadyItTakesEveryPath() {
        Map<String, List<UpstreamServer>> upstreams =
                new LinkedHashMap<>(Gateways.servicesWithMixedCounts().upstreams());
        upstreams.put("monolith", replicas("monolith", 1, 60));

        String rendered = renderer.render(Gateways.model(Mode.MONOLITH, upstreams));

        assertThat(rendered).doesNotContain("proxy_pass http://catalog;", "proxy_pass http://orders;")
                .contains("# No route uses this pool now: its service is not in monolith mode, or has no ready replica yet.\n    upstream catalog {");
    }

    @Test
    void aRequestThatNeverReachedAReplicaIsAnsweredAsNotCarriedOut() {
        String rendered = renderer.render(Gateways.monolith(1));

        assertThat(rendered).contains("map $upstream_bytes_sent $request_reached_replica {",
                "if ($request_reached_replica) {\n                return 502 ",
                "if ($request_reached_replica) {\n                return 504 ");
    }

    @Test
    void portsComeFromTheModel() {
        GatewayModel model = new GatewayModel(SHOP, Mode.SERVICES, Map.of(), new GatewayPorts(8000, 9001, 9002));

        String rendered = renderer.render(model);

        assertThat(rendered).contains("listen 8000;", "listen 9001;", "listen 9002;").doesNotContain("listen 80;");
    }

    @Test
    void haproxyFrontsThePostgresContainer() {
        GoldenFiles.assertMatches(GoldenFiles.HAPROXY,
                HaproxyConfigRenderer.withDefaultTemplates().render(Gateways.haproxy()));
    }
}
