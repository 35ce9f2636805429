package io.shopscale.console.window.experiments;

import java.io.File;
import java.util.function.Consumer;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The Experiments tab: choose a library experiment (or open a file), run it with a progress bar and the steps ticking
 * off, read the verdicts, open the report. Only builds nodes and binds.
 */
public final class ExperimentsView extends VBox {

    public ExperimentsView(ExperimentsViewModel experiments, Consumer<String> openInBrowser) {
        super(8);
        setId("experiments");
        setPadding(new Insets(8));
        ComboBox<String> choice = new ComboBox<>(experiments.library());
        choice.setId("experiment-choice");
        choice.setPromptText("a library experiment");
        choice.valueProperty().addListener((observable, before, now) -> {
            if (now != null) {
                experiments.chosenProperty().set(now);
            }
        });
        Button open = new Button("Open a file …");
        open.setId("experiment-open");
        open.setOnAction(event -> {
            FileChooser chooser = new FileChooser();
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Experiment files", "*.yaml", "*.yml"));
            File file = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
            if (file != null) {
                experiments.chosenProperty().set(file.getPath());
            }
        });
        Button run = new Button("Run");
        run.setId("experiment-run");
        run.setOnAction(event -> experiments.run());
        run.disableProperty().bind(experiments.readyProperty().not());
        Button stop = new Button("Stop");
        stop.setId("experiment-stop");
        stop.setOnAction(event -> experiments.stop());
        stop.disableProperty().bind(experiments.runningProperty().not());
        Button save = new Button("Save the session as …");
        save.setId("session-save");
        save.setOnAction(event -> {
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName("session.yaml");
            File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
            if (file != null) {
                experiments.saveSession(file.toPath());
            }
        });
        Button restart = new Button("Start the session over");
        restart.setId("session-restart");
        restart.setOnAction(event -> experiments.restartSession());
        HBox controls = new HBox(8, choice, open, run, stop, save, restart);

        ProgressBar progress = new ProgressBar();
        progress.setId("experiment-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(experiments.progressProperty());
        Label status = new Label();
        status.setId("experiment-status");
        status.setWrapText(true);
        status.getStyleClass().add("mono");
        status.textProperty().bind(experiments.statusProperty());

        ListView<ExperimentsViewModel.StepRow> steps = new ListView<>(experiments.steps());
        steps.setId("experiment-steps");
        steps.setPrefHeight(200);
        steps.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(ExperimentsViewModel.StepRow row, boolean empty) {
                super.updateItem(row, empty);
                textProperty().unbind();
                if (empty || row == null) {
                    setText(null);
                } else {
                    textProperty().bind(row.stateProperty().map(state -> mark(state) + row.text()));
                }
            }
        });
        ListView<String> verdicts = new ListView<>(experiments.verdicts());
        verdicts.setId("experiment-verdicts");
        verdicts.getStyleClass().add("mono");
        VBox.setVgrow(verdicts, Priority.ALWAYS);
        Hyperlink report = new Hyperlink();
        report.setId("experiment-report");
        report.textProperty().bind(experiments.reportProperty());
        report.visibleProperty().bind(experiments.reportProperty().isNotEmpty());
        report.setOnAction(event -> openInBrowser.accept(new File(experiments.reportProperty().get()).toURI()
                .toString()));
        getChildren().addAll(controls, progress, status, new Label("Steps"), steps, new Label("Verdicts"), verdicts,
                report);
    }

    static String mark(String state) {
        return switch (state) {
            case "done" -> "✓ ";
            case "running" -> "… ";
            case "failed" -> "✗ ";
            default -> "   ";
        };
    }
}
