package io.shopscale.console.window.logs;

import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The logs tab: a service choice, a filter, Refresh and Follow over the matching lines. */
public final class LogsView extends BorderPane {

    public LogsView(LogsViewModel logs) {
        setPadding(new Insets(8));

        ChoiceBox<String> service = new ChoiceBox<>(logs.services());
        service.setId("logs-service");
        service.valueProperty().bindBidirectional(logs.serviceProperty());
        TextField filter = new TextField();
        filter.setId("logs-filter");
        filter.setPromptText("filter");
        filter.setPrefColumnCount(24);
        filter.textProperty().bindBidirectional(logs.filterProperty());
        Button refresh = new Button("Refresh");
        refresh.setId("logs-refresh");
        refresh.setOnAction(event -> logs.refresh());
        ToggleButton follow = new ToggleButton("Follow");
        follow.setId("logs-follow");
        follow.selectedProperty().bindBidirectional(logs.followProperty());
        Label summary = new Label();
        summary.setId("logs-summary");
        summary.textProperty().bind(logs.summaryProperty());
        HBox bar = new HBox(8, new Label("service"), service, filter, refresh, follow, summary);
        bar.setAlignment(Pos.CENTER_LEFT);

        Label problem = new Label();
        problem.setId("logs-problem");
        problem.getStyleClass().add("problem");
        problem.textProperty().bind(logs.problemProperty());
        problem.visibleProperty().bind(logs.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        VBox top = new VBox(6, bar, problem);
        top.setPadding(new Insets(0, 0, 8, 0));
        setTop(top);

        ListView<String> lines = new ListView<>(logs.lines());
        lines.setId("logs-lines");
        lines.getStyleClass().add("mono");
        logs.lines().addListener((ListChangeListener<String>) change -> {
            if (logs.followProperty().get()) {
                lines.scrollTo(logs.lines().size() - 1);
            }
        });
        setCenter(lines);
    }
}
