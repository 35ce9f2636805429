package io.shopscale.kit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchRuntimeException;

import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** What a request answers when the database is away, from the exceptions Spring really throws then. */
class ProblemDetailsAdviceTest {

    private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice();

    @Test
    void aQueryOrATransactionThatCannotReachTheDatabaseAnswers503() throws Exception {
        DriverManagerDataSource away = new DriverManagerDataSource(
                "jdbc:postgresql://127.0.0.1:" + closedPort() + "/shop?connectTimeout=2", "shop", "none");

        RuntimeException query = catchRuntimeException(
                () -> JdbcClient.create(away).sql("select 1").query(Integer.class).single());
        // What Spring Boot's JdbcTransactionManager throws when no connection comes for the transaction.
        RuntimeException begin = catchRuntimeException(
                () -> new TransactionTemplate(new JdbcTransactionManager(away)).execute(status -> 1));

        for (RuntimeException failure : new RuntimeException[] {query, begin}) {
            ResponseEntity<ProblemDetail> answer = advice.databaseUnavailable(failure);
            assertThat(answer.getStatusCode().value()).as(failure.toString()).isEqualTo(503);
            assertThat(answer.getBody().getDetail()).contains("Nothing was changed");
        }
        assertThat(begin.getClass().getSimpleName()).isEqualTo("CannotCreateTransactionException");
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
