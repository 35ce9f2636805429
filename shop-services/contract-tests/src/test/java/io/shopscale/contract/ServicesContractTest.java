package io.shopscale.contract;

/** The contract against the five services wired together over HTTP. */
class ServicesContractTest extends ShopContract {

    @Override
    RunningShop startShop() {
        return new ServicesShop();
    }
}
