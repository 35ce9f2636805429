package io.shopscale.console.load;

/**
 * A request made for a scenario.
 *
 * @param shopper who logs in, for a login whose token is kept; null otherwise
 */
record ScenarioCall(Scenario scenario, ShopRequest request, Shopper shopper) {
}
