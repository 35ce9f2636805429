package io.shopscale.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class OrderRequestTest {

    @Test
    void theSameOrderWrittenDifferentlyHasTheSameFingerprint() {
        OrderRequest a = request(Map.of(1L, 2), Map.of(5L, 1));
        OrderRequest b = request(Map.of(5L, 1), Map.of(1L, 1), Map.of(1L, 1));
        assertThat(a.fingerprint()).isEqualTo(b.fingerprint());
        assertThat(b.quantities()).containsExactly(Map.entry(1L, 2), Map.entry(5L, 1));
    }

    @Test
    void aDifferentOrderHasADifferentFingerprint() {
        assertThat(request(Map.of(1L, 2)).fingerprint()).isNotEqualTo(request(Map.of(1L, 3)).fingerprint());
        assertThat(request(Map.of(1L, 2)).fingerprint()).isNotEqualTo(request(Map.of(2L, 2)).fingerprint());
    }

    @SafeVarargs
    private static OrderRequest request(Map<Long, Integer>... lines) {
        return new OrderRequest(List.of(lines).stream()
                .map(line -> line.entrySet().iterator().next())
                .map(entry -> new OrderRequest.Item(entry.getKey(), entry.getValue()))
                .toList());
    }
}
