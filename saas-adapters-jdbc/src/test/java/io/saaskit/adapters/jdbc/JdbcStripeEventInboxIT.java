package io.saaskit.adapters.jdbc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.saaskit.core.billing.InboxEvent;
import io.saaskit.core.billing.InboxInsert;
import io.saaskit.core.billing.RejectedInboxEventException;
import io.saaskit.core.billing.StripeEvent;
import io.saaskit.core.billing.StripeWebhookService;
import io.saaskit.core.billing.WebhookInboxWriter;
import io.saaskit.core.billing.port.StripeEventInbox;
import io.saaskit.core.billing.port.StripeEventInboxContractTests;
import io.saaskit.core.jobs.JobRequest;
import io.saaskit.core.shared.GroupCommitSettings;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.testing.BillingFixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The inbox contract on PostgreSQL, plus what only a real database shows: a refused value, and a group-committed
 * batch of webhook deliveries that rolls back and is retried one by one.
 */
class JdbcStripeEventInboxIT extends StripeEventInboxContractTests {

    private final JdbcStripeEventInbox store =
            new JdbcStripeEventInbox(SharedDatabase.get().dataSource(), JdbcSettings.defaults());

    @Override
    protected StripeEventInbox inbox() {
        return this.store;
    }

    @Override
    protected void insert(Organization organization) {
        new JdbcOrganizationRepository(SharedDatabase.get().dataSource(), JdbcSettings.defaults())
                .insert(organization);
    }

    @Test
    void aValuePostgresCannotHoldIsARejectedEventAndNothingIsStored() {
        InboxEvent row = row(BillingFixtures.stripeId("evt"), "{\"nul\":\"\u0000\"}");

        assertThatExceptionOfType(RejectedInboxEventException.class).isThrownBy(() -> this.store.insert(row));
        assertThat(this.store.findByStripeEventId(row.stripeEventId())).isEmpty();
    }

    @Test
    void aBatchOfDeliveriesIsStoredAsEachAloneAndARefusedOneFailsOnlyItself() throws Exception {
        List<JobRequest> jobs = Collections.synchronizedList(new ArrayList<>());
        GroupCommitSettings lingering = new GroupCommitSettings(100, Duration.ofMillis(300), 1,
                Duration.ofSeconds(10));
        String first = BillingFixtures.stripeId("evt");
        String second = BillingFixtures.stripeId("evt");
        InboxEvent delivery = row(first, "{}");
        InboxEvent redelivery = row(first, "{}");
        InboxEvent refused = row(BillingFixtures.stripeId("evt"), "\u0000");
        InboxEvent other = row(second, "{}");
        try (WebhookInboxWriter writer = new WebhookInboxWriter(this.store, jobs::add,
                new JdbcTransactionRunner(SharedDatabase.get().dataSource()), lingering)) {
            List<CompletableFuture<InboxInsert>> outcomes = new ArrayList<>();
            for (InboxEvent row : List.of(delivery, redelivery, refused, other)) {
                outcomes.add(CompletableFuture.supplyAsync(() -> writer.store(row)));
            }

            InboxInsert once = outcomes.get(0).get(10, TimeUnit.SECONDS);
            InboxInsert twice = outcomes.get(1).get(10, TimeUnit.SECONDS);
            assertThat(outcomes.get(3).get(10, TimeUnit.SECONDS)).isEqualTo(new InboxInsert.Stored(other.id()));
            assertThat(outcomes.get(2)).failsWithin(Duration.ofSeconds(10)).withThrowableThat().havingCause()
                    .isInstanceOf(RejectedInboxEventException.class);
            // Whichever of the two deliveries of one event came first stored it; the other is its duplicate.
            UUID firstRow = this.store.findByStripeEventId(first).orElseThrow().id();
            assertThat(firstRow).isIn(delivery.id(), redelivery.id());
            assertThat(List.of(once, twice)).containsExactlyInAnyOrder(new InboxInsert.Stored(firstRow),
                    new InboxInsert.Duplicate(firstRow, false));
            assertThat(jobs).containsExactlyInAnyOrder(StripeWebhookService.job(firstRow),
                    StripeWebhookService.job(other.id()));
        }
        assertThat(this.store.findByStripeEventId(refused.stripeEventId())).isEmpty();
    }

    private InboxEvent row(String stripeEventId, String payload) {
        StripeEvent event = new StripeEvent(stripeEventId, "customer.created", this.clock.instant(), null, false,
                new StripeEvent.EventObject("customer", null, null, null, null, null, null, null, null, null, null));
        return InboxEvent.received(Ids.next(this.clock), event, payload, null, this.clock.instant());
    }
}
