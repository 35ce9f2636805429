package io.shopscale.console.window;

import java.util.Locale;
import java.util.function.Consumer;

import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

import io.shopscale.console.window.faults.FaultsView;
import io.shopscale.console.window.faults.FaultsViewModel;
import io.shopscale.console.window.experiments.ExperimentsView;
import io.shopscale.console.window.experiments.ExperimentsViewModel;
import io.shopscale.console.window.logs.LogsView;
import io.shopscale.console.window.logs.LogsViewModel;
import io.shopscale.console.window.nginx.NginxConfigView;
import io.shopscale.console.window.nginx.NginxConfigViewModel;
import io.shopscale.console.window.stack.ServiceCard;
import io.shopscale.console.window.stack.ServiceCardView;
import io.shopscale.console.window.stack.StackBar;
import io.shopscale.console.window.stack.StackViewModel;
import io.shopscale.console.window.traffic.LoadControlsView;
import io.shopscale.console.window.traffic.LoadControlsViewModel;
import io.shopscale.console.window.traffic.ThroughputPanel;
import io.shopscale.console.window.diagram.TopologyView;
import io.shopscale.console.window.diagram.TopologyViewModel;
import io.shopscale.console.window.traffic.ThroughputViewModel;

/**
 * The whole window's layout: the stack bar on top, the service cards on the left, the panels in tabs: activity,
 * traffic (load controls and throughput), the running nginx config, the logs, the topology, the faults and the
 * experiments. The nginx, logs and faults tabs read from the engine when they are shown.
 */
public final class ConsoleView {

    public static final String STYLESHEET = ConsoleView.class.getResource("console.css").toExternalForm();

    private final BorderPane root = new BorderPane();

    public ConsoleView(StackViewModel stack, ThroughputViewModel throughput, LoadControlsViewModel load,
            NginxConfigViewModel nginx, LogsViewModel logs, TopologyViewModel topology, FaultsViewModel faults,
            ExperimentsViewModel experiments, Consumer<String> openInBrowser) {
        root.setPadding(new Insets(8));
        root.getStylesheets().add(STYLESHEET);
        root.setTop(new StackBar(stack, openInBrowser));
        BorderPane.setMargin(root.getTop(), new Insets(0, 0, 8, 0));

        VBox cards = new VBox(8);
        cards.setId("cards");
        Runnable showCards = () -> cards.getChildren().setAll(stack.cards().stream()
                .map(card -> new ServiceCardView(card, stack)).toList());
        stack.cards().addListener((ListChangeListener<ServiceCard>) change -> showCards.run());
        showCards.run();
        ScrollPane cardScroll = new ScrollPane(cards);
        cardScroll.setFitToWidth(true);
        cardScroll.setPrefWidth(440);
        root.setLeft(cardScroll);
        BorderPane.setMargin(cardScroll, new Insets(0, 8, 0, 0));

        ListView<String> activity = new ListView<>(stack.activity());
        activity.setId("activity");
        activity.getStyleClass().add("mono");
        stack.activity().addListener((ListChangeListener<String>) change ->
                activity.scrollTo(stack.activity().size() - 1));
        VBox traffic = new VBox(8, new LoadControlsView(load), new ThroughputPanel(throughput));
        traffic.setId("traffic");
        traffic.setPadding(new Insets(8));
        ScrollPane trafficScroll = new ScrollPane(traffic);
        trafficScroll.setFitToWidth(true);
        Tab nginxTab = tab("nginx", new NginxConfigView(nginx));
        nginx.shownProperty().bind(nginxTab.selectedProperty());
        Tab logsTab = tab("Logs", new LogsView(logs));
        logs.shownProperty().bind(logsTab.selectedProperty());
        Tab topologyTab = tab("Topology", new TopologyView(topology));
        topology.shownProperty().bind(topologyTab.selectedProperty());
        Tab faultsTab = tab("Faults", new FaultsView(faults, stack.runningProperty()));
        faults.shownProperty().bind(faultsTab.selectedProperty());
        TabPane tabs = new TabPane(tab("Activity", activity), tab("Traffic", trafficScroll), nginxTab, logsTab,
                topologyTab, faultsTab, tab("Experiments", new ExperimentsView(experiments, openInBrowser)));
        tabs.setId("panels");
        root.setCenter(tabs);
    }

    public Parent root() {
        return root;
    }

    private static Tab tab(String title, javafx.scene.Node content) {
        Tab tab = new Tab(title, content);
        tab.setId("tab-" + title.toLowerCase(Locale.ROOT));
        tab.setClosable(false);
        return tab;
    }
}
