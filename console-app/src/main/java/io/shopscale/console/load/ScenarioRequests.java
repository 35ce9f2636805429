package io.shopscale.console.load;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Turns a scenario into a concrete request against the seeded catalog. Owned by the scheduler thread: not
 * thread-safe, and deterministic for a given seed apart from the idempotency keys.
 */
final class ScenarioRequests {

    /** The catalog is seeded with products 1 to 240. */
    static final int PRODUCTS = 240;
    static final int PAGE_SIZE = 20;
    /** Words that each match several product names. */
    static final List<String> SEARCH_WORDS = List.of("tent", "lamp", "kettle", "backpack", "speaker", "drill",
            "lantern", "thermos", "blender", "skillet", "keyboard", "headphones");

    private final List<Shopper> shoppers;
    private final SplittableRandom random;

    ScenarioRequests(List<Shopper> shoppers, long seed) {
        this.shoppers = List.copyOf(shoppers);
        this.random = new SplittableRandom(seed);
    }

    double nextUniform() {
        return random.nextDouble();
    }

    ScenarioCall next(Scenario scenario) {
        return switch (scenario) {
            case BROWSE -> call(scenario, ShopRequest.get("/api/catalog/products?page="
                    + random.nextInt(PRODUCTS / PAGE_SIZE) + "&size=" + PAGE_SIZE));
            case SEARCH -> call(scenario, ShopRequest.get("/api/catalog/products?q="
                    + SEARCH_WORDS.get(random.nextInt(SEARCH_WORDS.size())) + "&page=0&size=" + PAGE_SIZE));
            case DETAIL -> call(scenario, ShopRequest.get("/api/catalog/products/" + productId()));
            case LOGIN -> login();
            case ORDER -> order();
        };
    }

    static ShopRequest loginRequest(Shopper shopper) {
        return ShopRequest.post("/api/sso/login", ShopJson.write(new ShopJson.Login(shopper.email(),
                shopper.password()))).keepingBody();
    }

    private ScenarioCall login() {
        Shopper shopper = shopper();
        return new ScenarioCall(Scenario.LOGIN, loginRequest(shopper), shopper);
    }

    private ScenarioCall order() {
        int lines = 1 + random.nextInt(3);
        List<ShopJson.Item> items = new ArrayList<>(lines);
        for (int line = 0; line < lines; line++) {
            items.add(new ShopJson.Item(productId(), 1 + random.nextInt(2)));
        }
        ShopRequest request = ShopRequest.post("/api/orders", ShopJson.write(new ShopJson.Order(items)))
                .withBearer(shopper().token())
                // A fresh key per order: each order is new; the key only makes a retried order safe.
                .withIdempotencyKey(UUID.randomUUID().toString());
        return call(Scenario.ORDER, request);
    }

    private long productId() {
        return 1 + random.nextInt(PRODUCTS);
    }

    private Shopper shopper() {
        return shoppers.get(random.nextInt(shoppers.size()));
    }

    private static ScenarioCall call(Scenario scenario, ShopRequest request) {
        return new ScenarioCall(scenario, request, null);
    }
}
