package io.shopscale.console.window.diagram;

import java.util.ArrayList;
import java.util.List;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;

/** The topology tab: the stack's containers as coloured boxes in columns, joined by lines, redrawn on each layout. */
public final class TopologyView extends ScrollPane {

    private final Pane drawing = new Pane();

    public TopologyView(TopologyViewModel topology) {
        drawing.setId("topology");
        setContent(drawing);
        Label empty = new Label("Start the stack to see its containers here.");
        topology.layoutProperty().addListener((property, before, now) -> draw(now, empty));
        draw(topology.layoutProperty().get(), empty);
    }

    private void draw(TopologyLayout layout, Label empty) {
        List<Node> nodes = new ArrayList<>();
        if (layout.boxes().isEmpty()) {
            empty.relocate(TopologyLayout.MARGIN, TopologyLayout.MARGIN);
            nodes.add(empty);
        }
        layout.pools().forEach(pool -> nodes.addAll(pool(pool)));
        layout.edges().forEach(edge -> nodes.addAll(edge(edge)));
        layout.boxes().forEach(box -> nodes.add(box(box)));
        drawing.setPrefSize(layout.width(), layout.height());
        drawing.getChildren().setAll(nodes);
    }

    private static List<Node> pool(TopologyPool pool) {
        Rectangle frame = new Rectangle(pool.x(), pool.y(), pool.width(), pool.height());
        frame.getStyleClass().add("pool");
        Label title = new Label(pool.service());
        title.setId("pool-" + pool.service());
        title.getStyleClass().add("pool-title");
        title.relocate(pool.x() + 6, pool.y() + 2);
        return List.of(frame, title);
    }

    private static List<Node> edge(TopologyEdge edge) {
        Line line = new Line(edge.startX(), edge.startY(), edge.endX(), edge.endY());
        line.setId("edge-" + edge.from() + "-" + edge.to());
        line.getStyleClass().add("edge");
        line.setStrokeWidth(edge.strokeWidth());
        if (edge.label().isEmpty()) {
            return List.of(line);
        }
        Label share = new Label(edge.label());
        share.getStyleClass().add("edge-label");
        share.relocate(edge.endX() - 34, edge.endY() - 16);
        return List.of(line, share);
    }

    private static Node box(TopologyBox box) {
        Label name = new Label(box.container());
        Label state = new Label(box.state().label());
        state.setId("box-state-" + box.container());
        VBox view = new VBox(2, name, state);
        view.setId("box-" + box.container());
        view.setAlignment(Pos.CENTER_LEFT);
        view.getStyleClass().addAll("box", "chip-" + box.state().label());
        view.relocate(box.x(), box.y());
        view.setPrefSize(box.width(), box.height());
        view.setMinSize(box.width(), box.height());
        view.setMaxSize(box.width(), box.height());
        return view;
    }
}
