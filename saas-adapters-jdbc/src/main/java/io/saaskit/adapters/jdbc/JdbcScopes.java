package io.saaskit.adapters.jdbc;

import java.util.Objects;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.saaskit.core.tenancy.OrgId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs repository work inside a transaction whose row-level security context says whom it is for: one tenant, or
 * an explicitly declared cross-tenant system path.
 *
 * <p>A tenant scope switches to the {@code saaskit_tenant} role and sets {@code app.org_id}; a system scope returns
 * to the connection's own role and sets {@code app.system}. Both use {@code set_config(..., true)}, which lasts only
 * until the transaction ends, so nothing leaks to the next borrower of a pooled connection. The work joins the
 * caller's Spring-managed transaction on the same {@link DataSource}, or gets one of its own. The scope last applied
 * is remembered for the rest of the transaction, so consecutive calls for the same scope cost no extra round trip.
 *
 * <p>A transaction that declares neither sees no rows of a protected table, even as the table owner, unless the
 * connection's role is a superuser or has {@code BYPASSRLS}: such a role bypasses every policy, so only the tenant
 * scopes (which switch to {@code saaskit_tenant}) are bound by them, and {@link JdbcSchemaMigrator} warns about it
 * at startup. With row-level security switched off ({@link JdbcSettings#rowLevelSecurity()}) no role is switched
 * and both scopes declare the system marker, so the owner's policy admits the statements and the {@code org_id}
 * filters alone isolate tenants.
 */
final class JdbcScopes {

    private static final String ENTER_TENANT = """
            select set_config('role', 'saaskit_tenant', true), set_config('app.org_id', ?, true)
            """;

    private static final String ENTER_TENANT_WITHOUT_ROLE = """
            select set_config('app.system', 'on', true), set_config('app.org_id', ?, true)
            """;

    private static final String ENTER_SYSTEM = """
            select set_config('role', 'none', true), set_config('app.system', 'on', true),
                   set_config('app.org_id', '', true)
            """;

    private static final String ENTER_SYSTEM_WITHOUT_ROLE = """
            select set_config('app.system', 'on', true), set_config('app.org_id', '', true)
            """;

    private static final Scope SYSTEM = new Scope(null);

    private static final ResultSetExtractor<@Nullable Void> IGNORE_RESULT = (rs) -> null;

    private final DataSource dataSource;
    private final JdbcSettings settings;
    private final JdbcTemplate template;
    private final TransactionTemplate transactions;
    private final ScopeKey key;

    JdbcScopes(DataSource dataSource, JdbcSettings settings) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.template = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.key = new ScopeKey(dataSource);
    }

    /**
     * Runs work for one organization: with row-level security on, as the tenant role that sees only its rows.
     * @param orgId the organization
     * @param work the statements
     * @param <T> the result type
     * @return what the work returned
     */
    <T> T tenant(OrgId orgId, Supplier<T> work) {
        return within(new Scope(orgId), work);
    }

    /**
     * Runs work that legitimately spans organizations (a user's membership list, lookups by secret hash).
     * @param work the statements
     * @param <T> the result type
     * @return what the work returned
     */
    <T> T system(Supplier<T> work) {
        return within(SYSTEM, work);
    }

    /**
     * The statement that enters one organization's tenant scope, for a statement string that carries its own scope
     * ahead of its work so that both go to the server in one round trip (the caller runs them in one transaction,
     * for example the implicit one of an auto-commit call).
     * @return SQL with one parameter: the organization's id as text
     */
    String enterTenantStatement() {
        return this.settings.rowLevelSecurity() ? ENTER_TENANT : ENTER_TENANT_WITHOUT_ROLE;
    }

    private <T> T within(Scope scope, Supplier<T> work) {
        return this.transactions.execute(status -> {
            enter(scope);
            return work.get();
        });
    }

    private void enter(Scope scope) {
        ScopeHolder holder = (ScopeHolder) TransactionSynchronizationManager.getResource(this.key);
        if (holder != null && scope.equals(holder.current())) {
            return;
        }
        apply(scope);
        if (holder == null) {
            ScopeHolder bound = new ScopeHolder(scope);
            TransactionSynchronizationManager.bindResource(this.key, bound);
            TransactionSynchronizationManager.registerSynchronization(new ScopeSynchronization(this.key, bound));
        }
        else {
            holder.remember(scope);
        }
    }

    private void apply(Scope scope) {
        OrgId tenant = scope.tenant();
        // Straight through JdbcTemplate: this runs at the start of every transaction, and building named-parameter
        // maps and row lists for a result nobody reads was a measurable share of a metered request.
        if (tenant == null) {
            this.template.query(this.settings.rowLevelSecurity() ? ENTER_SYSTEM : ENTER_SYSTEM_WITHOUT_ROLE,
                    IGNORE_RESULT);
        }
        else {
            this.template.query(enterTenantStatement(), IGNORE_RESULT, tenant.value().toString());
        }
    }

    @Override
    public String toString() {
        return "JdbcScopes[" + this.dataSource + ", " + this.settings + "]";
    }

    /** The security context of a transaction: one tenant, or the system when {@code tenant} is null. */
    private record Scope(@Nullable OrgId tenant) {
    }

    /** Key of the remembered scope among the transaction's resources, one per data source. */
    private record ScopeKey(DataSource dataSource) {
    }

    /** The scope currently applied to the transaction's connection, or null when unknown. */
    private static final class ScopeHolder {

        private @Nullable Scope current;

        ScopeHolder(Scope current) {
            this.current = current;
        }

        @Nullable Scope current() {
            return this.current;
        }

        void remember(Scope scope) {
            this.current = scope;
        }

        void forget() {
            this.current = null;
        }
    }

    /**
     * Forgets the scope when the transaction ends or rolls back to a savepoint (which also undoes
     * {@code set_config}), and hides it while the transaction is suspended.
     */
    private static final class ScopeSynchronization implements TransactionSynchronization {

        private final ScopeKey key;
        private final ScopeHolder holder;

        ScopeSynchronization(ScopeKey key, ScopeHolder holder) {
            this.key = key;
            this.holder = holder;
        }

        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResourceIfPossible(this.key);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(this.key, this.holder);
        }

        @Override
        public void savepointRollback(Object savepoint) {
            this.holder.forget();
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(this.key);
        }
    }
}
