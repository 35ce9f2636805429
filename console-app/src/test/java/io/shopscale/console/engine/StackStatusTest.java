package io.shopscale.console.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class StackStatusTest {

    private static final List<StackStatus.Replica> CONTAINERS = List.of(
            new StackStatus.Replica("shop-postgres", "postgres", "postgres", 1, "running", true, "172.30.0.2"));

    @Test
    void theTextSaysHowManyOrderEventsAreParkedAndWhereToLook() {
        String text = new StackStatus("shop", "monolith", "http://127.0.0.1:8080/", CONTAINERS, Map.of(), "", 2L).toText();

        assertThat(text).contains("Parked order events: 2 (set aside after repeated failures; see last_error in "
                + "orders.outbox where parked_at is not null)");
        assertThat(new StackStatus("shop", "monolith", "http://127.0.0.1:8080/", CONTAINERS, Map.of(), "", 0L).toText())
                .contains("Parked order events: 0\n");
        assertThat(new StackStatus("shop", "monolith", "http://127.0.0.1:8080/", CONTAINERS).toText())
                .as("unknown when the database was not asked").doesNotContain("Parked");
    }

    @Test
    void scriptsReadTheCountFromTheJson() throws Exception {
        String json = new ObjectMapper().writeValueAsString(
                new StackStatus("shop", "monolith", "http://127.0.0.1:8080/", CONTAINERS, Map.of(), "", 3L));

        assertThat(new ObjectMapper().readTree(json).get("parkedEvents").asLong()).isEqualTo(3);
    }

    @Test
    void onlyABareNumberFromPsqlIsACount() {
        assertThat(ParkedEvents.parse("4\n")).contains(4L);
        assertThat(ParkedEvents.parse("ERROR:  relation \"orders.outbox\" does not exist")).isEmpty();
        assertThat(ParkedEvents.parse("")).isEqualTo(Optional.empty());
    }
}
