package io.shopscale.console.engine;

import java.util.List;
import java.util.Optional;

import io.shopscale.console.docker.DockerStack;
import io.shopscale.console.docker.ExecResult;

/**
 * How many order events the outbox relay has parked: events that failed for a reason of their own (an unreadable
 * payload, a refusal by notifications) a few times and were set aside so that the events behind them flow. They
 * stay in {@code orders.outbox} with their reason ({@code last_error}) and attempts until someone looks at them.
 */
final class ParkedEvents {

    static final String QUERY = "select count(*) from orders.outbox where parked_at is not null";

    private ParkedEvents() {
    }

    /**
     * Counts them with psql in the stack's PostgreSQL container, as the database owner, over its local socket.
     *
     * @return the count; empty when the database does not answer or has no outbox yet (no orders module has started)
     */
    static Optional<Long> count(DockerStack stack, String postgresContainer) {
        try {
            ExecResult result = stack.exec(postgresContainer, List.of("psql", "-X", "-q", "-t", "-A",
                    "-U", ContainerSpecs.DATABASE_USER, "-d", ContainerSpecs.DATABASE, "-c", QUERY));
            return result.succeeded() ? parse(result.output()) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The number psql printed, alone on its line; empty for anything else (an error message, nothing). */
    static Optional<Long> parse(String output) {
        String text = output.strip();
        return text.matches("\\d{1,18}") ? Optional.of(Long.parseLong(text)) : Optional.empty();
    }
}
