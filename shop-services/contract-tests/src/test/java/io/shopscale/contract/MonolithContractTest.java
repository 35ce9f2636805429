package io.shopscale.contract;

/** The contract against the five modules in one process. */
class MonolithContractTest extends ShopContract {

    @Override
    RunningShop startShop() {
        return new MonolithShop();
    }
}
