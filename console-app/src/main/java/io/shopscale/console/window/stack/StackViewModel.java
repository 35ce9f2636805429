package io.shopscale.console.window.stack;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import io.shopscale.console.engine.EngineEvent;
import io.shopscale.console.engine.ShopEngine;
import io.shopscale.console.engine.StackEngine;
import io.shopscale.console.engine.StepText;
import io.shopscale.console.engine.StackStatus;
import io.shopscale.console.metrics.ContainerStats;
import io.shopscale.console.metrics.Event;
import io.shopscale.console.metrics.EventKind;
import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.metrics.Sample;
import io.shopscale.console.plan.Labels;
import io.shopscale.console.plan.ProgressEvent;
import io.shopscale.console.topology.DesiredTopology;
import io.shopscale.console.topology.EngineKind;
import io.shopscale.console.topology.Limits;
import io.shopscale.console.topology.Mode;
import io.shopscale.console.topology.StackName;
import io.shopscale.console.window.Background;
import io.shopscale.console.window.BackgroundWork;
import io.shopscale.console.window.Lane;
import io.shopscale.console.window.Problems;

/**
 * The stack as the window shows and drives it: mode, start and stop, one {@link ServiceCard} per service, and what
 * the engine reports while it works. One command (start, stop, scale, heal) runs at a time, on
 * {@link Lane#COMMAND}; the state is read on {@link Lane#READ}, so reads go on while a command runs, again after each
 * command and whenever {@link #refresh()} is called. Only a read that succeeds and finds no stack shows it stopped:
 * a read that fails (Docker busy, a time limit) is shown as a failed read, and the state read before stays.
 */
public final class StackViewModel {

    /** Lines of start and stop progress kept for the activity list. */
    static final int MAX_ACTIVITY = 200;

