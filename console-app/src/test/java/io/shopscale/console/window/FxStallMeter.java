package io.shopscale.console.window;

import java.time.Duration;

import javafx.animation.AnimationTimer;

/**
 * Measures how long the FX thread went without drawing a frame: an animation asks for a pulse every 1/60 s, so a gap
 * between two pulses much longer than that is a stall. Start and stop it on the FX thread.
 */
public final class FxStallMeter extends AnimationTimer {

    private long lastPulse;
    private volatile long longestGapNanos;
    private volatile long pulses;

    @Override
    public void handle(long now) {
        if (lastPulse != 0) {
            longestGapNanos = Math.max(longestGapNanos, now - lastPulse);
        }
        lastPulse = now;
        pulses++;
    }

    public Duration longestStall() {
        return Duration.ofNanos(longestGapNanos);
    }

    public long pulses() {
        return pulses;
    }
}
