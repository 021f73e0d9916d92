package io.saaskit.boot.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The PostgreSQL adapter, bound from {@code saaskit.jdbc.*} and bridged into the adapter's
 * {@link io.saaskit.adapters.jdbc.JdbcSettings}.
 *
 * @param enabled Whether the PostgreSQL adapter provides the persistence ports. When false, the application must
 * define them itself.
 * @param migrateOnStart Whether saaskit's Flyway migrations run at startup, before any repository is used.
 * @param rowLevelSecurity Whether tenant transactions switch to the saaskit_tenant role, so that PostgreSQL
 * row-level security backs up the org_id filters. Switch off only when the database user cannot create or assume
 * that role.
 */
@ConfigurationProperties("saaskit.jdbc")
public record SaasJdbcProperties(@DefaultValue("true") boolean enabled, @DefaultValue("true") boolean migrateOnStart,
        @DefaultValue("true") boolean rowLevelSecurity) {
}
