package io.saaskit.adapters.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import io.saaskit.core.billing.Subscription;
import io.saaskit.core.billing.port.SubscriptionRepository;
import io.saaskit.core.tenancy.OrgId;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link SubscriptionRepository} on the {@code subscription} table, in the organization's tenant scope; the owner
 * lookup by Stripe id is a declared cross-tenant system path (webhook org resolution). Writes join the caller's
 * transaction.
 */
public final class JdbcSubscriptionRepository implements SubscriptionRepository {

    private static final String COLUMNS = """
            id, org_id, stripe_customer_id, stripe_subscription_id, stripe_price_id, status, current_period_start,
            current_period_end, cancel_at_period_end, state_as_of, created_at, updated_at
            """;

    private static final String LOCK = "select " + COLUMNS + """
              from subscription
             where org_id = :orgId and stripe_subscription_id = :subscriptionId
               for update
            """;

    private static final String UPSERT = """
            insert into subscription (id, org_id, stripe_customer_id, stripe_subscription_id, stripe_price_id, status,
                                      current_period_start, current_period_end, cancel_at_period_end, state_as_of,
                                      created_at, updated_at)
            values (:id, :orgId, :customerId, :subscriptionId, :priceId, :status, :periodStart, :periodEnd,
                    :cancelAtPeriodEnd, :stateAsOf, :createdAt, :updatedAt)
            on conflict (stripe_subscription_id) do update
               set stripe_customer_id = excluded.stripe_customer_id, stripe_price_id = excluded.stripe_price_id,
                   status = excluded.status, current_period_start = excluded.current_period_start,
                   current_period_end = excluded.current_period_end,
                   cancel_at_period_end = excluded.cancel_at_period_end, state_as_of = excluded.state_as_of,
                   updated_at = excluded.updated_at
             where subscription.org_id = excluded.org_id and subscription.state_as_of <= excluded.state_as_of
            """;

    private static final String LIST = "select " + COLUMNS + """
              from subscription
             where org_id = :orgId
             order by created_at desc, id desc
            """;

    private static final String CURRENT = "select " + COLUMNS + """
              from subscription
             where org_id = :orgId
             order by (status in ('canceled', 'incomplete_expired')), created_at desc, id desc
             limit 1
            """;

    private static final String OWNER = """
            select org_id from subscription where stripe_subscription_id = :subscriptionId
            """;

    private final JdbcClient jdbc;
    private final JdbcScopes scopes;

    /**
     * Creates the repository.
     * @param dataSource the database holding the saaskit schema
     * @param settings the adapter settings
     */
    public JdbcSubscriptionRepository(DataSource dataSource, JdbcSettings settings) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
        this.scopes = new JdbcScopes(dataSource, settings);
    }

    @Override
    public Optional<Subscription> lock(OrgId orgId, String stripeSubscriptionId) {
        return this.scopes.tenant(orgId, () -> this.jdbc.sql(LOCK)
                .param("orgId", orgId.value())
                .param("subscriptionId", stripeSubscriptionId)
                .query(JdbcSubscriptionRepository::subscription)
                .optional());
    }

    @Override
    public void save(OrgId orgId, Subscription subscription) {
        if (!subscription.orgId().equals(orgId)) {
            throw new IllegalArgumentException("The subscription belongs to another organization");
        }
        this.scopes.tenant(orgId, () -> this.jdbc.sql(UPSERT)
                .param("id", subscription.id())
                .param("orgId", orgId.value())
                .param("customerId", subscription.stripeCustomerId())
                .param("subscriptionId", subscription.stripeSubscriptionId())
                .param("priceId", subscription.stripePriceId())
                .param("status", subscription.status())
                .param("periodStart", Columns.nullableTimestamp(subscription.currentPeriodStart()))
                .param("periodEnd", Columns.nullableTimestamp(subscription.currentPeriodEnd()))
                .param("cancelAtPeriodEnd", subscription.cancelAtPeriodEnd())
                .param("stateAsOf", Columns.timestamp(subscription.stateAsOf()))
                .param("createdAt", Columns.timestamp(subscription.createdAt()))
                .param("updatedAt", Columns.timestamp(subscription.updatedAt()))
                .update());
    }

    @Override
    public List<Subscription> list(OrgId orgId) {
        return this.scopes.tenant(orgId, () -> this.jdbc.sql(LIST)
                .param("orgId", orgId.value())
                .query(JdbcSubscriptionRepository::subscription)
                .list());
    }

    @Override
    public Optional<Subscription> current(OrgId orgId) {
        return this.scopes.tenant(orgId, () -> this.jdbc.sql(CURRENT)
                .param("orgId", orgId.value())
                .query(JdbcSubscriptionRepository::subscription)
                .optional());
    }

    @Override
    public Optional<OrgId> findOrgId(String stripeSubscriptionId) {
        return this.scopes.system(() -> this.jdbc.sql(OWNER)
                .param("subscriptionId", stripeSubscriptionId)
                .query((row, rowNumber) -> new OrgId(Columns.uuid(row, "org_id")))
                .optional());
    }

    private static Subscription subscription(ResultSet row, int rowNumber) throws SQLException {
        return new Subscription(Columns.uuid(row, "id"), new OrgId(Columns.uuid(row, "org_id")),
                row.getString("stripe_customer_id"), row.getString("stripe_subscription_id"),
                row.getString("stripe_price_id"), row.getString("status"),
                Columns.nullableInstant(row, "current_period_start"),
                Columns.nullableInstant(row, "current_period_end"),
                row.getBoolean("cancel_at_period_end"), Columns.instant(row, "state_as_of"),
                Columns.instant(row, "created_at"), Columns.instant(row, "updated_at"));
    }

    @Override
    public String toString() {
        return "JdbcSubscriptionRepository[" + this.scopes + "]";
    }
}
