package io.shopscale.payments;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * How the simulated provider behaves: every charge waits {@code latencyMs}, then fails with probability
 * {@code failureRate} before anything is recorded, so a failed charge never charged.
 */
public record Simulation(
        @Min(value = 0, message = "latencyMs must be between 0 and 10000")
        @Max(value = 10000, message = "latencyMs must be between 0 and 10000") int latencyMs,
        @DecimalMin(value = "0.0", message = "failureRate must be between 0 and 1")
        @DecimalMax(value = "1.0", message = "failureRate must be between 0 and 1") double failureRate) {
}
