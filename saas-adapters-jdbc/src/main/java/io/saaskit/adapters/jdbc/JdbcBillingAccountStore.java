package io.saaskit.adapters.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import io.saaskit.core.billing.BillingAccount;
import io.saaskit.core.billing.port.BillingAccountStore;
import io.saaskit.core.tenancy.OrgId;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link BillingAccountStore} on {@code organization.stripe_customer_id}. Reads and the lock run in the
 * organization's tenant scope; linking a customer, finding a customer's organization and listing every linked
 * organization are declared cross-tenant system paths (a customer id is unique across organizations). Writes join
 * the caller's transaction.
 */
public final class JdbcBillingAccountStore implements BillingAccountStore {

    private static final String SELECT = """
            select id, stripe_customer_id from organization where id = :id
            """;

    private static final String LINK = """
            update organization
               set stripe_customer_id = :customerId, updated_at = :now
             where id = :id and stripe_customer_id is null
               and not exists (select from organization other where other.stripe_customer_id = :customerId)
            """;

    private static final String OWNER = """
            select id from organization where stripe_customer_id = :customerId
            """;

    private static final String WITH_CUSTOMER = """
            select id, stripe_customer_id from organization where stripe_customer_id is not null order by id
            """;

    private final JdbcClient jdbc;
    private final JdbcScopes scopes;

    /**
     * Creates the store.
     * @param dataSource the database holding the saaskit schema
     * @param settings the adapter settings
     */
    public JdbcBillingAccountStore(DataSource dataSource, JdbcSettings settings) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
        this.scopes = new JdbcScopes(dataSource, settings);
    }

    @Override
    public Optional<BillingAccount> find(OrgId orgId) {
        return this.scopes.tenant(orgId, () -> this.jdbc.sql(SELECT).param("id", orgId.value())
                .query(JdbcBillingAccountStore::account).optional());
    }

    @Override
    public Optional<BillingAccount> lock(OrgId orgId) {
        return this.scopes.tenant(orgId, () -> this.jdbc.sql(SELECT + " for update").param("id", orgId.value())
                .query(JdbcBillingAccountStore::account).optional());
    }

    @Override
    public boolean linkCustomer(OrgId orgId, String stripeCustomerId, Instant now) {
        Integer updated = this.scopes.system(() -> this.jdbc.sql(LINK)
                .param("id", orgId.value())
                .param("customerId", stripeCustomerId)
                .param("now", Columns.timestamp(now))
                .update());
        return updated != null && updated > 0;
    }

    @Override
    public Optional<OrgId> findOrgId(String stripeCustomerId) {
        return this.scopes.system(() -> this.jdbc.sql(OWNER).param("customerId", stripeCustomerId)
                .query((row, rowNumber) -> new OrgId(Columns.uuid(row, "id"))).optional());
    }

    @Override
    public List<BillingAccount> withCustomer() {
        return this.scopes.system(() -> this.jdbc.sql(WITH_CUSTOMER).query(JdbcBillingAccountStore::account).list());
    }

    private static BillingAccount account(ResultSet row, int rowNumber) throws SQLException {
        return new BillingAccount(new OrgId(Columns.uuid(row, "id")), row.getString("stripe_customer_id"));
    }

    @Override
    public String toString() {
        return "JdbcBillingAccountStore[" + this.scopes + "]";
    }
}
