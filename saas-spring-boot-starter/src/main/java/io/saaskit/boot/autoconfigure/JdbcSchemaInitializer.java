package io.saaskit.boot.autoconfigure;

import io.saaskit.adapters.jdbc.JdbcSchemaMigrator;

import org.springframework.beans.factory.InitializingBean;

/**
 * Brings the saaskit schema up to date while the application context starts, before any repository bean exists.
 *
 * <p>The JDBC repositories of {@link SaasJdbcAutoConfiguration} depend on this bean, so a repository is never used
 * against a schema older than its code. With {@code saaskit.jdbc.migrate-on-start=false} nothing is migrated (the
 * operator runs migrations separately) and only the row-level security check runs.
 */
final class JdbcSchemaInitializer implements InitializingBean {

    private final JdbcSchemaMigrator migrator;

    private final boolean migrateOnStart;

    JdbcSchemaInitializer(JdbcSchemaMigrator migrator, boolean migrateOnStart) {
        this.migrator = migrator;
        this.migrateOnStart = migrateOnStart;
    }

    @Override
    public void afterPropertiesSet() {
        if (this.migrateOnStart) {
            this.migrator.migrate();
        }
        else {
            this.migrator.checkRowLevelSecurity();
        }
    }
}
