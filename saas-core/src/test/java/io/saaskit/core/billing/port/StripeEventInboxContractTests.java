package io.saaskit.core.billing.port;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.saaskit.core.billing.InboxEvent;
import io.saaskit.core.billing.InboxInsert;
import io.saaskit.core.billing.InboxState;
import io.saaskit.core.billing.InboxSummary;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.testing.BillingFixtures;
import io.saaskit.core.testing.Fixtures;
import io.saaskit.core.testing.MutableClock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link StripeEventInbox} must show: an event is stored once (also under concurrent
 * inserts), a dead row is re-armed by a redelivery, claims are exclusive and respect leases and due times, failures
 * and completions are recorded, the dispatcher sees exactly the abandoned or due work, and purging keeps recent and
 * unfinished rows.
 */
public abstract class StripeEventInboxContractTests {

    /** The clock that stamps test records. */
    protected final MutableClock clock = new MutableClock();

    /**
     * The inbox under test.
     * @return the inbox
     */
    protected abstract StripeEventInbox inbox();

    /**
     * Stores an organization, so rows can be linked to it.
     * @param organization the organization
     */
    protected abstract void insert(Organization organization);

    @Test
    void aNewEventIsStoredAsReceivedWithItsRawPayload() {
        InboxEvent event = BillingFixtures.inboxEvent(this.clock, "customer.subscription.updated");

        InboxInsert result = inbox().insert(event);

        assertThat(result).isEqualTo(new InboxInsert.Stored(event.id()));
        InboxEvent stored = inbox().find(event.id()).orElseThrow();
        assertThat(stored.payload()).isEqualTo(event.payload());
        assertThat(stored.state()).isEqualTo(InboxState.RECEIVED);
        assertThat(stored.requestId()).isEqualTo(event.requestId());
        assertThat(inbox().findByStripeEventId(event.stripeEventId())).contains(stored);
    }

    @Test
    void aRedeliveryIsADuplicateOfTheFirstRow() {
        InboxEvent first = BillingFixtures.inboxEvent(this.clock, "invoice.paid");
        inbox().insert(first);
        InboxEvent again = copyWithNewRowId(first);

        InboxInsert result = inbox().insert(again);

        assertThat(result).isEqualTo(new InboxInsert.Duplicate(first.id(), false));
        assertThat(inbox().find(again.id())).isEmpty();
    }

