package io.saaskit.adapters.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;

import javax.sql.DataSource;

import io.saaskit.core.shared.port.ReadinessProbe;

/**
 * {@link ReadinessProbe} named {@code database}: up when {@code SELECT 1} answers within the timeout, including the
 * wait for a pooled connection.
 */
public final class PostgresReadinessProbe implements ReadinessProbe {

    private final DataSource dataSource;
    private final TimeBoundCheck check = new TimeBoundCheck("database");

    /**
     * Creates the probe.
     * @param dataSource the database to check
     */
    public PostgresReadinessProbe(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public boolean isUp(Duration timeout) {
        return this.check.passes(timeout, () -> selectOne(timeout));
    }

    private boolean selectOne(Duration timeout) throws SQLException {
        try (Connection connection = this.dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            try (ResultSet result = statement.executeQuery("select 1")) {
                return result.next() && result.getInt(1) == 1;
            }
        }
    }
}
