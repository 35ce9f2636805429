package io.shopscale.console.window.nginx;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import io.shopscale.console.metrics.Event;
import io.shopscale.console.metrics.TimeSource;
import io.shopscale.console.nginx.ConfigDiff;
import io.shopscale.console.topology.StackName;
import io.shopscale.console.window.Background;
import io.shopscale.console.window.Lane;
import io.shopscale.console.window.Problems;
import io.shopscale.console.engine.ShopEngine;
import io.shopscale.console.window.stack.StackViewModel;

/**
 * The config nginx runs now, and what changed at the last reload as a unified diff against the text read before it.
 * The text is read when the stack starts, after each reload the engine reports, when the tab is opened and on
 * {@link #refresh()}: a handful of reads per scale, none on a timer.
 */
public final class NginxConfigViewModel {

    static final String NO_RELOAD = "no reload seen since the console opened";

    private final ShopEngine engine;
    private final Background background;
    private final StackName stack;
    private final ObservableBooleanValue running;
    private final TimeSource time;
    private final DateTimeFormatter clock;

    private final ReadOnlyStringWrapper config = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper lastReload = new ReadOnlyStringWrapper(NO_RELOAD);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final BooleanProperty shown = new SimpleBooleanProperty();
    private final ObservableList<String> diff = FXCollections.observableArrayList();
    // Kept: a view made per call would be collected with the listeners added to it.
    private final ObservableList<String> readOnlyDiff = FXCollections.unmodifiableObservableList(diff);

    /** The text read last while this run of the stack lasts; null before the first read. */
    private String seen;
    /** When the engine reported a reload whose text has not been read yet. */
    private Instant reportedReload;
    private boolean reading;
    private boolean readAgain;

    /** Follows {@code stack}'s runs and reloads; {@code time} stamps changes seen without a reported reload. */
    public NginxConfigViewModel(ShopEngine engine, Background background, StackViewModel stack, TimeSource time) {
        this(engine, background, stack.stack(), stack.runningProperty(), stack.lastReloadProperty(), time,
                ZoneId.systemDefault());
    }

    NginxConfigViewModel(ShopEngine engine, Background background, StackName stack, ObservableBooleanValue running,
            ObservableValue<Event> reloads, TimeSource time, ZoneId zone) {
        this.engine = engine;
        this.background = background;
        this.stack = stack;
        this.running = running;
        this.time = time;
        this.clock = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(zone);
        running.addListener((property, was, now) -> {
            if (now) {
                read();
            } else {
                forget();
            }
        });
        reloads.addListener((property, before, reload) -> {
            if (reload != null) {
                reportedReload = reload.time();
                read();
            }
        });
        shown.addListener((property, was, now) -> {
            if (now) {
                read();
            }
        });
        if (running.get()) {
            read();
        }
    }

    /** The config nginx runs now; empty while the stack does not run. */
    public ReadOnlyStringProperty configProperty() {
        return config.getReadOnlyProperty();
    }

    /** What the last reload changed, one line of a unified diff each ({@code @@}, {@code +}, {@code -}, ' '). */
    public ObservableList<String> diff() {
        return readOnlyDiff;
    }

    /** {@code last reload 14:03:07: 1 line added, 2 removed}, or that none was seen yet. */
    public ReadOnlyStringProperty lastReloadProperty() {
        return lastReload.getReadOnlyProperty();
    }

    /** Why the config could not be read, for people; empty when it could. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Whether the tab is on screen: opening it reads the config again. */
    public BooleanProperty shownProperty() {
        return shown;
    }

    /** Reads the running config again. */
    public void refresh() {
        read();
    }

    private void read() {
        if (!running.get()) {
            return;
        }
        if (reading) {
            readAgain = true;
            return;
        }
        reading = true;
        background.run(Lane.READ, () -> engine.nginxConfig(stack), this::show, failure -> {
            problem.set(Problems.describe(failure));
            readEnded();
        });
    }

    private void show(String text) {
        if (!running.get()) {
            readEnded();
            return;
        }
        problem.set("");
        if (seen != null && !seen.equals(text)) {
            ConfigDiff change = ConfigDiff.between(seen, text);
            diff.setAll(change.toText().lines().toList());
            Instant at = reportedReload != null ? reportedReload : time.now();
            lastReload.set("last reload " + clock.format(at) + ": " + lines(change.linesAdded()) + " added, "
                    + change.linesRemoved() + " removed");
            reportedReload = null;
        }
        if (!readAgain) {
            reportedReload = null;
        }
        seen = text;
        config.set(text);
        readEnded();
    }

    private void readEnded() {
        reading = false;
        if (readAgain) {
            readAgain = false;
            read();
        }
    }

    private void forget() {
        seen = null;
        reportedReload = null;
        config.set("");
        diff.clear();
        lastReload.set(NO_RELOAD);
        problem.set("");
    }

    private static String lines(int count) {
        return count + (count == 1 ? " line" : " lines");
    }
}