    private final ShopEngine engine;
    private final Background background;
    private final MetricsHub hub;
    private final StackName stack;
    private final int port;
    private final Limits limits;

    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.MONOLITH);
    private final ObjectProperty<EngineKind> engineKind = new SimpleObjectProperty<>(EngineKind.DOCKER);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper statusReadFailed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper imageSource = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper parkedEvents = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper url = new ReadOnlyStringWrapper("");
    private final ObservableList<String> activity = FXCollections.observableArrayList();
    private final ObservableList<ServiceCard> cards = FXCollections.observableArrayList();
    private final ObjectProperty<StackStatus> status = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Event> lastReload = new ReadOnlyObjectWrapper<>();
    // One read-only view each, kept: a view made per call would be collected with the listeners added to it.
    private final ObservableList<String> readOnlyActivity = FXCollections.unmodifiableObservableList(activity);
    private final ObservableList<ServiceCard> readOnlyCards = FXCollections.unmodifiableObservableList(cards);

    private final Set<String> seenReady = new HashSet<>();
    private final Set<String> draining = new HashSet<>();
    private final List<String> baseImages = new ArrayList<>();
    private BackgroundWork reading;
    private boolean problemFromRefresh;

    /** Starts stacks with {@link Limits#DEFAULT} per replica. */
    public StackViewModel(ShopEngine engine, Background background, MetricsHub hub, StackName stack, int port) {
        this(engine, background, hub, stack, port, Limits.DEFAULT);
    }

    /** @param limits each replica's CPU and memory in a stack that Start or a mode switch brings up */
    public StackViewModel(ShopEngine engine, Background background, MetricsHub hub, StackName stack, int port,
                          Limits limits) {
        this.limits = limits;
        this.engine = engine;
        this.background = background;
        this.hub = hub;
        this.stack = stack;
        this.port = port;
        showCardsFor(mode.get());
        mode.addListener((property, before, now) -> {
            if (now != null && !running.get()) {
                showCardsFor(now);
            }
        });
    }

    public StackName stack() {
        return stack;
    }

    public int port() {
        return port;
    }

    /** Which topology Start deploys; while a stack runs, the one it runs. */
    public ObjectProperty<Mode> modeProperty() {
        return mode;
    }

    /** Which engine Start deploys on; while a stack runs, the one it runs on (read back from the stack). */
    public ObjectProperty<EngineKind> engineProperty() {
        return engineKind;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /**
     * Whether the last status read failed; the cards, the running flag and the address then still show the read
     * before it. False again after the next read that succeeds.
     */
    public ReadOnlyBooleanProperty statusReadFailedProperty() {
        return statusReadFailed.getReadOnlyProperty();
    }

    /** What went wrong last, for people; empty when nothing did. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Where the base images came from, as the engine said at the last start or scale. */
    /**
     * A warning while the outbox relay has set order events aside ({@code 2 order events parked: their
     * notifications were not sent}); empty when none are, or the database could not be asked.
     */
    public ReadOnlyStringProperty parkedEventsProperty() {
        return parkedEvents.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty imageSourceProperty() {
        return imageSource.getReadOnlyProperty();
    }

    /** The shop's address while it runs, otherwise empty. */
    public ReadOnlyStringProperty urlProperty() {
        return url.getReadOnlyProperty();
    }

    /**
     * The last status read, for the panels that draw the whole stack; null before the first. It changes after the
     * cards show it, so a listener finds the chips' states up to date.
     */
    public ObjectProperty<StackStatus> statusProperty() {
        return status;
    }

    /** The reload the engine reported last, as recorded on the timeline; null before the first. */
    public ReadOnlyObjectProperty<Event> lastReloadProperty() {
        return lastReload.getReadOnlyProperty();
    }

    public ObservableList<String> activity() {
        return readOnlyActivity;
    }

    public ObservableList<ServiceCard> cards() {
        return readOnlyCards;
    }

    public void start() {
        if (busy.get()) {
            return;
        }
        Mode chosen = mode.get();
        up(chosen, true, "starting stack " + stack + " in " + chosen.label() + " mode on port " + port,
                "the shop is up at " + StackEngine.url(port));
    }

    /**
     * Switches the running stack to the other mode, like {@code shopctl up --mode}: the new mode's replicas start
     * while the old ones serve, each path moves over once its service is ready, then the old replicas drain and
     * stop. Users, orders and notifications stay.
     */
    public void switchMode(Mode target) {
        Mode current = mode.get();
        if (busy.get() || !running.get() || target == null || target == current) {
            return;
        }
        hub.recordEvent(EventKind.MODE_SWITCH, current.label() + " → " + target.label());
        up(target, false, "switching stack " + stack + " from " + current.label() + " to " + target.label()
                + " mode; the data stays", "stack " + stack + " runs in " + target.label() + " mode");
    }

    /** Brings the stack up in {@code target} mode off the FX thread, its steps listed as they happen. */
    private void up(Mode target, boolean clearActivity, String startLine, String doneLine) {
        DesiredTopology desired;
        try {
            desired = DesiredTopology.initial(stack, target, port, limits);
        } catch (RuntimeException e) {
            problem.set(Problems.describe(e));
            return;
        }
        commandStarted(cards);
        if (clearActivity) {
            activity.clear();
        }
        addActivity(startLine);
        background.run(Lane.COMMAND, () -> {
            engine.up(desired, engineKind.get(), events(this::addActivity));
            return null;
        }, done -> {
            addActivity(doneLine);
            mode.set(target);
            showCardsFor(target);
            commandEnded();
        }, failure -> {
            setProblem(Problems.describe(failure));
            commandEnded();
        });
    }

    /** Removes the containers and keeps the data, like {@code shopctl down}. */
    public void stop() {
        if (busy.get()) {
            return;
        }
        commandStarted(cards);
        addActivity("stopping stack " + stack + " (the data stays)");
        background.run(Lane.COMMAND, () -> {
            engine.down(stack, false, events(this::addActivity));
            return null;
        }, done -> {
            addActivity("stack " + stack + " is down");
            commandEnded();
        }, failure -> {
            setProblem(Problems.describe(failure));
            commandEnded();
        });
    }

    /** Applies a slider: scales one service of the running stack. Nothing happens while another command runs. */
    public void scale(String service, int replicas) {
        ServiceCard card = card(service);
        if (busy.get() || !running.get() || card == null || isSettled(card, replicas)) {
            return;
        }
        commandStarted(List.of(card));
        card.scalingStarted();
        card.chips().stream().filter(chip -> chip.replica() > replicas)
                .forEach(chip -> draining.add(chip.container()));
        showStatus(status.get());
        hub.recordEvent(EventKind.SCALE, service + " → " + replicas);
        card.addStep("scaling " + service + " to " + replicas);
        background.run(Lane.COMMAND, () -> {
            engine.scale(stack, Map.of(service, replicas), events(card::addStep));
            return null;
        }, done -> {
            card.addStep(service + " runs " + replicas + (replicas == 1 ? " replica" : " replicas"));
            card.scalingEnded();
            commandEnded();
        }, failure -> {
            card.addStep("failed: " + Problems.describe(failure).lines().findFirst().orElse(""));
            setProblem(Problems.describe(failure));
            card.scalingEnded();
            commandEnded();
        });
    }

    /** Replaces replicas that died or were killed, like {@code shopctl heal}. */
    public void heal() {
        if (busy.get() || !running.get()) {
            return;
        }
        commandStarted(cards);
        addActivity("replacing stopped replicas");
        background.run(Lane.COMMAND, () -> {
            engine.heal(stack, events(this::addActivity));
            return null;
        }, done -> commandEnded(), failure -> {
            setProblem(Problems.describe(failure));
            commandEnded();
        });
    }

    /**
     * Kills one replica at once, for demos: nginx routes around it, {@link #heal()} replaces it. A short call on
     * {@link Lane#READ}, so it does not wait behind a scale of another service; refused while a plan runs on the
     * replica's own service (see {@link ServiceCard#planRunningProperty()}).
     */
    public void kill(String container) {
        ServiceCard card = cards.stream()
                .filter(candidate -> candidate.chips().stream().anyMatch(chip -> chip.container().equals(container)))
                .findFirst().orElse(null);
        if (card != null && card.planRunningProperty().get()) {
            return;
        }
        hub.recordEvent(EventKind.KILL, container);
        addActivity("killing " + container);
        background.run(Lane.READ, () -> {
            engine.kill(stack, container);
            return null;
        }, done -> refresh(), failure -> setProblem(Problems.describe(failure)));
    }

    /** Reads the stack's state again, unless a read is already under way. */
    public void refresh() {
        if (reading != null && !reading.isEnded()) {
            return;
        }
        readStatus();
    }

    /** Reads the stack's state again now: a read begun before a command ended would show the state before it. */
    private void readAgain() {
        if (reading != null) {
            reading.cancel();
        }
        readStatus();
    }

    private void readStatus() {
        reading = background.run(Lane.READ, () -> engine.status(stack), read -> {
            statusReadFailed.set(false);
            if (problemFromRefresh) {
                problem.set("");
                problemFromRefresh = false;
            }
            showStatus(read);
            status.set(read);
        }, failure -> {
            // One failed read says nothing about the stack: what was read before stays on show.
            statusReadFailed.set(true);
            // What a command reported explains more than a failed read after it.
            if (problem.get().isEmpty() || problemFromRefresh) {
                problem.set(Problems.describe(failure));
                problemFromRefresh = true;
            }
        });
    }

    private void showStatus(StackStatus read) {
        if (read == null) {
            return;
        }
        running.set(read.exists());
        url.set(read.url());
        Long parked = read.parkedEvents();
        parkedEvents.set(parked == null || parked == 0 ? "" : parked + (parked == 1 ? " order event" : " order events")
                + " parked by the outbox relay after repeated failures: their notifications were not sent "
                + "(shopctl status; orders.outbox.last_error says why)");
        if (read.exists() && !read.mode().isEmpty()) {
            mode.set(Mode.parse(read.mode()));
        }
        if (read.exists() && !read.engine().isEmpty()) {
            engineKind.set(EngineKind.parse(read.engine()));
        }
        showCardsFor(mode.get());
        Map<String, ContainerStats> stats = hub.latest().map(Sample::containers).orElse(Map.of());
        Set<String> present = new HashSet<>();
        for (ServiceCard card : cards) {
            List<ReplicaChip> chips = new ArrayList<>();
            for (StackStatus.Replica replica : read.containers()) {
                if (Labels.ROLE_APP.equals(replica.role()) && replica.service().equals(card.service())) {
                    present.add(replica.name());
                    chips.add(new ReplicaChip(replica.name(), replica.replica(), stateOf(replica),
                            stats.get(replica.name())));
                }
            }
            card.showReplicas(chips);
        }
        seenReady.retainAll(present);
        draining.retainAll(present);
    }

    private ReplicaState stateOf(StackStatus.Replica replica) {
        ReplicaState reported = ReplicaState.of(replica);
        boolean isRunning = ReplicaState.RUNNING.equals(replica.state());
        if (reported.serves()) {
            seenReady.add(replica.name());
        }
        if (draining.contains(replica.name()) && isRunning) {
            return ReplicaState.DRAINING;
        }
        if (isRunning && !replica.ready() && seenReady.contains(replica.name())) {
            return ReplicaState.UNHEALTHY;
        }
        return reported;
    }

    private boolean isSettled(ServiceCard card, int replicas) {
        List<ReplicaChip> chips = card.chips();
        return chips.size() == replicas && chips.stream().allMatch(chip -> chip.state().serves());
    }

    private void showCardsFor(Mode shown) {
        List<String> services = cards.stream().map(ServiceCard::service).toList();
        if (!services.equals(shown.services())) {
            cards.setAll(shown.services().stream().map(ServiceCard::new).toList());
        }
    }

    private ServiceCard card(String service) {
        return cards.stream().filter(card -> card.service().equals(service)).findFirst().orElse(null);
    }

    /** Hands the engine's events to the FX thread: plan steps to {@code steps}, the others to the activity list. */
    private ShopEngine.EngineListener events(Consumer<String> steps) {
        return event -> background.onFxThread(() -> show(event, steps));
    }

    private void show(EngineEvent event, Consumer<String> steps) {
        if (event instanceof EngineEvent.Step step) {
            steps.accept(StepText.of(step.progress()));
            return;
        }
        addActivity(event.summary());
        if (event instanceof EngineEvent.BaseImageChosen chosen) {
            baseImages.add(chosen.kind() + ": " + chosen.source());
            imageSource.set("base images: " + String.join("; ", baseImages));
        } else if (event instanceof EngineEvent.RoutingChanged routing) {
            lastReload.set(hub.recordEvent(routing.reloaded() ? EventKind.RELOAD : EventKind.ROUTING,
                    routing.summary()));
        }
    }

    private void commandStarted(List<ServiceCard> planned) {
        planned.forEach(ServiceCard::planStarted);
        busy.set(true);
        problem.set("");
        problemFromRefresh = false;
        baseImages.clear();
    }

    private void commandEnded() {
        cards.forEach(ServiceCard::planEnded);
        busy.set(false);
        readAgain();
    }

    private void setProblem(String text) {
        problem.set(text);
        problemFromRefresh = false;
    }

    private void addActivity(String line) {
        activity.add(line);
        if (activity.size() > MAX_ACTIVITY) {
            activity.remove(0);
        }
    }
}