    @Test
    void concurrentFirstDeliveriesStoreOneRow() throws Exception {
        InboxEvent event = BillingFixtures.inboxEvent(this.clock, "invoice.paid");
        int deliveries = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(deliveries);
        try {
            List<Future<InboxInsert>> results = new ArrayList<>();
            for (int i = 0; i < deliveries; i++) {
                InboxEvent copy = copyWithNewRowId(event);
                Callable<InboxInsert> insert = () -> {
                    start.await();
                    return inbox().insert(copy);
                };
                results.add(pool.submit(insert));
            }
            start.countDown();
            int stored = 0;
            for (Future<InboxInsert> result : results) {
                if (result.get() instanceof InboxInsert.Stored) {
                    stored++;
                }
            }
            assertThat(stored).isEqualTo(1);
            assertThat(inbox().findByStripeEventId(event.stripeEventId())).isPresent();
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRedeliveredDeadEventIsRearmed() {
        InboxEvent event = BillingFixtures.inboxEvent(this.clock, "invoice.paid");
        inbox().insert(event);
        inbox().claim(event.id(), this.clock.instant(), this.clock.instant().plusSeconds(300));
        inbox().fail(event.id(), 8, InboxState.DEAD, "boom", null, null);

        InboxInsert result = inbox().insert(copyWithNewRowId(event));

        assertThat(result).isEqualTo(new InboxInsert.Duplicate(event.id(), true));
        InboxEvent rearmed = inbox().find(event.id()).orElseThrow();
        assertThat(rearmed.state()).isEqualTo(InboxState.RECEIVED);
        assertThat(rearmed.attempts()).isZero();
        assertThat(rearmed.requestId()).isEqualTo("redelivery-" + event.requestId());
    }

    @Test
    void eventsInsertedTogetherEachGetTheOutcomeTheyWouldGetAlone() {
        InboxEvent dead = BillingFixtures.inboxEvent(this.clock, "invoice.paid");
        inbox().insert(dead);
        inbox().claim(dead.id(), this.clock.instant(), this.clock.instant().plusSeconds(300));
        inbox().fail(dead.id(), 8, InboxState.DEAD, "boom", null, null);
        InboxEvent kept = BillingFixtures.inboxEvent(this.clock, "invoice.paid");
        inbox().insert(kept);
        InboxEvent fresh = BillingFixtures.inboxEvent(this.clock, "customer.subscription.updated");
        InboxEvent freshAgain = copyWithNewRowId(fresh);
        InboxEvent other = BillingFixtures.inboxEvent(this.clock, "invoice.payment_failed");

        List<InboxInsert> results = inbox().insertAll(List.of(fresh, copyWithNewRowId(dead), freshAgain,
                copyWithNewRowId(kept), other));

        assertThat(results).containsExactly(new InboxInsert.Stored(fresh.id()), new InboxInsert.Duplicate(dead.id(),
                true), new InboxInsert.Duplicate(fresh.id(), false), new InboxInsert.Duplicate(kept.id(), false),
                new InboxInsert.Stored(other.id()));
        InboxEvent stored = inbox().find(fresh.id()).orElseThrow();
        assertThat(stored.payload()).isEqualTo(fresh.payload());
        assertThat(stored.eventCreatedAt()).isEqualTo(fresh.eventCreatedAt());
        assertThat(stored.receivedAt()).isEqualTo(fresh.receivedAt());
        assertThat(stored.livemode()).isEqualTo(fresh.livemode());
        assertThat(stored.apiVersion()).isEqualTo(fresh.apiVersion());
        assertThat(stored.state()).isEqualTo(InboxState.RECEIVED);
        assertThat(inbox().find(freshAgain.id())).isEmpty();
        assertThat(inbox().find(dead.id()).orElseThrow().state()).isEqualTo(InboxState.RECEIVED);
        assertThat(inbox().find(other.id())).isPresent();
    }

    @Test
    void aClaimIsExclusiveUntilTheLeaseEnds() {
        InboxEvent event = BillingFixtures.inboxEvent(this.clock, "invoice.paid");
        inbox().insert(event);
        Instant now = this.clock.instant();

        assertThat(inbox().claim(event.id(), now, now.plusSeconds(300))).get()
                .extracting(InboxEvent::state).isEqualTo(InboxState.PROCESSING);
        assertThat(inbox().claim(event.id(), now.plusSeconds(10), now.plusSeconds(310))).isEmpty();
        assertThat(inbox().claim(event.id(), now.plusSeconds(301), now.plusSeconds(601))).isPresent();
    }

    @Test
    void aFailedRowIsClaimableOnlyWhenDue() {
        InboxEvent event = BillingFixtures.inboxEvent(this.clock, "invoice.paid");
        inbox().insert(event);
        Instant now = this.clock.instant();
        inbox().claim(event.id(), now, now.plusSeconds(300));
        inbox().fail(event.id(), 1, InboxState.FAILED, "No organization linked", now.plusSeconds(10), null);

        InboxEvent failed = inbox().find(event.id()).orElseThrow();
        assertThat(failed.state()).isEqualTo(InboxState.FAILED);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).isEqualTo("No organization linked");
        assertThat(inbox().claim(event.id(), now.plusSeconds(5), now.plusSeconds(305))).isEmpty();
        assertThat(inbox().claim(event.id(), now.plusSeconds(10), now.plusSeconds(310))).get()
                .extracting(InboxEvent::attempts).isEqualTo(1);
    }

    @Test
    void completedAndDeadRowsAreNotClaimable() {
        Organization organization = Fixtures.organization(this.clock);
        insert(organization);
        InboxEvent processed = BillingFixtures.inboxEvent(this.clock, "invoice.paid");
        InboxEvent dead = BillingFixtures.inboxEvent(this.clock, "invoice.paid");
        inbox().insert(processed);
        inbox().insert(dead);
        Instant now = this.clock.instant();
        inbox().claim(processed.id(), now, now.plusSeconds(300));
        inbox().complete(processed.id(), InboxState.PROCESSED, organization.id(), now);
        inbox().claim(dead.id(), now, now.plusSeconds(300));
        inbox().fail(dead.id(), 8, InboxState.DEAD, "boom", null, null);

        assertThat(inbox().claim(processed.id(), now.plusSeconds(3600), now.plusSeconds(3900))).isEmpty();
        assertThat(inbox().claim(dead.id(), now.plusSeconds(3600), now.plusSeconds(3900))).isEmpty();
        InboxEvent done = inbox().find(processed.id()).orElseThrow();
        assertThat(done.state()).isEqualTo(InboxState.PROCESSED);
        assertThat(done.orgId()).isEqualTo(organization.id());
        assertThat(done.processedAt()).isEqualTo(now);
    }

    @Test
    void theDispatcherSeesAbandonedAndDueWorkOnly() {
        Instant now = this.clock.instant();
        InboxEvent fresh = BillingFixtures.inboxEvent(this.clock, "a.fresh");
        InboxEvent failedDue = BillingFixtures.inboxEvent(this.clock, "a.failed.due");
        InboxEvent failedLater = BillingFixtures.inboxEvent(this.clock, "a.failed.later");
        InboxEvent leased = BillingFixtures.inboxEvent(this.clock, "a.leased");
        InboxEvent abandoned = BillingFixtures.inboxEvent(this.clock, "a.abandoned");
        for (InboxEvent event : List.of(fresh, failedDue, failedLater, leased, abandoned)) {
            inbox().insert(event);
        }
        inbox().claim(failedDue.id(), now, now.plusSeconds(300));
        inbox().fail(failedDue.id(), 1, InboxState.FAILED, "x", now.plusSeconds(5), null);
        inbox().claim(failedLater.id(), now, now.plusSeconds(300));
        inbox().fail(failedLater.id(), 1, InboxState.FAILED, "x", now.plusSeconds(500), null);
        inbox().claim(leased.id(), now, now.plusSeconds(300));
        inbox().claim(abandoned.id(), now, now.plusSeconds(30));
        Instant later = now.plusSeconds(60);

        // The store may hold other tests' rows, so only these five are judged.
        assertThat(inbox().dispatchable(later, now, 1000)).contains(failedDue.id(), abandoned.id())
                .doesNotContain(fresh.id(), failedLater.id(), leased.id());
        assertThat(inbox().dispatchable(later, later, 1000)).contains(fresh.id(), failedDue.id(), abandoned.id())
                .doesNotContain(failedLater.id(), leased.id());
        assertThat(inbox().dispatchable(later, later, 1)).hasSize(1);
    }

    @Test
    void theSummaryCountsAnOrganizationsUnfinishedRowsAndTheUnresolvedOnes() {
        Organization organization = Fixtures.organization(this.clock);
        insert(organization);
        Instant now = this.clock.instant();
        InboxEvent failed = BillingFixtures.inboxEvent(this.clock, "invoice.paid");
        InboxEvent dead = BillingFixtures.inboxEvent(this.clock, "invoice.paid");
        InboxEvent done = BillingFixtures.inboxEvent(this.clock, "invoice.paid");
        InboxEvent unresolved = BillingFixtures.inboxEvent(this.clock, "invoice.paid");
        for (InboxEvent event : List.of(failed, dead, done, unresolved)) {
            inbox().insert(event);
            inbox().claim(event.id(), now, now.plusSeconds(300));
        }
        inbox().fail(failed.id(), 1, InboxState.FAILED, "x", now.plusSeconds(10), organization.id());
        inbox().fail(dead.id(), 8, InboxState.DEAD, "x", null, organization.id());
        inbox().complete(done.id(), InboxState.PROCESSED, organization.id(), now);
        inbox().fail(unresolved.id(), 1, InboxState.FAILED, "x", now.plusSeconds(10), null);

        InboxSummary summary = inbox().summary(organization.id());

        assertThat(summary.backlog()).isEqualTo(1);
        assertThat(summary.failed()).isEqualTo(1);
        assertThat(summary.dead()).isEqualTo(1);
        assertThat(summary.oldestPendingAt()).isEqualTo(failed.receivedAt());
        // The store may hold other tests' unresolved rows too.
        assertThat(summary.unresolvedGlobal()).isPositive();
        assertThat(inbox().find(failed.id()).orElseThrow().orgId()).isEqualTo(organization.id());
        Organization other = Fixtures.organization(this.clock);
        insert(other);
        assertThat(inbox().summary(other.id())).isEqualTo(new InboxSummary(0, 0, 0, null,
                summary.unresolvedGlobal()));
    }

    @Test
    void aReplayRearmsUnlessAWorkerHoldsTheRow() {
        InboxEvent event = BillingFixtures.inboxEvent(this.clock, "invoice.paid");
        inbox().insert(event);
        Instant now = this.clock.instant();
        inbox().claim(event.id(), now, now.plusSeconds(300));

        assertThat(inbox().rearm(event.id(), "replay-1", now.plusSeconds(1))).isFalse();
        inbox().fail(event.id(), 8, InboxState.DEAD, "boom", null, null);
        assertThat(inbox().rearm(event.id(), "replay-2", now.plusSeconds(2))).isTrue();
        InboxEvent rearmed = inbox().find(event.id()).orElseThrow();
        assertThat(rearmed.state()).isEqualTo(InboxState.RECEIVED);
        assertThat(rearmed.attempts()).isZero();
        assertThat(rearmed.lastError()).isNull();
        assertThat(rearmed.requestId()).isEqualTo("replay-2");
        assertThat(inbox().rearm(event.id(), null, now.plusSeconds(3))).isTrue();
        assertThat(inbox().find(event.id()).orElseThrow().requestId()).isEqualTo("replay-2");
    }

    @Test
    void aReplayKeepsWhenAProcessedRowWasAppliedAndForgetsItForAnIgnoredOne() {
        Organization organization = Fixtures.organization(this.clock);
        insert(organization);
        InboxEvent processed = BillingFixtures.inboxEvent(this.clock, "invoice.paid");
        InboxEvent ignored = BillingFixtures.inboxEvent(this.clock, "invoice.paid");
        inbox().insert(processed);
        inbox().insert(ignored);
        Instant now = this.clock.instant();
        inbox().claim(processed.id(), now, now.plusSeconds(300));
        inbox().complete(processed.id(), InboxState.PROCESSED, organization.id(), now);
        inbox().claim(ignored.id(), now, now.plusSeconds(300));
        inbox().complete(ignored.id(), InboxState.IGNORED, null, now);

        assertThat(inbox().rearm(processed.id(), null, now.plusSeconds(1))).isTrue();
        assertThat(inbox().rearm(ignored.id(), null, now.plusSeconds(1))).isTrue();

        assertThat(inbox().find(processed.id()).orElseThrow().processedAt()).isEqualTo(now);
        assertThat(inbox().find(ignored.id()).orElseThrow().processedAt()).isNull();
    }

    @Test
    void aMalformedEventEndsIgnoredWithItsReason() {
        InboxEvent event = BillingFixtures.inboxEvent(this.clock, "invoice.paid");
        inbox().insert(event);
        Instant now = this.clock.instant();
        inbox().claim(event.id(), now, now.plusSeconds(300));

        inbox().fail(event.id(), 0, InboxState.IGNORED, "The event carries no invoice", null, null);

        InboxEvent row = inbox().find(event.id()).orElseThrow();
        assertThat(row.state()).isEqualTo(InboxState.IGNORED);
        assertThat(row.lastError()).isEqualTo("The event carries no invoice");
        assertThat(row.lockedUntil()).isNull();
        assertThat(inbox().dispatchable(now.plusSeconds(3600), now.plusSeconds(3600), 10)).doesNotContain(event.id());
    }

    @Test
    void listingFiltersByStateNewestFirst() {
        InboxEvent older = BillingFixtures.inboxEvent(this.clock, "invoice.paid");
        inbox().insert(older);
        this.clock.advanceSeconds(1);
        InboxEvent newer = BillingFixtures.inboxEvent(this.clock, "invoice.paid");
        inbox().insert(newer);
        this.clock.advanceSeconds(1);
        InboxEvent dead = BillingFixtures.inboxEvent(this.clock, "invoice.paid");
        inbox().insert(dead);
        inbox().claim(dead.id(), this.clock.instant(), this.clock.instant().plusSeconds(300));
        inbox().fail(dead.id(), 8, InboxState.DEAD, "boom", null, null);

        List<InboxEvent> received = inbox().list(InboxState.RECEIVED, 500).stream()
                .filter((row) -> List.of(older.id(), newer.id(), dead.id()).contains(row.id())).toList();
        assertThat(received).extracting(InboxEvent::id).containsExactly(newer.id(), older.id());
        assertThat(inbox().list(InboxState.DEAD, 500)).extracting(InboxEvent::id).contains(dead.id())
                .doesNotContain(older.id());
    }

    @Test
    void purgingDeletesOnlyOldFinishedRows() {
        InboxEvent oldProcessed = BillingFixtures.inboxEvent(this.clock, "invoice.paid");
        InboxEvent oldFailed = BillingFixtures.inboxEvent(this.clock, "invoice.paid");
        inbox().insert(oldProcessed);
        inbox().insert(oldFailed);
        Instant then = this.clock.instant();
        inbox().claim(oldProcessed.id(), then, then.plusSeconds(300));
        inbox().complete(oldProcessed.id(), InboxState.IGNORED, null, then);
        inbox().claim(oldFailed.id(), then, then.plusSeconds(300));
        inbox().fail(oldFailed.id(), 1, InboxState.FAILED, "x", then.plusSeconds(10), null);
        this.clock.advance(Duration.ofDays(91));
        InboxEvent recent = BillingFixtures.inboxEvent(this.clock, "invoice.paid");
        inbox().insert(recent);
        inbox().claim(recent.id(), this.clock.instant(), this.clock.instant().plusSeconds(300));
        inbox().complete(recent.id(), InboxState.PROCESSED, null, this.clock.instant());

        int deleted = inbox().purge(this.clock.instant().minus(Duration.ofDays(90)), 1000);

        assertThat(deleted).isPositive();
        assertThat(inbox().find(oldProcessed.id())).isEmpty();
        assertThat(inbox().find(oldFailed.id())).isPresent();
        assertThat(inbox().find(recent.id())).isPresent();
    }

    private InboxEvent copyWithNewRowId(InboxEvent event) {
        return new InboxEvent(Ids.next(this.clock), event.stripeEventId(), event.type(),
                event.apiVersion(), event.livemode(), event.eventCreatedAt(), event.payload(), this.clock.instant(),
                "redelivery-" + event.requestId(), InboxState.RECEIVED, 0, this.clock.instant(), null, null, null,
                null);
    }
}
