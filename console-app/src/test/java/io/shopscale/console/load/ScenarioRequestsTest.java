package io.shopscale.console.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ScenarioRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Shopper shopper = shopper();
    private final ScenarioRequests requests = new ScenarioRequests(List.of(shopper), 3);

    @Test
    void ordersBuyOneToThreeProductsOneOrTwoEachWithAFreshKey() throws Exception {
        Set<String> keys = new HashSet<>();
        Set<Integer> lineCounts = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            ShopRequest order = requests.next(Scenario.ORDER).request();

            assertThat(order.method()).isEqualTo("POST");
            assertThat(order.pathAndQuery()).isEqualTo("/api/orders");
            assertThat(order.bearerToken()).isEqualTo("token-1");
            keys.add(order.idempotencyKey());
            JsonNode items = JSON.readTree(order.jsonBody()).path("items");
            lineCounts.add(items.size());
            for (JsonNode item : items) {
                assertThat(item.path("productId").asLong()).isBetween(1L, 240L);
                assertThat(item.path("quantity").asInt()).isBetween(1, 2);
            }
        }
        assertThat(keys).hasSize(500);
        assertThat(lineCounts).containsExactlyInAnyOrder(1, 2, 3);
    }

    @Test
    void catalogRequestsStayInsideTheSeededCatalog() {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            paths.add(requests.next(Scenario.BROWSE).request().pathAndQuery());
            paths.add(requests.next(Scenario.SEARCH).request().pathAndQuery());
            paths.add(requests.next(Scenario.DETAIL).request().pathAndQuery());
        }

        assertThat(paths).allSatisfy(path -> assertThat(path).matches(
                "/api/catalog/products\\?page=([0-9]|1[01])&size=20"
                        + "|/api/catalog/products\\?q=[a-z]+&page=0&size=20"
                        + "|/api/catalog/products/([1-9]|[1-9][0-9]|1[0-9][0-9]|2[0-3][0-9]|240)"));
    }

    @Test
    void aLoginKeepsItsShopperSoTheFreshTokenCanBeStored() throws Exception {
        ScenarioCall login = requests.next(Scenario.LOGIN);

        assertThat(login.shopper()).isSameAs(shopper);
        assertThat(login.request().keepsBody()).isTrue();
        assertThat(JSON.readTree(login.request().jsonBody()).path("email").asText()).isEqualTo(shopper.email());
    }

    @Test
    void theSameSeedMakesTheSameCatalogRequests() {
        ScenarioRequests again = new ScenarioRequests(List.of(shopper), 3);
        ScenarioRequests first = new ScenarioRequests(List.of(shopper), 3);

        for (int i = 0; i < 50; i++) {
            assertThat(again.next(Scenario.DETAIL).request()).isEqualTo(first.next(Scenario.DETAIL).request());
        }
    }

    @Test
    void readsTheTokenOfALoginAndTheDetailOfAProblem() {
        assertThat(ShopJson.token("{\"token\":\"abc\",\"tokenType\":\"Bearer\",\"expiresIn\":3600}")).isEqualTo("abc");
        assertThat(ShopJson.token("{\"tokenType\":\"Bearer\"}")).isNull();
        assertThat(ShopJson.token("<html>")).isNull();
        assertThat(ShopJson.problemDetail("{\"title\":\"Not Found\",\"detail\":\"There is no product with id 0.\"}"))
                .isEqualTo("There is no product with id 0.");
        assertThat(ShopJson.problemDetail("<html>\n502 Bad Gateway</html>")).isEqualTo("<html> 502 Bad Gateway</html>");
    }

    @Test
    void theReplicaHeaderIsShortAndPrintable() {
        assertThat(ReplicaHeader.clean(" shop-catalog-2 ")).isEqualTo("shop-catalog-2");
        assertThat(ReplicaHeader.clean("a\u001b[2Jb")).isEqualTo("a?[2Jb");
        assertThat(ReplicaHeader.clean("x".repeat(200))).hasSize(64);
        assertThat(ReplicaHeader.clean("  ")).isNull();
    }

    private static Shopper shopper() {
        Shopper shopper = new Shopper("load-1@shopscale.test", "password-1");
        shopper.useToken("token-1");
        return shopper;
    }
}
