package io.shopscale.contract;

import org.junit.jupiter.api.Tag;

/** The contract against the five modules in one process. */
@Tag("docker")
class MonolithContractTest extends ShopContract {

    @Override
    RunningShop startShop() {
        return new MonolithShop();
    }
}
