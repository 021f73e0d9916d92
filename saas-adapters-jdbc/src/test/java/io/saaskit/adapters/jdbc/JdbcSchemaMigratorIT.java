package io.saaskit.adapters.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.saaskit.adapters.jdbc.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcSchemaMigratorIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Test
    void freshDatabaseIsPendingUntilMigratedAndCurrentAfterwards() {
        DataSource dataSource = TestPostgres.createDatabase().dataSource();
        JdbcSchemaMigrator migrator = new JdbcSchemaMigrator(dataSource);
        FlywayReadinessProbe probe = new FlywayReadinessProbe(migrator);

        MigrationStatus before = migrator.status();
        boolean upBefore = probe.isUp(TIMEOUT);
        int applied = migrator.migrate();
        MigrationStatus after = migrator.status();

        assertThat(before.pending()).isPositive();
        assertThat(before.isCurrent()).isFalse();
        assertThat(upBefore).isFalse();
        assertThat(applied).isEqualTo(before.pending());
        assertThat(after).isEqualTo(new MigrationStatus(applied, 0, 0));
        assertThat(probe.isUp(TIMEOUT)).isTrue();
        assertThat(probe.name()).isEqualTo("migrations");
        assertThat(migrator.migrate()).as("second run").isZero();
    }

    @Test
    void schemaHoldingTheHostApplicationsTablesIsMigratedWithoutTouchingThem() {
        DataSource dataSource = TestPostgres.createDatabase().dataSource();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("create table invoice (id bigint primary key, total numeric)").update();
        jdbc.sql("insert into invoice values (1, 9.99)").update();
        jdbc.sql("create table flyway_schema_history (installed_rank int primary key, version text)").update();
        jdbc.sql("insert into flyway_schema_history values (1, '1')").update();

        new JdbcSchemaMigrator(dataSource).migrate();

        assertThat(jdbc.sql("select count(*) from invoice").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select version from flyway_schema_history").query(String.class).list())
                .containsExactly("1");
        assertThat(jdbc.sql("select count(*) from saaskit_schema_history where success").query(Long.class).single())
                .isGreaterThan(1);
        assertThat(jdbc.sql("select to_regclass('membership') is not null").query(Boolean.class).single()).isTrue();
    }

    @Test
    void migrationsOfSeveralDatabasesShareTheClusterWideTenantRole() {
        DataSource first = TestPostgres.createDatabase().dataSource();
        DataSource second = TestPostgres.createDatabase().dataSource();

        new JdbcSchemaMigrator(first).migrate();
        new JdbcSchemaMigrator(second).migrate();

        assertThat(new JdbcSchemaMigrator(second).status().isCurrent()).isTrue();
        assertThat(JdbcClient.create(second).sql("select count(*) from pg_roles where rolname = 'saaskit_tenant'")
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aSuperuserConnectionIsWarnedThatItBypassesRowLevelSecurity() {
        DataSource superuser = TestPostgres.createDatabase().dataSource();
        JdbcSchemaMigrator migrator = new JdbcSchemaMigrator(superuser);
        migrator.migrate();

        assertThat(JdbcClient.create(superuser).sql("select rolsuper from pg_roles where rolname = current_user")
                .query(Boolean.class).single()).as("the test server's user is a superuser").isTrue();
        assertThat(migrator.rowLevelSecurityWarnings()).singleElement().asString()
                .contains("superuser or has BYPASSRLS")
                .contains("only inside tenant-scoped transactions")
                .contains("NOSUPERUSER NOBYPASSRLS");
    }

    @Test
    void anOrdinaryOwnerRoleThatCanAssumeTheTenantRoleGetsNoWarning() {
        OwnedDatabase database = OwnedDatabase.withTenantRole(2).migrated(JdbcSettings.defaults());

        assertThat(new JdbcSchemaMigrator(database.dataSource()).rowLevelSecurityWarnings()).isEmpty();
    }

    @Test
    void databaseProbeIsUpForAReachableDatabase() {
        PostgresReadinessProbe probe = new PostgresReadinessProbe(TestPostgres.createDatabase().dataSource());

        assertThat(probe.name()).isEqualTo("database");
        assertThat(probe.isUp(TIMEOUT)).isTrue();
    }

    @Test
    void probesCheckOnTheCallersThreadWithoutStartingThreads() {
        Set<Thread> connectingThreads = ConcurrentHashMap.newKeySet();
        DataSource recording = delegating(TestPostgres.createDatabase().dataSource(),
                () -> connectingThreads.add(Thread.currentThread()));
        PostgresReadinessProbe database = new PostgresReadinessProbe(recording);
        FlywayReadinessProbe migrations = new FlywayReadinessProbe(new JdbcSchemaMigrator(recording));
        database.isUp(TIMEOUT);
        migrations.isUp(TIMEOUT);

        for (int i = 0; i < 50; i++) {
            assertThat(database.isUp(TIMEOUT)).isTrue();
            assertThat(migrations.isUp(TIMEOUT)).isFalse();
        }

        assertThat(connectingThreads).containsExactly(Thread.currentThread());
    }

    @Test
    void migrationsProbeStopsReadingTheHistoryOnceTheSchemaIsCurrent() {
        AtomicInteger connections = new AtomicInteger();
        DataSource counting = delegating(TestPostgres.createDatabase().dataSource(), connections::incrementAndGet);
        JdbcSchemaMigrator migrator = new JdbcSchemaMigrator(counting);
        FlywayReadinessProbe probe = new FlywayReadinessProbe(migrator);
        migrator.migrate();

        boolean first = probe.isUp(TIMEOUT);
        int afterFirst = connections.get();
        boolean later = true;
        for (int i = 0; i < 20; i++) {
            later &= probe.isUp(TIMEOUT);
        }

        assertThat(first).isTrue();
        assertThat(later).isTrue();
        assertThat(connections.get()).as("connections after the first current status").isEqualTo(afterFirst);
    }

    @Test
    void probesAreDownWithoutThrowingWhenTheDatabaseRefusesConnections() {
        DataSource refusing = failingDataSource();

        assertThat(new PostgresReadinessProbe(refusing).isUp(TIMEOUT)).isFalse();
        assertThat(new FlywayReadinessProbe(new JdbcSchemaMigrator(refusing)).isUp(TIMEOUT)).isFalse();
    }

    /** A data source that runs {@code onConnect} on every {@code getConnection} and delegates everything. */
    private static DataSource delegating(DataSource target, Runnable onConnect) {
        return (DataSource) Proxy.newProxyInstance(JdbcSchemaMigratorIT.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        onConnect.run();
                    }
                    try {
                        return method.invoke(target, args);
                    }
                    catch (InvocationTargetException ex) {
                        throw ex.getCause();
                    }
                });
    }

    private static DataSource failingDataSource() {
        return (DataSource) Proxy.newProxyInstance(JdbcSchemaMigratorIT.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    throw new java.sql.SQLException("connection refused");
                });
    }
}
