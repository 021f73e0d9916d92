package io.saaskit.adapters.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Creates and upgrades the saaskit schema with a Flyway of its own: scripts from
 * {@code classpath:io/saaskit/adapters/jdbc/migration}, history in {@code saaskit_schema_history}. The host
 * application's own migrations, and its Flyway history table, are never touched, and a schema that already holds
 * the host's tables is accepted (saaskit's history starts at a version-0 baseline).
 *
 * <p>The migrations create the {@code saaskit_tenant} role when the database user may, and put every tenant-owned
 * table under forced row-level security. {@link #migrate()} logs one warning at startup when row-level security is
 * switched off, or switched on but the database user cannot assume that role, and one when the database user is a
 * superuser or has {@code BYPASSRLS}: policies then bind only the tenant-scoped transactions, which switch to that
 * role, not the user's own statements.
 */
public final class JdbcSchemaMigrator {

    /** Where the migration scripts live on the class path. */
    public static final String LOCATION = "classpath:io/saaskit/adapters/jdbc/migration";

    /** The history table of saaskit's migrations. */
    public static final String HISTORY_TABLE = "saaskit_schema_history";

    /** The role tenant-scoped transactions switch to. */
    public static final String TENANT_ROLE = "saaskit_tenant";

    private static final Log logger = LogFactory.getLog(JdbcSchemaMigrator.class);

    private static final String CAN_ASSUME_TENANT_ROLE = """
            select exists (select from pg_roles where rolname = 'saaskit_tenant')
                   and pg_has_role(current_user, 'saaskit_tenant', 'MEMBER')
            """;

    private static final String BYPASSES_ROW_LEVEL_SECURITY = """
            select coalesce((select rolsuper or rolbypassrls from pg_roles where rolname = current_user), false)
            """;

    private static final String CANNOT_ASSUME_TENANT_ROLE_WARNING = "The database user cannot assume the role "
            + TENANT_ROLE + ", so tenant-scoped statements will fail: create the role and grant it to the user, or "
            + "switch saaskit row-level security off (saaskit.jdbc.row-level-security=false)";

    private static final String BYPASSES_ROW_LEVEL_SECURITY_WARNING = "The database user is a superuser or has "
            + "BYPASSRLS, so row-level security is enforced only inside tenant-scoped transactions (which switch to "
            + "the role " + TENANT_ROLE + "), not on the user's other statements: run saaskit as an ordinary role "
            + "(NOSUPERUSER NOBYPASSRLS) that owns the saaskit schema";

    private final Flyway flyway;
    private final JdbcClient jdbc;
    private final JdbcSettings settings;
    private final AtomicBoolean rowLevelSecurityChecked = new AtomicBoolean();

    /**
     * Creates a migrator with row-level security on.
     * @param dataSource the database to migrate, connected as the user the application runs as
     */
    public JdbcSchemaMigrator(DataSource dataSource) {
        this(dataSource, JdbcSettings.defaults());
    }

    /**
     * Creates a migrator.
     * @param dataSource the database to migrate, connected as the user the application runs as
     * @param settings the adapter settings, used to check that row-level security can work as configured
     */
    public JdbcSchemaMigrator(DataSource dataSource, JdbcSettings settings) {
        Objects.requireNonNull(dataSource, "dataSource");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.jdbc = JdbcClient.create(dataSource);
        this.flyway = Flyway.configure(JdbcSchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("saaskit baseline")
                .placeholderReplacement(false)
                .failOnMissingLocations(true)
                .load();
    }

    /**
     * Applies every pending migration, then checks (once) whether row-level security can work as configured.
     * @return how many migrations were applied
     */
    public int migrate() {
        int applied = this.flyway.migrate().migrationsExecuted;
        checkRowLevelSecurity();
        return applied;
    }

    /**
     * Reports pending and failed migrations without changing anything.
     * @return the status
     */
    public MigrationStatus status() {
        MigrationInfoService info = this.flyway.info();
        int applied = 0;
        int failed = 0;
        for (MigrationInfo migration : info.all()) {
            MigrationState state = migration.getState();
            if (state.isFailed()) {
                failed++;
            }
            else if (state.isApplied() && migration.getVersion() != null
                    && !"0".equals(migration.getVersion().getVersion())) {
                applied++;
            }
        }
        return new MigrationStatus(applied, info.pending().length, failed);
    }

    /**
     * Logs a warning when row-level security is switched off, or is on but the database user cannot assume the
     * tenant role (tenant-scoped statements would then fail). Runs once per migrator; {@link #migrate()} calls it,
     * and an application that does not migrate on start may call it itself.
     */
    public void checkRowLevelSecurity() {
        if (!this.rowLevelSecurityChecked.compareAndSet(false, true)) {
            return;
        }
        if (!this.settings.rowLevelSecurity()) {
            logger.warn("saaskit row-level security is switched off: tenant isolation relies on the org_id filters "
                    + "of the queries alone");
            return;
        }
        rowLevelSecurityWarnings().forEach(logger::warn);
    }

    /**
     * The problems with row-level security as configured for this database user; empty when it works as intended.
     * Unlike {@link #checkRowLevelSecurity()} this asks the database on every call and logs nothing.
     * @return the warnings
     */
    List<String> rowLevelSecurityWarnings() {
        List<String> warnings = new ArrayList<>();
        Boolean canAssume = this.jdbc.sql(CAN_ASSUME_TENANT_ROLE).query(Boolean.class).single();
        if (!Boolean.TRUE.equals(canAssume)) {
            warnings.add(CANNOT_ASSUME_TENANT_ROLE_WARNING);
        }
        Boolean bypasses = this.jdbc.sql(BYPASSES_ROW_LEVEL_SECURITY).query(Boolean.class).single();
        if (Boolean.TRUE.equals(bypasses)) {
            warnings.add(BYPASSES_ROW_LEVEL_SECURITY_WARNING);
        }
        return warnings;
    }
}
