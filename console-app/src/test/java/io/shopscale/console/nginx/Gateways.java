package io.shopscale.console.nginx;

import io.shopscale.console.topology.Limits;
import io.shopscale.console.topology.Mode;
import io.shopscale.console.topology.StackName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Gateway models for tests, with addresses the way Docker hands them out on a stack's network. */
final class Gateways {

    static final StackName SHOP = StackName.of("shop");

    private Gateways() {
    }

    /** The limit of requests in flight per replica that a stack with the default limits runs with. */
    static final int REPLICA_CONCURRENCY = Limits.DEFAULT.replicaConcurrency();

    static GatewayModel monolith(int readyReplicas) {
        return new GatewayModel(SHOP, Mode.MONOLITH, Map.of("monolith", replicas("monolith", readyReplicas, 10)),
                GatewayPorts.DEFAULT, REPLICA_CONCURRENCY);
    }

    /** A gateway with the default limit of requests in flight per replica. */
    static GatewayModel model(Mode mode, Map<String, List<UpstreamServer>> upstreams) {
        return new GatewayModel(SHOP, mode, upstreams, GatewayPorts.DEFAULT, REPLICA_CONCURRENCY);
    }

    /** sso 1, catalog 3, orders 2, payments none ready, notifications 1. */
    static GatewayModel servicesWithMixedCounts() {
        Map<String, List<UpstreamServer>> upstreams = new LinkedHashMap<>();
        upstreams.put("sso", replicas("sso", 1, 10));
        upstreams.put("catalog", replicas("catalog", 3, 20));
        upstreams.put("orders", replicas("orders", 2, 30));
        upstreams.put("payments", List.of());
        upstreams.put("notifications", replicas("notifications", 1, 50));
        return model(Mode.SERVICES, upstreams);
    }

    /** Replicas 1..count of the service, at 172.18.0.(firstHost + replica - 1):8080. */
    static List<UpstreamServer> replicas(String service, int count, int firstHost) {
        List<UpstreamServer> servers = new ArrayList<>();
        for (int replica = 1; replica <= count; replica++) {
            servers.add(server(service, replica, firstHost + replica - 1));
        }
        return servers;
    }

    static UpstreamServer server(String service, int replica, int host) {
        return new UpstreamServer(replica, "shop-" + service + "-" + replica, "172.18.0." + host + ":8080");
    }

    static HaproxyModel haproxy() {
        return new HaproxyModel(SHOP, "shop-postgres", "172.18.0.2:5432", "shop");
    }
}
