package io.saaskit.adapters.jdbc;

import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.saaskit.adapters.jdbc.testing.TestPostgres;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A fresh database owned by an ordinary (non-superuser, no BYPASSRLS) login role, as in production, so row-level
 * security applies to the application's own connections. A superuser such as the test server's {@code postgres}
 * bypasses row-level security altogether and would prove nothing.
 *
 * @param name the database name
 * @param role the owning role the application connects as
 * @param admin a superuser data source on the same database, for test setup and inspection only
 * @param dataSource a pool of at most {@code poolSize} connections as {@code role}
 */
record OwnedDatabase(String name, String role, DataSource admin, DataSource dataSource) {

    /** A role that may create roles, so the migrations can create and assume {@code saaskit_tenant}. */
    static final String OWNER_ROLE = "saaskit_it_owner";

    /** A role without CREATEROLE and without {@code saaskit_tenant}: it can only run without row-level security. */
    static final String PLAIN_ROLE = "saaskit_it_plain";

    private static final String CREATE_ROLE = """
            DO $$
            BEGIN
                CREATE ROLE %s LOGIN NOSUPERUSER NOBYPASSRLS %s;
            EXCEPTION
                WHEN duplicate_object OR unique_violation THEN NULL;
            END
            $$
            """;

    private static final String GRANT_TENANT_ROLE_IF_PRESENT = """
            DO $$
            BEGIN
                IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'saaskit_tenant') THEN
                    GRANT saaskit_tenant TO %s WITH ADMIN OPTION;
                END IF;
            END
            $$
            """;

    private static final String REVOKE_TENANT_ROLE_IF_PRESENT = """
            DO $$
            BEGIN
                IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'saaskit_tenant') THEN
                    REVOKE saaskit_tenant FROM %s;
                END IF;
            END
            $$
            """;

    /**
     * Creates a database owned by {@link #OWNER_ROLE}, which can assume the tenant role.
     * @param poolSize the pool size of {@link #dataSource()}
     * @return the database, not yet migrated
     */
    static OwnedDatabase withTenantRole(int poolSize) {
        return create(OWNER_ROLE, true, poolSize);
    }

    /**
     * Creates a database owned by {@link #PLAIN_ROLE}, which can neither create nor assume the tenant role.
     * @param poolSize the pool size of {@link #dataSource()}
     * @return the database, not yet migrated
     */
    static OwnedDatabase withoutTenantRole(int poolSize) {
        return create(PLAIN_ROLE, false, poolSize);
    }

    private static OwnedDatabase create(String role, boolean mayUseTenantRole, int poolSize) {
        TestPostgres.Database database = TestPostgres.createDatabase();
        JdbcClient admin = JdbcClient.create(database.dataSource());
        String name = admin.sql("select current_database()").query(String.class).single();
        String password = UUID.randomUUID().toString();
        admin.sql(CREATE_ROLE.formatted(role, mayUseTenantRole ? "CREATEROLE" : "NOCREATEROLE")).update();
        admin.sql("ALTER ROLE " + role + " PASSWORD '" + password + "'").update();
        admin.sql((mayUseTenantRole ? GRANT_TENANT_ROLE_IF_PRESENT : REVOKE_TENANT_ROLE_IF_PRESENT).formatted(role))
                .update();
        admin.sql("ALTER DATABASE " + name + " OWNER TO " + role).update();
        admin.sql("ALTER SCHEMA public OWNER TO " + role).update();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.jdbcUrl());
        config.setUsername(role);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(0);
        config.setIdleTimeout(10_000);
        config.setPoolName(name + "-" + role.toLowerCase(Locale.ROOT));
        return new OwnedDatabase(name, role, database.dataSource(), new HikariDataSource(config));
    }

    /**
     * Migrates the database as its owner.
     * @param settings the adapter settings
     * @return this database
     */
    OwnedDatabase migrated(JdbcSettings settings) {
        new JdbcSchemaMigrator(this.dataSource, settings).migrate();
        return this;
    }
}
