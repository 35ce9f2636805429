package io.shopscale.console.window.nginx;

import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The nginx tab: the running config as text, and below it the last reload's diff with added lines green and
 * removed lines red.
 */
public final class NginxConfigView extends BorderPane {

    public NginxConfigView(NginxConfigViewModel nginx) {
        setPadding(new Insets(8));

        Button refresh = new Button("Refresh");
        refresh.setId("nginx-refresh");
        refresh.setOnAction(event -> nginx.refresh());
        Label lastReload = new Label();
        lastReload.setId("nginx-last-reload");
        lastReload.textProperty().bind(nginx.lastReloadProperty());
        Label problem = new Label();
        problem.setId("nginx-problem");
        problem.getStyleClass().add("problem");
        problem.textProperty().bind(nginx.problemProperty());
        problem.visibleProperty().bind(nginx.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        HBox bar = new HBox(12, refresh, lastReload);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(6, bar, problem);
        top.setPadding(new Insets(0, 0, 8, 0));
        setTop(top);

        TextArea config = new TextArea();
        config.setId("nginx-config");
        config.getStyleClass().add("mono");
        config.setEditable(false);
        config.setPromptText("Start the stack to see the config its nginx runs.");
        config.textProperty().bind(nginx.configProperty());

        ListView<String> diff = new ListView<>(nginx.diff());
        diff.setId("nginx-diff");
        diff.getStyleClass().add("mono");
        diff.setCellFactory(list -> new DiffLineCell());
        VBox changes = new VBox(4, new Label("changed at the last reload"), diff);
        VBox.setVgrow(diff, Priority.ALWAYS);

        SplitPane split = new SplitPane(config, changes);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.6);
        setCenter(split);
    }

    /** One line of a unified diff, coloured by its first character. */
    private static final class DiffLineCell extends ListCell<String> {

        private static final String ADDED = "diff-added";
        private static final String REMOVED = "diff-removed";
        private static final String HUNK = "diff-hunk";

        @Override
        protected void updateItem(String line, boolean empty) {
            super.updateItem(line, empty);
            getStyleClass().removeAll(ADDED, REMOVED, HUNK);
            if (empty || line == null) {
                setText(null);
                return;
            }
            setText(line);
            if (line.startsWith("@@")) {
                getStyleClass().add(HUNK);
            } else if (line.startsWith("+")) {
                getStyleClass().add(ADDED);
            } else if (line.startsWith("-")) {
                getStyleClass().add(REMOVED);
            }
        }
    }
}
