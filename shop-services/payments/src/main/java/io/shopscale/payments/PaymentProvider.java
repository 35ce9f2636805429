package io.shopscale.payments;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.shopscale.kit.api.PaymentsApi;
import io.shopscale.kit.web.RunningRequests;
import io.shopscale.kit.web.ShopProblem;

/** A simulated payment provider, idempotent by key like a real one. */
@Service
class PaymentProvider implements PaymentsApi {

    private final JdbcClient jdbc;

    PaymentProvider(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Payment charge(Charge charge) {
        Simulation simulation = simulation();
        pause(simulation.latencyMs());
        if (ThreadLocalRandom.current().nextDouble() < simulation.failureRate()) {
            throw ShopProblem.unavailable("The payment provider declined to process the charge right now "
                    + "(simulated failure). Nothing was charged; retry with the same Idempotency-Key.");
        }
        return record(charge);
    }

    private Payment record(Charge charge) {
        jdbc.sql("insert into payments.payments (id, idempotency_key, payer_id, amount_cents, status)"
                        + " values (:id, :key, :payer, :amount, 'CAPTURED') on conflict (idempotency_key) do nothing")
                .param("id", UUID.randomUUID())
                .param("key", charge.key())
                .param("payer", charge.payerId())
                .param("amount", charge.amountCents())
                .update();
        StoredPayment stored = jdbc.sql("select id, payer_id, amount_cents, status from payments.payments"
                        + " where idempotency_key = :key")
                .param("key", charge.key())
                .query(StoredPayment.class)
                .single();
        if (!stored.payerId().equals(charge.payerId()) || stored.amountCents() != charge.amountCents()) {
            throw ShopProblem.conflict("Payment key " + charge.key() + " was already used for another charge.");
        }
        return new Payment(stored.id().toString(), charge.key(), stored.amountCents(), stored.status());
    }

    Simulation simulation() {
        return jdbc.sql("select latency_ms, failure_rate from payments.simulation where id = 1")
                .query(Simulation.class)
                .single();
    }

    void simulate(Simulation simulation) {
        jdbc.sql("update payments.simulation set latency_ms = :latency, failure_rate = :rate where id = 1")
                .param("latency", simulation.latencyMs())
                .param("rate", simulation.failureRate())
                .update();
    }

    private static void pause(int millis) {
        if (millis <= 0) {
            return;
        }
        // The simulated provider's answer is a wait outside this replica.
        RunningRequests.giveUpPlace();
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ShopProblem.unavailable("The charge was interrupted; nothing was charged.");
        }
    }

    private record StoredPayment(UUID id, UUID payerId, long amountCents, String status) {
    }
}
