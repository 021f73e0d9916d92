package io.saaskit.adapters.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;

import javax.sql.DataSource;

import io.saaskit.core.shared.port.ReadinessProbe;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * {@link ReadinessProbe} named {@code database}: up when {@code SELECT 1} answers, with the timeout as the
 * statement's query timeout. Never throws.
 *
 * <p>The check runs on the caller's thread and starts no threads of its own. Waiting for a pooled connection is
 * bounded by the pool's own connection timeout, not by this probe, so a caller that needs a hard bound runs the
 * probe under one, as saaskit's {@code /ready} does (it runs every probe on a small bounded executor and counts an
 * overrun as down).
 */
public final class PostgresReadinessProbe implements ReadinessProbe {

    private static final Log logger = LogFactory.getLog(PostgresReadinessProbe.class);

    private final DataSource dataSource;

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
        try {
            return selectOne(timeout);
        }
        catch (SQLException | RuntimeException ex) {
            logger.debug("Readiness check 'database' failed", ex);
            return false;
        }
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
