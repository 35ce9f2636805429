package io.shopscale.console.window.diagram;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.shopscale.console.engine.StackStatus;
import io.shopscale.console.metrics.ReplicaShare;
import io.shopscale.console.plan.Labels;
import io.shopscale.console.window.stack.ReplicaState;

/**
 * Where the topology tab draws each container and connection: four columns, nginx, then the replicas in one pool
 * per service, then HAProxy, then PostgreSQL, each column centred on the tallest. Built from whatever containers
 * the status lists, so the monolith and the services mode come out of the same rules.
 *
 * @param width  the drawing's size, margins included
 * @param height the drawing's size, margins included
 */
public record TopologyLayout(List<TopologyBox> boxes, List<TopologyEdge> edges, List<TopologyPool> pools,
        double width, double height) {

    public static final TopologyLayout EMPTY = new TopologyLayout(List.of(), List.of(), List.of(), 0, 0);

    static final double MARGIN = 16;
    static final double BOX_WIDTH = 150;
    static final double BOX_HEIGHT = 44;
    static final double COLUMN_GAP = 60;
    static final double ROW_GAP = 10;
    static final double POOL_PADDING = 8;
    static final double POOL_TITLE = 20;
    static final double POOL_GAP = 16;
    /** The stroke of an edge that carries no traffic, and of the edges behind the replicas. */
    static final double THIN = 1.5;
    /** The stroke of an edge to a replica that answered all the traffic. */
    static final double THICKEST = 12;

    private static final List<String> COLUMNS = List.of(Labels.ROLE_NGINX, Labels.ROLE_APP, Labels.ROLE_HAPROXY,
            Labels.ROLE_POSTGRES);

    public TopologyLayout {
        boxes = List.copyOf(boxes);
        edges = List.copyOf(edges);
        pools = List.copyOf(pools);
    }

    /**
     * Lays out {@code status}'s containers.
     *
     * @param appStates the replicas' states as their chips show them; a container not in it is coloured by what
     *                  Docker reports of it alone
     * @param shares    each replica's share of the last second's traffic, by container name
     */
    public static TopologyLayout of(StackStatus status, Map<String, ReplicaState> appStates,
            Map<String, ReplicaShare> shares) {
        if (status == null || !status.exists()) {
            return EMPTY;
        }
        Map<String, List<StackStatus.Replica>> pools = new LinkedHashMap<>();
        List<List<StackStatus.Replica>> columns = new ArrayList<>();
        for (String role : COLUMNS) {
            columns.add(status.containers().stream().filter(c -> role.equals(c.role())).toList());
        }
        columns.get(1).forEach(app -> pools.computeIfAbsent(app.service(), service -> new ArrayList<>()).add(app));

        double[] heights = {
            stackHeight(columns.get(0).size()),
            poolsHeight(pools.values()),
            stackHeight(columns.get(2).size()),
            stackHeight(columns.get(3).size()),
        };
        double tallest = Math.max(Math.max(heights[0], heights[1]), Math.max(heights[2], heights[3]));

        List<TopologyBox> boxes = new ArrayList<>();
        List<TopologyPool> frames = new ArrayList<>();
        for (int column : new int[] {0, 2, 3}) {
            double y = MARGIN + (tallest - heights[column]) / 2;
            for (StackStatus.Replica container : columns.get(column)) {
                boxes.add(box(container, appStates, column, y));
                y += BOX_HEIGHT + ROW_GAP;
            }
        }
        double y = MARGIN + (tallest - heights[1]) / 2;
        for (Map.Entry<String, List<StackStatus.Replica>> pool : pools.entrySet()) {
            double top = y;
            y += POOL_TITLE;
            for (StackStatus.Replica replica : pool.getValue()) {
                boxes.add(box(replica, appStates, 1, y));
                y += BOX_HEIGHT + ROW_GAP;
            }
            y += POOL_PADDING - ROW_GAP;
            frames.add(new TopologyPool(pool.getKey(), columnX(1) - POOL_PADDING, top,
                    BOX_WIDTH + 2 * POOL_PADDING, y - top));
            y += POOL_GAP;
        }

        List<TopologyEdge> edges = new ArrayList<>();
        List<TopologyBox> gateways = ofRole(boxes, Labels.ROLE_NGINX);
        List<TopologyBox> replicas = ofRole(boxes, Labels.ROLE_APP);
        List<TopologyBox> proxies = ofRole(boxes, Labels.ROLE_HAPROXY);
        List<TopologyBox> databases = ofRole(boxes, Labels.ROLE_POSTGRES);
        for (TopologyBox gateway : gateways) {
            for (TopologyBox replica : replicas) {
                ReplicaShare share = shares.get(replica.container());
                edges.add(edge(gateway, replica, share == null ? THIN : THIN + share.share() * (THICKEST - THIN),
                        share == null ? "" : String.format(Locale.ROOT, "%.0f%%", share.share() * 100)));
            }
        }
        List<TopologyBox> behindReplicas = proxies.isEmpty() ? databases : proxies;
        for (TopologyBox replica : replicas) {
            behindReplicas.forEach(next -> edges.add(edge(replica, next, THIN, "")));
        }
        if (!proxies.isEmpty()) {
            for (TopologyBox proxy : proxies) {
                databases.forEach(database -> edges.add(edge(proxy, database, THIN, "")));
            }
        }
        return new TopologyLayout(boxes, edges, frames, columnX(COLUMNS.size() - 1) + BOX_WIDTH + MARGIN,
                tallest + 2 * MARGIN);
    }

    private static TopologyBox box(StackStatus.Replica container, Map<String, ReplicaState> appStates, int column,
            double y) {
        ReplicaState state = appStates.getOrDefault(container.name(), ReplicaState.of(container));
        return new TopologyBox(container.name(), container.role(), state, columnX(column), y, BOX_WIDTH,
                BOX_HEIGHT);
    }

    private static TopologyEdge edge(TopologyBox from, TopologyBox to, double strokeWidth, String label) {
        return new TopologyEdge(from.container(), to.container(), from.x() + from.width(), from.centerY(), to.x(),
                to.centerY(), strokeWidth, label);
    }

    private static List<TopologyBox> ofRole(List<TopologyBox> boxes, String role) {
        return boxes.stream().filter(box -> role.equals(box.role())).toList();
    }

    private static double columnX(int column) {
        return MARGIN + POOL_PADDING + column * (BOX_WIDTH + COLUMN_GAP);
    }

    private static double stackHeight(int count) {
        return count == 0 ? 0 : count * BOX_HEIGHT + (count - 1) * ROW_GAP;
    }

    private static double poolsHeight(Collection<List<StackStatus.Replica>> pools) {
        double height = 0;
        for (List<StackStatus.Replica> pool : pools) {
            height += POOL_TITLE + stackHeight(pool.size()) + POOL_PADDING;
        }
        return pools.isEmpty() ? 0 : height + (pools.size() - 1) * POOL_GAP;
    }
}
