package io.saaskit.core.billing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.saaskit.core.audit.AuditEntry;
import io.saaskit.core.jobs.JobRequest;
import io.saaskit.core.memory.InMemoryAuditSink;
import io.saaskit.core.memory.InMemoryBillingAccountStore;
import io.saaskit.core.memory.InMemoryMembershipRepository;
import io.saaskit.core.memory.InMemoryOrganizationPlanStore;
import io.saaskit.core.memory.InMemoryOrganizationRepository;
import io.saaskit.core.memory.InMemoryStripeEventInbox;
import io.saaskit.core.memory.InMemorySubscriptionRepository;
import io.saaskit.core.memory.InMemoryTransactionRunner;
import io.saaskit.core.memory.InMemoryUserRepository;
import io.saaskit.core.metering.Metrics;
import io.saaskit.core.metering.Period;
import io.saaskit.core.metering.Plan;
import io.saaskit.core.metering.PlanCatalogue;
import io.saaskit.core.metering.PlanService;
import io.saaskit.core.metering.PlanSettings;
import io.saaskit.core.shared.ClientInfo;
import io.saaskit.core.shared.RequestContext;
import io.saaskit.core.shared.ServiceUnavailableException;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.testing.BillingFixtures;
import io.saaskit.core.testing.Fixtures;
import io.saaskit.core.testing.MutableClock;
import io.saaskit.core.testing.UnconfiguredBillingGateway;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbox state machine, ordering and entitlement rules of {@link StripeEventService} on in-memory stores; events
 * are handed over already parsed.
 */
class StripeEventServiceTests {

    private final MutableClock clock = new MutableClock();

    private final InMemoryOrganizationRepository organizations = new InMemoryOrganizationRepository();

    private final InMemorySubscriptionRepository subscriptions = new InMemorySubscriptionRepository();

    private final InMemoryBillingAccountStore accounts = new InMemoryBillingAccountStore(this.organizations);

    private final InMemoryStripeEventInbox inbox = new InMemoryStripeEventInbox();

    private final InMemoryAuditSink audit = new InMemoryAuditSink();

    private final InMemoryTransactionRunner transactions = new InMemoryTransactionRunner();

    private final Map<String, StripeEvent> events = new ConcurrentHashMap<>();

    private final List<JobRequest> enqueued = new ArrayList<>();

    private final PlanService plans = new PlanService(new PlanCatalogue(List.of(
            new Plan("free", "Free", null, Map.of(Metrics.API_REQUESTS, 1000L)),
            new Plan("pro", "Pro", "price_pro", Map.of(Metrics.API_REQUESTS, 100_000L))), "free"),
            new InMemoryOrganizationPlanStore(this.organizations), new SubscriptionEntitlementStore(this.subscriptions),
            this.audit, this.transactions, this.clock, PlanSettings.defaults());

    private final StripeEventService service = new StripeEventService(this.inbox,
            (payload) -> Optional.ofNullable(this.events.get(payload)), this.subscriptions, this.accounts,
            new UnconfiguredBillingGateway(), new InMemoryMembershipRepository(new InMemoryUserRepository(),
                    this.organizations), (notification) -> { }, this.plans, this.enqueued::add, this.audit,
            this.transactions, this.clock, new BillingSettings("https://s", "https://c", "https://p", 3,
                    Duration.ofMinutes(5)));

    private final Organization org = organization();

    private Organization organization() {
        Organization organization = Fixtures.organization(this.clock);
        this.organizations.insert(organization);
        return organization;
    }

    private UUID receive(String type, Instant created, StripeEvent.EventObject object) {
        StripeEvent event = new StripeEvent(BillingFixtures.stripeId("evt"), type, created, null, false, object);
        String payload = "{\"id\":\"" + event.id() + "\"}";
        this.events.put(payload, event);
        InboxEvent row = InboxEvent.received(UUID.randomUUID(), event, payload, "req-1", this.clock.instant());
        return this.inbox.insert(row).inboxId();
    }

    private static StripeEvent.EventObject subscription(StripeSubscription state, String orgId) {
        return new StripeEvent.EventObject("subscription", state.subscriptionId(), state.customerId(),
                state.subscriptionId(), orgId, null, null, null, state, null, null);
    }

    private StripeSubscription state(String subscriptionId, String status, Instant start, Instant end) {
        return new StripeSubscription(subscriptionId, "cus_1", "price_pro", status, start, end, false, null);
    }

    @Test
    void theRetryDelayDoublesFromTenSecondsUpToAnHourWithTwentyPercentJitter() {
        for (int i = 0; i < 50; i++) {
            assertThat(StripeEventService.backoff(1)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(12));
            assertThat(StripeEventService.backoff(4)).isBetween(Duration.ofSeconds(64), Duration.ofSeconds(96));
            assertThat(StripeEventService.backoff(30)).isBetween(Duration.ofMinutes(48), Duration.ofMinutes(72));
        }
    }

