package io.saaskit.adapters.jdbc;

/**
 * Options of the PostgreSQL adapter, bridged from the starter's {@code saaskit.jdbc.*} properties.
 *
 * @param rowLevelSecurity whether tenant-scoped statements run as the {@code saaskit_tenant} role so that
 *                         PostgreSQL row-level security backs up the {@code org_id} filters; switch it off only when
 *                         the database user cannot create or assume that role
 */
public record JdbcSettings(boolean rowLevelSecurity) {

    /**
     * The recommended settings: row-level security on.
     * @return the defaults
     */
    public static JdbcSettings defaults() {
        return new JdbcSettings(true);
    }
}
