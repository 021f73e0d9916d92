package io.saaskit.adapters.jdbc;

import java.util.Objects;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.saaskit.core.shared.port.TransactionRunner;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link TransactionRunner} on a JDBC transaction of the given {@link DataSource}: the repositories of this module
 * use the same connection while the work runs, so they commit or roll back together.
 *
 * <p>A runtime exception thrown by the work rolls the transaction back and propagates unchanged. A nested call, or
 * a call inside a Spring-managed transaction on the same data source, joins the outer transaction.
 */
public final class JdbcTransactionRunner implements TransactionRunner {

    private final TransactionTemplate transactions;

    /**
     * Creates the runner.
     * @param dataSource the database the repositories use
     */
    public JdbcTransactionRunner(DataSource dataSource) {
        this.transactions = new TransactionTemplate(
                new DataSourceTransactionManager(Objects.requireNonNull(dataSource, "dataSource")));
    }

    @Override
    public <T extends @Nullable Object> T inTransaction(Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        return this.transactions.execute(status -> work.get());
    }
}
