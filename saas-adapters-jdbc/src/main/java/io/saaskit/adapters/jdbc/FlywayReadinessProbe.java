package io.saaskit.adapters.jdbc;

import java.time.Duration;
import java.util.Objects;

import io.saaskit.core.shared.port.ReadinessProbe;

/**
 * {@link ReadinessProbe} named {@code migrations}: up when the saaskit schema has no pending and no failed
 * migrations, so an instance never serves traffic against a schema it does not expect.
 */
public final class FlywayReadinessProbe implements ReadinessProbe {

    private final JdbcSchemaMigrator migrator;
    private final TimeBoundCheck check = new TimeBoundCheck("migrations");

    /**
     * Creates the probe.
     * @param migrator the migrator of the database to check
     */
    public FlywayReadinessProbe(JdbcSchemaMigrator migrator) {
        this.migrator = Objects.requireNonNull(migrator, "migrator");
    }

    @Override
    public String name() {
        return "migrations";
    }

    @Override
    public boolean isUp(Duration timeout) {
        return this.check.passes(timeout, () -> this.migrator.status().isCurrent());
    }
}
