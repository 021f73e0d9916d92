package io.saaskit.adapters.jdbc;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

import javax.sql.DataSource;

import io.saaskit.core.jobs.port.SchedulerLockStore;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link SchedulerLockStore} on the PostgreSQL table {@code scheduler_lock} (migration V8), shared by every instance
 * on the database. Taking a trigger is one conditional {@code UPDATE}; the row lock makes racing instances wait, and
 * the loser then sees the moved trigger and updates nothing. Statements run on the caller's connection, so inside a
 * {@link JdbcTransactionRunner} the trigger is taken together with the enqueueing of its job (with the PostgreSQL
 * job queue, in one transaction).
 */
public final class JdbcSchedulerLockStore implements SchedulerLockStore {

    private static final String UPSERT = """
            insert into scheduler_lock as lock (name, expression, next_fire_at, updated_at)
            values (:name, :expression, :proposed, :now)
            on conflict (name) do update
               set expression = excluded.expression, next_fire_at = excluded.next_fire_at,
                   updated_at = excluded.updated_at
             where lock.expression <> excluded.expression
            """;

    private static final String SELECT = """
            select next_fire_at from scheduler_lock where name = :name
            """;

    private static final String ADVANCE = """
            update scheduler_lock set next_fire_at = :next, updated_at = :now
             where name = :name and next_fire_at = :expected
            """;

    private final JdbcClient jdbc;
    private final Clock clock;

    /**
     * Creates the store.
     * @param dataSource the database holding the saaskit schema (migration V8)
     * @param clock stamps the rows' update times
     */
    public JdbcSchedulerLockStore(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Instant nextTrigger(String name, String expression, Instant proposed) {
        this.jdbc.sql(UPSERT)
                .param("name", name)
                .param("expression", expression)
                .param("proposed", Columns.timestamp(proposed))
                .param("now", Columns.timestamp(this.clock.instant()))
                .update();
        return this.jdbc.sql(SELECT)
                .param("name", name)
                .query((row, rowNumber) -> Columns.instant(row, "next_fire_at"))
                .single();
    }

    @Override
    public boolean advance(String name, Instant expected, Instant next) {
        return this.jdbc.sql(ADVANCE)
                .param("name", name)
                .param("expected", Columns.timestamp(expected))
                .param("next", Columns.timestamp(next))
                .param("now", Columns.timestamp(this.clock.instant()))
                .update() == 1;
    }

    @Override
    public String toString() {
        return "JdbcSchedulerLockStore";
    }
}
