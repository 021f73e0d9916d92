package io.saaskit.adapters.jdbc;

import java.time.Duration;
import java.util.Objects;

import io.saaskit.core.shared.port.ReadinessProbe;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * {@link ReadinessProbe} named {@code migrations}: up when the saaskit schema has no pending and no failed
 * migrations, so an instance never serves traffic against a schema it does not expect. Never throws.
 *
 * <p>Once the schema has been seen current, the probe answers up without asking the database again: migrations do
 * not become pending while this version of the application runs (a new version is a new process, whose probe starts
 * over), and a failed migration stops the startup migration rather than showing up later. Until then each call
 * reads Flyway's history on the caller's thread; like {@link PostgresReadinessProbe} it starts no threads, and a
 * caller that needs a hard time bound runs it under one.
 */
public final class FlywayReadinessProbe implements ReadinessProbe {

    private static final Log logger = LogFactory.getLog(FlywayReadinessProbe.class);

    private final JdbcSchemaMigrator migrator;
    private volatile boolean seenCurrent;

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
        if (this.seenCurrent) {
            return true;
        }
        try {
            boolean current = this.migrator.status().isCurrent();
            this.seenCurrent = current;
            return current;
        }
        catch (RuntimeException ex) {
            logger.debug("Readiness check 'migrations' failed", ex);
            return false;
        }
    }
}
