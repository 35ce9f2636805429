package io.shopscale.console.window.logs;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import io.shopscale.console.engine.StackStatus;
import io.shopscale.console.plan.Labels;
import io.shopscale.console.topology.StackName;
import io.shopscale.console.window.Background;
import io.shopscale.console.window.Lane;
import io.shopscale.console.window.Problems;
import io.shopscale.console.engine.ShopEngine;
import io.shopscale.console.window.stack.StackViewModel;

/**
 * The stack's logs as the logs tab shows them: the last lines of every container of one service (or of all), merged
 * in the order they were written and each prefixed with its container by the engine, narrowed by a case-insensitive filter that never calls the engine.
 * The logs are read when the tab is opened, the service changes or {@link #refresh()} runs, and, while following and
 * shown, every {@link #POLLS_PER_READ} calls of {@link #poll()}.
 */
public final class LogsViewModel {

    /** The choice for every container of the stack. */
    public static final String ALL_SERVICES = "all";
    /** Lines asked of each container per read. */
    public static final int LINES_PER_CONTAINER = 300;
    /**
     * Lines kept at most: the newest of the lines read, so a read of more than about sixteen containers drops the
     * oldest lines.
     */
    public static final int MAX_LINES = 5000;
    /** With the window's 2-second poll, following reads the logs every 4 seconds. */
    static final int POLLS_PER_READ = 2;

    private final ShopEngine engine;
    private final Background background;
    private final StackName stack;

    private final ObservableList<String> services = FXCollections.observableArrayList(ALL_SERVICES);
    private final ObjectProperty<String> service = new SimpleObjectProperty<>(ALL_SERVICES);
    private final StringProperty filter = new SimpleStringProperty("");
    private final BooleanProperty follow = new SimpleBooleanProperty();
    private final BooleanProperty shown = new SimpleBooleanProperty();
    private final ObservableList<String> lines = FXCollections.observableArrayList();
    private final FilteredList<String> matching = new FilteredList<>(lines);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    // Kept: a view made per call would be collected with the listeners added to it.
    private final ObservableList<String> readOnlyServices = FXCollections.unmodifiableObservableList(services);
    private final ObservableList<String> readOnlyMatching = FXCollections.unmodifiableObservableList(matching);

    private int linesRead;
    private int polls;
    private boolean reading;
    private boolean readAgain;

    /** Offers the services of {@code stack}'s last status and reads the logs of its stack. */
    public LogsViewModel(ShopEngine engine, Background background, StackViewModel stack) {
        this(engine, background, stack.stack(), stack.statusProperty());
    }

    LogsViewModel(ShopEngine engine, Background background, StackName stack, ObservableValue<StackStatus> status) {
        this.engine = engine;
        this.background = background;
        this.stack = stack;
        status.addListener((property, before, now) -> offer(now));
        offer(status.getValue());
        service.addListener((property, before, now) -> read());
        filter.addListener((property, before, now) -> {
            String wanted = now == null ? "" : now.toLowerCase(Locale.ROOT);
            matching.setPredicate(wanted.isEmpty() ? null
                    : line -> line.toLowerCase(Locale.ROOT).contains(wanted));
            summarise();
        });
        shown.addListener((property, was, now) -> {
            if (now) {
                read();
            }
        });
        follow.addListener((property, was, now) -> {
            polls = 0;
            if (now && shown.get()) {
                read();
            }
        });
    }

    /** {@link #ALL_SERVICES}, then each service the stack has run since the window opened; one stays once seen. */
    public ObservableList<String> services() {
        return readOnlyServices;
    }

    /** {@link #ALL_SERVICES} or one of {@link #services()}. */
    public ObjectProperty<String> serviceProperty() {
        return service;
    }

    /** Text a shown line contains, in any case; empty shows every line. */
    public StringProperty filterProperty() {
        return filter;
    }

    /** Whether the logs are read again every few seconds while the tab is shown. */
    public BooleanProperty followProperty() {
        return follow;
    }

    /** Whether the tab is on screen: opening it reads the logs, and following stops while it is hidden. */
    public BooleanProperty shownProperty() {
        return shown;
    }

    /** The lines that match the filter, oldest first. */
    public ObservableList<String> lines() {
        return readOnlyMatching;
    }

    /** {@code 600 lines}, or {@code 12 of 600 lines match}; then {@code · the first 40 dropped} past the bound. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Why the logs could not be read, for people; empty when they could. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Reads the logs again. */
    public void refresh() {
        read();
    }

    /** The window's poll: while following and shown, reads the logs every {@link #POLLS_PER_READ} calls. */
    public void poll() {
        if (!follow.get() || !shown.get()) {
            return;
        }
        polls++;
        if (polls >= POLLS_PER_READ) {
            polls = 0;
            read();
        }
    }

    private void offer(StackStatus status) {
        if (status == null) {
            return;
        }
        // The shop's services first, then nginx, HAProxy and PostgreSQL, whose service is their role.
        status.containers().stream()
                .sorted(Comparator.comparing(container -> !Labels.ROLE_APP.equals(container.role())))
                .map(StackStatus.Replica::service).distinct()
                .filter(name -> !services.contains(name))
                .forEach(services::add);
    }

    private void read() {
        if (reading) {
            readAgain = true;
            return;
        }
        reading = true;
        String chosen = service.get();
        Optional<String> only = chosen == null || ALL_SERVICES.equals(chosen) ? Optional.empty()
                : Optional.of(chosen);
        background.run(Lane.READ, () -> engine.logs(stack, only, LINES_PER_CONTAINER), this::show, failure -> {
            problem.set(Problems.describe(failure));
            readEnded();
        });
    }

    private void show(String text) {
        problem.set("");
        List<String> all = text.lines().toList();
        linesRead = all.size();
        lines.setAll(all.size() > MAX_LINES ? all.subList(all.size() - MAX_LINES, all.size()) : all);
        summarise();
        readEnded();
    }

    private void readEnded() {
        reading = false;
        if (readAgain) {
            readAgain = false;
            read();
        }
    }

    private void summarise() {
        String count = lines.size() + (lines.size() == 1 ? " line" : " lines");
        String dropped = linesRead > lines.size() ? " · the first " + (linesRead - lines.size()) + " dropped" : "";
        summary.set((matching.getPredicate() == null ? count : matching.size() + " of " + count + " match")
                + dropped);
    }
}
