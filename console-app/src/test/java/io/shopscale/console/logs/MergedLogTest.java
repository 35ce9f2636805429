package io.shopscale.console.logs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MergedLogTest {

    @Test
    void linesOfSeveralContainersComeInTheOrderTheyWereWritten() {
        MergedLog log = new MergedLog();
        log.add("shop-monolith-1", """
                2026-11-29T03:40:34.100000000Z Started ShopApplication
                2026-11-29T03:40:36.300000000Z GET /api/products 200
                """);
        log.add("shop-monolith-2", """
                2026-11-29T03:40:35.200000000Z Started ShopApplication
                2026-11-29T03:40:36.250000000Z POST /api/orders 201
                """);

        assertThat(log.text()).isEqualTo("""
                shop-monolith-1 | Started ShopApplication
                shop-monolith-2 | Started ShopApplication
                shop-monolith-2 | POST /api/orders 201
                shop-monolith-1 | GET /api/products 200
                """);
    }

    @Test
    void linesWrittenAtTheSameInstantKeepTheOrderTheyWereAddedIn() {
        MergedLog log = new MergedLog();
        log.add("a", "2026-11-29T03:40:34Z first\n2026-11-29T03:40:34Z second\n");
        log.add("b", "2026-11-29T03:40:34Z third\n");

        assertThat(log.text()).isEqualTo("a | first\na | second\nb | third\n");
    }

    @Test
    void aLineWithoutATimestampStaysAfterItsContainersLineBefore() {
        MergedLog log = new MergedLog();
        log.add("nginx", "2026-11-29T03:40:30Z reload\n(logs unavailable: connection reset)\n");
        log.add("postgres", "2026-11-29T03:40:31Z checkpoint\n");
        log.add("haproxy", "(logs unavailable: no such container)\n");

        assertThat(log.text()).isEqualTo("""
                haproxy | (logs unavailable: no such container)
                nginx | reload
                nginx | (logs unavailable: connection reset)
                postgres | checkpoint
                """);
    }

    @Test
    void emptyLinesAndATimestampAloneStayLines() {
        MergedLog log = new MergedLog();
        log.add("a", "2026-11-29T03:40:34Z \n2026-11-29T03:40:35Z\n");

        assertThat(log.text()).isEqualTo("a | \na | \n");
        assertThat(new MergedLog().text()).isEmpty();
    }
}
