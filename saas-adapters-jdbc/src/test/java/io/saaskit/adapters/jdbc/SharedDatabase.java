package io.saaskit.adapters.jdbc;

import org.jspecify.annotations.Nullable;

/**
 * One migrated database, owned by an ordinary role that can assume the tenant role, shared by the repository
 * contract tests of this JVM: the contracts use fresh ids and emails, so they need no cleanup.
 */
final class SharedDatabase {

    private static @Nullable OwnedDatabase database;

    private SharedDatabase() {
    }

    static synchronized OwnedDatabase get() {
        OwnedDatabase current = database;
        if (current == null) {
            current = OwnedDatabase.withTenantRole(6).migrated(JdbcSettings.defaults());
            database = current;
        }
        return current;
    }
}