    @Test
    void anEventWithoutAnOrganizationFailsWithBackoffAndDiesAfterTheLastAttempt() {
        UUID id = receive("invoice.paid", this.clock.instant(), new StripeEvent.EventObject("invoice", "in_1",
                "cus_unknown", null, null, null, null, null, null, 100L, "usd"));

        ProcessingResult first = this.service.process(id);
        ProcessingResult early = this.service.process(id);
        this.clock.advance(Duration.ofMinutes(1));
        ProcessingResult second = this.service.process(id);
        this.clock.advance(Duration.ofMinutes(1));
        ProcessingResult third = this.service.process(id);

        assertThat(first.state()).isEqualTo(InboxState.FAILED);
        assertThat(first.error()).isEqualTo("No organization linked to the event yet");
        assertThat(early.claimed()).isFalse();
        assertThat(second.state()).isEqualTo(InboxState.FAILED);
        assertThat(third.state()).isEqualTo(InboxState.DEAD);
        assertThat(this.inbox.find(id).orElseThrow().attempts()).isEqualTo(3);
        this.clock.advance(Duration.ofHours(2));
        assertThat(this.service.dispatch(Duration.ZERO, 10)).isZero();
    }

    @Test
    void aProcessedEventIsNeverAppliedTwice() {
        Instant now = this.clock.instant();
        UUID id = receive("customer.subscription.created", now, subscription(state("sub_1", "active", now,
                now.plus(Duration.ofDays(30))), this.org.id().toString()));

        this.service.process(id);
        ProcessingResult again = this.service.process(id);

        assertThat(again.claimed()).isFalse();
        assertThat(this.audit.entries(this.org.id())).extracting(AuditEntry::action)
                .filteredOn("billing.webhook.processed"::equals).hasSize(1);
    }

    @Test
    void anEventThatCanNeverApplyEndsIgnoredAtOnceWithTheReason() {
        UUID noSubscription = receive("customer.subscription.updated", this.clock.instant(),
                new StripeEvent.EventObject("subscription", null, null, null, this.org.id().toString(), null, null,
                        null, null, null, null));
        UUID noObject = receive("invoice.paid", this.clock.instant(), new StripeEvent.EventObject("unknown", null,
                null, null, null, null, null, null, null, null, null));
        UUID unreadable = this.inbox.insert(InboxEvent.received(UUID.randomUUID(), new StripeEvent("evt_gone",
                "invoice.paid", this.clock.instant(), null, false, new StripeEvent.EventObject("invoice", null, null,
                        null, null, null, null, null, null, null, null)), "{not read}", "req-1", this.clock.instant()))
                .inboxId();

        assertThat(this.service.process(noSubscription).state()).isEqualTo(InboxState.IGNORED);
        assertThat(this.service.process(noObject).state()).isEqualTo(InboxState.IGNORED);
        assertThat(this.service.process(unreadable).state()).isEqualTo(InboxState.IGNORED);

        assertThat(this.inbox.find(noSubscription).orElseThrow().lastError())
                .isEqualTo("The event carries no subscription with an id, customer and status");
        assertThat(this.inbox.find(noObject).orElseThrow().lastError()).isEqualTo("The event carries no invoice");
        assertThat(this.inbox.find(unreadable).orElseThrow().lastError()).isEqualTo("Invalid event payload");
        this.clock.advance(Duration.ofHours(2));
        assertThat(this.service.dispatch(Duration.ZERO, 10)).isZero();
        assertThat(this.audit.entries(this.org.id())).isEmpty();
    }

    @Test
    void replayingAProcessedEventThatChangesNothingWritesNoAuditRow() {
        Instant now = this.clock.instant();
        UUID id = receive("customer.subscription.created", now, subscription(state("sub_r", "active", now,
                now.plus(Duration.ofDays(30))), this.org.id().toString()));
        this.service.process(id);
        int rows = this.audit.entries(this.org.id()).size();

        this.clock.advanceSeconds(1);
        this.service.replay(this.inbox.find(id).orElseThrow().stripeEventId(),
                new RequestContext("req-replay", ClientInfo.UNKNOWN));
        ProcessingResult again = this.service.process(id);

        assertThat(again.state()).isEqualTo(InboxState.PROCESSED);
        assertThat(this.audit.entries(this.org.id())).extracting(AuditEntry::action).hasSize(rows + 1)
                .last().isEqualTo("billing.webhook.replayed");
    }

    @Test
    void aReplayedEventApplyingItsEffectsWritesThemAndOneProcessedRowWithTheReplaysRequestId() {
        UUID id = receive("invoice.paid", this.clock.instant(), new StripeEvent.EventObject("invoice", "in_2",
                "cus_late", null, null, null, null, null, null, 100L, "usd"));
        for (int attempt = 0; attempt < 3; attempt++) {
            this.service.process(id);
            this.clock.advance(Duration.ofHours(2));
        }
        assertThat(this.inbox.find(id).orElseThrow().state()).isEqualTo(InboxState.DEAD);
        this.accounts.linkCustomer(this.org.id(), "cus_late", this.clock.instant());

        this.service.replay(this.inbox.find(id).orElseThrow().stripeEventId(),
                new RequestContext("req-replay", ClientInfo.UNKNOWN));
        ProcessingResult replayed = this.service.process(id);

        assertThat(replayed.state()).isEqualTo(InboxState.PROCESSED);
        List<AuditEntry> entries = this.audit.entries(this.org.id());
        assertThat(entries).extracting(AuditEntry::action).containsExactly("billing.invoice.paid",
                "billing.webhook.processed");
        assertThat(entries).extracting(AuditEntry::requestId).containsOnly("req-replay");
    }

