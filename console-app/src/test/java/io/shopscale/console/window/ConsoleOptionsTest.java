package io.shopscale.console.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.shopscale.console.topology.Limits;
import io.shopscale.console.topology.TopologyException;

class ConsoleOptionsTest {

    @Test
    void aStackTheWindowStartsHasTheDemosCpuForThisHostUnlessToldOtherwise() {
        assertThat(ConsoleOptions.parse(List.of()).limits())
                .isEqualTo(Limits.forDemo(Runtime.getRuntime().availableProcessors()));
        assertThat(ConsoleOptions.parse(List.of("--cpus", "0.35")).limits())
                .isEqualTo(new Limits(0.35, Limits.DEFAULT.memoryMb()));
    }

    @Test
    void aCpuLimitOutOfRangeIsRefusedWhenTheWindowOpens() {
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--cpus", "0.01")))
                .isInstanceOf(TopologyException.class).hasMessageContaining("cpus 0.01 is out of range");
    }
}
