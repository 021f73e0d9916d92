package io.saaskit.adapters.jdbc;

/**
 * Where the saaskit schema stands against the migrations shipped in this jar, as reported by
 * {@link JdbcSchemaMigrator#status()} and checked by {@link FlywayReadinessProbe}.
 *
 * @param applied how many migrations have been applied successfully
 * @param pending how many shipped migrations have not been applied yet
 * @param failed how many applied migrations are recorded as failed
 */
public record MigrationStatus(int applied, int pending, int failed) {

    /**
     * Whether the schema is ready for this version of saaskit: nothing pending and nothing failed.
     * @return true when current
     */
    public boolean isCurrent() {
        return this.pending == 0 && this.failed == 0;
    }
}
