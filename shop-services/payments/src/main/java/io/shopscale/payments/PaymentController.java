package io.shopscale.payments;

import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.shopscale.kit.api.PaymentsApi;
import io.shopscale.kit.api.PaymentsApi.Payment;
import io.shopscale.kit.client.InternalPaths;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The provider's side of {@link PaymentsApi} for services that reach it over HTTP, and its demo settings. */
@RestController
class PaymentController {

    private final PaymentProvider provider;

    PaymentController(PaymentProvider provider) {
        this.provider = provider;
    }

    @PostMapping(InternalPaths.PAYMENTS_CHARGES)
    Payment charge(@Valid @RequestBody ChargeRequest request) {
        return provider.charge(new PaymentsApi.Charge(request.key(), request.payerId(), request.amountCents()));
    }

    @GetMapping(InternalPaths.PAYMENTS_SIMULATION)
    Simulation simulation() {
        return provider.simulation();
    }

    @PutMapping(InternalPaths.PAYMENTS_SIMULATION)
    Simulation simulate(@Valid @RequestBody Simulation simulation) {
        provider.simulate(simulation);
        return provider.simulation();
    }

    record ChargeRequest(@NotBlank @Size(max = 200) String key, @NotNull UUID payerId,
            @Min(1) @Max(1_000_000_000L) long amountCents) {
    }
}
