package io.shopscale.contract;

import org.junit.jupiter.api.Tag;

/** The contract against the five services wired together over HTTP. */
@Tag("docker")
class ServicesContractTest extends ShopContract {

    @Override
    RunningShop startShop() {
        return new ServicesShop();
    }
}
