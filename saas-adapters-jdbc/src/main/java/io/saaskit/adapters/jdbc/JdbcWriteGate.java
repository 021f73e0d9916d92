package io.saaskit.adapters.jdbc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import javax.sql.DataSource;

import io.saaskit.core.shared.ServiceUnavailableException;
import io.saaskit.core.shared.WriteGates;
import io.saaskit.core.shared.port.WriteGate;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A {@link WriteGate} in PostgreSQL, for deployments without Redis: one upsert that only replaces a gate whose
 * interval is over, so of concurrent callers exactly one sees its row written.
 *
 * <p>Rows whose interval is over are deleted by {@link #deleteExpired(Instant)}, which the hourly
 * {@code session-cleanup} job calls, so the table holds about one row per key used recently.
 */
public final class JdbcWriteGate implements WriteGate {

    private static final String PASS = """
            insert into write_gate (gate_key, closed_until) values (:key, :until)
            on conflict (gate_key) do update set closed_until = excluded.closed_until
             where write_gate.closed_until <= :now
            returning 1
            """;

    private static final String DELETE_EXPIRED = """
            delete from write_gate where closed_until < :now
            """;

    private final JdbcClient jdbc;

    private final JdbcScopes scopes;

    private final Clock clock;

    /**
     * Creates the gate.
     * @param dataSource the database holding the saaskit schema
     * @param settings the adapter settings
     * @param clock the clock the intervals run on
     */
    public JdbcWriteGate(DataSource dataSource, JdbcSettings settings, Clock clock) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
        this.scopes = new JdbcScopes(dataSource, settings);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean tryPass(String key, Duration interval) {
        WriteGates.check(key, interval);
        Instant now = this.clock.instant();
        try {
            return this.scopes.system(() -> this.jdbc.sql(PASS)
                    .param("key", key)
                    .param("until", Columns.timestamp(now.plus(interval)))
                    .param("now", Columns.timestamp(now))
                    .query().listOfRows().size() == 1);
        }
        catch (DataAccessException ex) {
            throw new ServiceUnavailableException(ex);
        }
    }

    /**
     * Deletes the gates whose interval ended before a time.
     * @param now the current time
     * @return how many rows were deleted
     */
    public int deleteExpired(Instant now) {
        return this.scopes.system(() -> this.jdbc.sql(DELETE_EXPIRED).param("now", Columns.timestamp(now)).update());
    }

    @Override
    public String toString() {
        return "JdbcWriteGate[" + this.scopes + "]";
    }
}
