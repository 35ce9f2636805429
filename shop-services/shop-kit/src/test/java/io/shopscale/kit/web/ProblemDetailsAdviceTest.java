package io.shopscale.kit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchRuntimeException;

import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;


import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.AbstractDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

/** What a request answers when the database is away, from the exceptions Spring really throws then. */
class ProblemDetailsAdviceTest {

    /**
     * PostgreSQL ends the connection in the middle of a transaction (a restart, or HAProxy going away): a query fails,
     * and then so does the rollback, because the pool has already closed the broken connection and says so without an
     * SQL state. Seen on a real stack; this connection replays what PostgreSQL and HikariCP answered there.
     */
    private static final DataSource DYING = new AbstractDataSource() {
        @Override
        public Connection getConnection() {
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getAutoCommit", "isReadOnly" -> false;
                        case "prepareStatement" -> throw new SQLException(
                                "FATAL: terminating connection due to administrator command", "57P01");
                        case "rollback" -> throw new SQLException("Connection is closed");
                        default -> null;
                    });
        }

        @Override
        public Connection getConnection(String username, String password) {
            return getConnection();
        }
    };

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

    @Test
    void aTransactionWhoseConnectionDiesAnswers503ThoughItsRollbackFailsToo() throws Exception {
        RuntimeException failure = catchRuntimeException(() -> new TransactionTemplate(
                new JdbcTransactionManager(DYING)).execute(status -> JdbcClient.create(DYING).sql("select 1")
                        .query(Integer.class).single()));

        assertThat(failure).isInstanceOf(TransactionSystemException.class).hasMessage("JDBC rollback failed");
        assertAnswers503((TransactionSystemException) failure);
    }

    /** A transaction that only asked to be rolled back, whose rollback then found the connection gone. */
    @Test
    void aRollbackOnlyTransactionWhoseConnectionDiesAnswers503() throws Exception {
        RuntimeException failure = catchRuntimeException(() -> new TransactionTemplate(
                new JdbcTransactionManager(DYING)).execute(status -> {
                    status.setRollbackOnly();
                    return 1;
                }));

        assertThat(failure).isInstanceOf(TransactionSystemException.class).hasMessage("JDBC rollback failed");
        assertThat(((TransactionSystemException) failure).getApplicationException()).isNull();
        assertAnswers503((TransactionSystemException) failure);
    }

    private void assertAnswers503(TransactionSystemException failure) throws Exception {
        ResponseEntity<ProblemDetail> answer = advice.transactionFailed(failure);
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getBody().getDetail()).contains("Nothing was changed");
    }

    @Test
    void aCommitThatFailsIsNotCalledHarmless() throws Exception {
        ResponseEntity<ProblemDetail> answer = advice.transactionFailed(
                new TransactionSystemException("JDBC commit failed", new SQLException("Connection is closed")));
        assertThat(answer.getStatusCode().value()).isEqualTo(500);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