    @Test
    void aReplayIsAcceptedWhenTheQueueIsDownAndLeavesTheRowForTheDispatcher() {
        StripeEventService down = new StripeEventService(this.inbox,
                (payload) -> Optional.ofNullable(this.events.get(payload)), this.subscriptions, this.accounts,
                new UnconfiguredBillingGateway(), new InMemoryMembershipRepository(new InMemoryUserRepository(),
                        this.organizations), (notification) -> { }, this.plans, (request) -> {
                            throw new ServiceUnavailableException(null);
                        }, this.audit, this.transactions, this.clock, new BillingSettings("https://s", "https://c",
                                "https://p", 3, Duration.ofMinutes(5)));
        Instant now = this.clock.instant();
        UUID id = receive("customer.subscription.created", now, subscription(state("sub_q", "active", now,
                now.plus(Duration.ofDays(30))), this.org.id().toString()));
        this.service.process(id);

        InboxEvent replayed = down.replay(this.inbox.find(id).orElseThrow().stripeEventId(),
                new RequestContext("req-replay", ClientInfo.UNKNOWN));

        assertThat(replayed.state()).isEqualTo(InboxState.RECEIVED);
        this.clock.advance(Duration.ofMinutes(1));
        assertThat(this.service.dispatch(Duration.ofSeconds(5), 10)).isEqualTo(1);
    }

    @Test
    void aFetchedSubscriptionWithoutAPeriodKeepsTheKnownPeriod() {
        Instant start = this.clock.instant().minus(Duration.ofDays(3));
        Instant end = start.plus(Duration.ofDays(30));
        OrgId orgId = this.org.id();
        this.service.process(receive("customer.subscription.updated", this.clock.instant(),
                subscription(state("sub_f", "active", start, end), orgId.toString())));
        StripeSubscription fetchedWithoutPeriod = new StripeSubscription("sub_f", "cus_1", "price_pro", "past_due",
                null, null, false, null);
        StripeEventService fetching = new StripeEventService(this.inbox,
                (payload) -> Optional.ofNullable(this.events.get(payload)), this.subscriptions, this.accounts,
                new FetchingGateway(fetchedWithoutPeriod), new InMemoryMembershipRepository(
                        new InMemoryUserRepository(), this.organizations), (notification) -> { }, this.plans,
                this.enqueued::add, this.audit, this.transactions, this.clock, new BillingSettings("https://s",
                        "https://c", "https://p", 3, Duration.ofMinutes(5)));

        this.clock.advanceSeconds(5);
        fetching.process(receive("customer.subscription.updated", this.clock.instant(),
                subscription(state("sub_f", "active", start, end), orgId.toString())));

        Subscription stored = this.subscriptions.lock(orgId, "sub_f").orElseThrow();
        assertThat(stored.status()).isEqualTo("past_due");
        assertThat(stored.currentPeriodStart()).isEqualTo(start);
        assertThat(stored.currentPeriodEnd()).isEqualTo(end);
        assertThat(this.plans.period(orgId)).isEqualTo(new Period(start, end));
    }

    @Test
    void anEntitledSubscriptionDecidesThePlanAndThePeriodUntilItEnds() {
        Instant start = this.clock.instant().minus(Duration.ofDays(3));
        Instant end = start.plus(Duration.ofDays(30));
        OrgId orgId = this.org.id();
        this.service.process(receive("customer.subscription.updated", this.clock.instant(),
                subscription(state("sub_2", "trialing", start, end), orgId.toString())));

        assertThat(this.plans.effective(orgId).plan().id()).isEqualTo("pro");
        assertThat(this.plans.period(orgId)).isEqualTo(new Period(start, end));

        this.clock.advanceSeconds(5);
        this.service.process(receive("customer.subscription.deleted", this.clock.instant(),
                subscription(state("sub_2", "active", start, end), orgId.toString())));

        assertThat(this.plans.effective(orgId).plan().id()).isEqualTo("free");
        assertThat(this.plans.period(orgId)).isEqualTo(Period.calendarMonthOf(this.clock.instant()));
        assertThat(this.audit.entries(orgId)).extracting(AuditEntry::action).contains("plan.changed",
                "billing.webhook.subscription.canceled");
    }

    /** A gateway with credentials whose every subscription is the given one. */
    private static final class FetchingGateway extends UnconfiguredBillingGateway {

        private final StripeSubscription subscription;

        FetchingGateway(StripeSubscription subscription) {
            this.subscription = subscription;
        }

        @Override
        public boolean configured() {
            return true;
        }

        @Override
        public Optional<StripeSubscription> subscription(String subscriptionId) {
            return Optional.of(this.subscription);
        }

        @Override
        public List<StripeSubscription> subscriptions(String customerId) {
            return List.of(this.subscription);
        }
    }
}
