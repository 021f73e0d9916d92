package io.saaskit.adapters.jdbc;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.saaskit.core.billing.InboxEvent;
import io.saaskit.core.billing.InboxState;
import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.testing.BillingFixtures;
import io.saaskit.core.testing.Fixtures;
import io.saaskit.core.testing.MutableClock;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Row-level security backs the billing tables: a deliberately unscoped query run inside one organization's tenant
 * transaction sees only that organization's subscriptions and resolved inbox rows, never another's, and no inbox
 * row whose organization is not known yet.
 */
class BillingRowLevelSecurityIT {

    private final DataSource dataSource = SharedDatabase.get().dataSource();

    private final MutableClock clock = new MutableClock();

    private final JdbcOrganizationRepository organizations = new JdbcOrganizationRepository(this.dataSource,
            JdbcSettings.defaults());

    private final JdbcSubscriptionRepository subscriptions = new JdbcSubscriptionRepository(this.dataSource,
            JdbcSettings.defaults());

    private final JdbcStripeEventInbox inbox = new JdbcStripeEventInbox(this.dataSource, JdbcSettings.defaults());

    private final JdbcScopes scopes = new JdbcScopes(this.dataSource, JdbcSettings.defaults());

    private final JdbcClient jdbc = JdbcClient.create(this.dataSource);

    @Test
    void anUnscopedQueryInATenantTransactionSeesOnlyThatTenantsBillingRows() {
        Organization a = Fixtures.organization(this.clock);
        Organization b = Fixtures.organization(this.clock);
        this.organizations.insert(a);
        this.organizations.insert(b);
        this.subscriptions.save(a.id(), BillingFixtures.subscription(this.clock, a.id(), "active"));
        this.subscriptions.save(b.id(), BillingFixtures.subscription(this.clock, b.id(), "active"));
        Instant now = this.clock.instant();
        InboxEvent ofA = BillingFixtures.inboxEvent(this.clock, "invoice.paid");
        InboxEvent ofB = BillingFixtures.inboxEvent(this.clock, "invoice.paid");
        InboxEvent unresolved = BillingFixtures.inboxEvent(this.clock, "invoice.paid");
        for (InboxEvent event : List.of(ofA, ofB, unresolved)) {
            this.inbox.insert(event);
        }
        this.inbox.complete(ofA.id(), InboxState.PROCESSED, a.id(), now);
        this.inbox.complete(ofB.id(), InboxState.PROCESSED, b.id(), now);

        List<UUID> subscriptionOrgs = this.scopes.tenant(a.id(),
                () -> this.jdbc.sql("select org_id from subscription").query(UUID.class).list());
        List<UUID> inboxRows = this.scopes.tenant(a.id(),
                () -> this.jdbc.sql("select id from stripe_event").query(UUID.class).list());

        assertThat(subscriptionOrgs).isNotEmpty().containsOnly(a.id().value());
        assertThat(inboxRows).containsExactly(ofA.id());
    }
}
