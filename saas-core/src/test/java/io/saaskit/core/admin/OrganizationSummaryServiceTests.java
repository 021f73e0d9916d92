package io.saaskit.core.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.saaskit.core.billing.BillingSettings;
import io.saaskit.core.billing.InboxEvent;
import io.saaskit.core.billing.InboxState;
import io.saaskit.core.billing.InboxSummary;
import io.saaskit.core.billing.StripeEventService;
import io.saaskit.core.billing.Subscription;
import io.saaskit.core.billing.SubscriptionEntitlementStore;
import io.saaskit.core.identity.User;
import io.saaskit.core.jobs.ClaimedJob;
import io.saaskit.core.jobs.JobRequest;
import io.saaskit.core.jobs.JobRetryPolicy;
import io.saaskit.core.membership.Membership;
import io.saaskit.core.membership.MembershipStatus;
import io.saaskit.core.membership.Role;
import io.saaskit.core.memory.InMemoryAuditSink;
import io.saaskit.core.memory.InMemoryBillingAccountStore;
import io.saaskit.core.memory.InMemoryJobQueue;
import io.saaskit.core.memory.InMemoryMembershipRepository;
import io.saaskit.core.memory.InMemoryOrganizationPlanStore;
import io.saaskit.core.memory.InMemoryOrganizationRepository;
import io.saaskit.core.memory.InMemoryStripeEventInbox;
import io.saaskit.core.memory.InMemorySubscriptionRepository;
import io.saaskit.core.memory.InMemoryTransactionRunner;
import io.saaskit.core.memory.InMemoryUsageEventStore;
import io.saaskit.core.memory.InMemoryUserRepository;
import io.saaskit.core.metering.Metrics;
import io.saaskit.core.metering.Period;
import io.saaskit.core.metering.Plan;
import io.saaskit.core.metering.PlanCatalogue;
import io.saaskit.core.metering.PlanService;
import io.saaskit.core.metering.PlanSettings;
import io.saaskit.core.metering.PlanSource;
import io.saaskit.core.metering.UsageEvent;
import io.saaskit.core.shared.NotFoundException;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.testing.BillingFixtures;
import io.saaskit.core.testing.Fixtures;
import io.saaskit.core.testing.MutableClock;
import io.saaskit.core.testing.UnconfiguredBillingGateway;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link OrganizationSummaryService} on in-memory ports: each part of the summary comes from its own store, only the
 * organization's own rows count, the plan and period are the ones admission enforces, and a deployment without
 * billing or without a job broker still gets a summary.
 */
class OrganizationSummaryServiceTests {

    private final MutableClock clock = new MutableClock();

    private final InMemoryOrganizationRepository organizations = new InMemoryOrganizationRepository();

    private final InMemoryUserRepository users = new InMemoryUserRepository();

    private final InMemoryMembershipRepository memberships = new InMemoryMembershipRepository(this.users,
            this.organizations);

    private final InMemorySubscriptionRepository subscriptions = new InMemorySubscriptionRepository();

    private final InMemoryUsageEventStore usage = new InMemoryUsageEventStore();

    private final InMemoryStripeEventInbox inbox = new InMemoryStripeEventInbox();

    private final InMemoryAuditSink audit = new InMemoryAuditSink();

    private final InMemoryTransactionRunner transactions = new InMemoryTransactionRunner();

    private final InMemoryJobQueue jobs = new InMemoryJobQueue(this.clock,
            new JobRetryPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(1)));

    // No plan cache, so each summary reads the stores as they are.
    private final PlanService plans = new PlanService(new PlanCatalogue(List.of(
            new Plan("free", "Free", null, Map.of(Metrics.API_REQUESTS, 1000L)),
            new Plan("pro", "Pro", "price_pro", Map.of(Metrics.API_REQUESTS, 100_000L))), "free"),
            new InMemoryOrganizationPlanStore(this.organizations), new SubscriptionEntitlementStore(this.subscriptions),
            this.audit, this.transactions, this.clock, new PlanSettings(true, Duration.ZERO));

    private final StripeEventService events = new StripeEventService(this.inbox, (payload) -> Optional.empty(),
            this.subscriptions, new InMemoryBillingAccountStore(this.organizations), new UnconfiguredBillingGateway(),
            this.memberships, (notification) -> { }, this.plans, (request) -> { }, this.audit, this.transactions,
            this.clock, new BillingSettings("https://s", "https://c", "https://p", 3, Duration.ofMinutes(5)));

    private final OrganizationSummaryService service = new OrganizationSummaryService(this.organizations,
            this.memberships, this.plans, this.usage, this.subscriptions, this.events, this.jobs);

    private final OrganizationSummaryService withoutBillingOrJobs = new OrganizationSummaryService(
            this.organizations, this.memberships, this.plans, this.usage, null, null, null);

    @Test
    void aNewOrganizationHasOneMemberNoUsageAndTheDefaultPlanForTheCalendarMonth() {
        Organization org = organization();
        member(org, Role.OWNER);

        OrganizationSummary summary = this.service.summarize(org.id());

        assertThat(summary.organization().id()).isEqualTo(org.id());
        assertThat(summary.organization().name()).isEqualTo(org.name());
        assertThat(summary.plan().plan().id()).isEqualTo("free");
        assertThat(summary.plan().apiRequestsLimit()).isEqualTo(1000L);
        assertThat(summary.plan().source()).isEqualTo(PlanSource.DEFAULT);
        assertThat(summary.memberCount()).isEqualTo(1);
        assertThat(summary.subscription()).isNull();
        assertThat(summary.usage().metric()).isEqualTo(Metrics.API_REQUESTS);
        assertThat(summary.usage().used()).isZero();
        assertThat(summary.usage().limit()).isEqualTo(1000L);
        assertThat(summary.usage().remaining()).isEqualTo(1000L);
        assertThat(summary.usage().periodStart()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(summary.usage().periodEnd()).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
        assertThat(summary.webhooks()).isEqualTo(new InboxSummary(0, 0, 0, null, 0));
        assertThat(summary.jobs().failed()).isZero();
        assertThat(summary.jobs().dead()).isZero();
    }

    @Test
    void anUnknownOrganizationIsNotFound() {
        OrgId unknown = new OrgId(UUID.randomUUID());

        assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> this.service.summarize(unknown))
                .withMessage("Organization not found");
        assertThatExceptionOfType(NotFoundException.class)
                .isThrownBy(() -> this.withoutBillingOrJobs.summarize(unknown));
    }

    @Test
    void memberCountCountsOnlyActiveMembershipsOfTheOrganization() {
        Organization org = organization();
        member(org, Role.OWNER);
        member(org, Role.READONLY);
        Membership suspended = member(org, Role.MEMBER);
        this.memberships.update(org.id(), Fixtures.withStatus(suspended, MembershipStatus.SUSPENDED, this.clock));
        Organization other = organization();
        member(other, Role.OWNER);
        member(other, Role.MEMBER);
        member(other, Role.MEMBER);

        assertThat(this.service.summarize(org.id()).memberCount()).isEqualTo(2);
        assertThat(this.service.summarize(other.id()).memberCount()).isEqualTo(3);
    }

    @Test
    void usageSumsTheOrganizationsApiRequestsOfTheCurrentPeriodOnly() {
        Organization org = organization();
        Organization other = organization();
        Instant now = this.clock.instant();
        this.usage.insertBatch(List.of(event(org.id(), Metrics.API_REQUESTS, 3, now),
                event(org.id(), Metrics.API_REQUESTS, 2, Instant.parse("2026-03-01T00:00:00Z")),
                event(org.id(), "emails.sent", 40, now),
                event(org.id(), Metrics.API_REQUESTS, 7, Instant.parse("2026-02-28T23:59:59Z")),
                event(other.id(), Metrics.API_REQUESTS, 11, now)));

        OrganizationSummary summary = this.service.summarize(org.id());

        assertThat(summary.usage().used()).isEqualTo(5);
        assertThat(summary.usage().remaining()).isEqualTo(995);
        assertThat(this.service.summarize(other.id()).usage().used()).isEqualTo(11);
    }

    @Test
    void anEntitledSubscriptionDecidesThePlanAndTheUsagePeriod() {
        Organization org = organization();
        Instant start = this.clock.instant().plus(Duration.ofDays(3));
        Instant end = start.plus(Duration.ofDays(30));
        Subscription subscription = Subscription.create(UUID.randomUUID(), org.id(),
                BillingFixtures.activeState("cus_1", "price_pro", start, end), this.clock.instant(),
                this.clock.instant());
        this.subscriptions.save(org.id(), subscription);
        this.usage.insertBatch(List.of(event(org.id(), Metrics.API_REQUESTS, 4, this.clock.instant())));
        this.clock.advance(Duration.ofDays(4));
        this.usage.insertBatch(List.of(event(org.id(), Metrics.API_REQUESTS, 6, this.clock.instant())));

        OrganizationSummary summary = this.service.summarize(org.id());

        assertThat(summary.subscription()).isEqualTo(subscription);
        assertThat(summary.plan().plan().id()).isEqualTo("pro");
        assertThat(summary.plan().source()).isEqualTo(PlanSource.SUBSCRIPTION);
        assertThat(summary.usage().limit()).isEqualTo(100_000L);
        assertThat(summary.usage().used()).as("the events before the subscription's period are not counted")
                .isEqualTo(6);
        assertThat(new Period(summary.usage().periodStart(), summary.usage().periodEnd()))
                .isEqualTo(new Period(start, end));
    }

    @Test
    void aCanceledSubscriptionIsShownButTheDefaultPlanAndCalendarMonthApply() {
        Organization org = organization();
        Subscription canceled = BillingFixtures.subscription(this.clock, org.id(), "canceled");
        this.subscriptions.save(org.id(), canceled);

        OrganizationSummary summary = this.service.summarize(org.id());

        assertThat(summary.subscription()).extracting(Subscription::status).isEqualTo("canceled");
        assertThat(summary.plan().plan().id()).isEqualTo("free");
        assertThat(summary.usage().periodStart()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
    }

    @Test
    void webhooksCountTheOrganizationsBacklogFailedAndDeadRowsAndTheUnresolvedOnes() {
        Organization org = organization();
        Organization other = organization();
        Instant firstReceived = this.clock.instant();
        UUID failed = received();
        this.clock.advance(Duration.ofMinutes(1));
        UUID dead = received();
        UUID processed = received();
        received();
        UUID otherFailed = received();
        this.inbox.fail(failed, 1, InboxState.FAILED, "boom", this.clock.instant().plusSeconds(10), org.id());
        this.inbox.fail(dead, 3, InboxState.DEAD, "boom", null, org.id());
        this.inbox.complete(processed, InboxState.PROCESSED, org.id(), this.clock.instant());
        this.inbox.fail(otherFailed, 1, InboxState.FAILED, "boom", this.clock.instant(), other.id());

        InboxSummary webhooks = this.service.summarize(org.id()).webhooks();

        assertThat(webhooks.backlog()).isEqualTo(1);
        assertThat(webhooks.failed()).isEqualTo(1);
        assertThat(webhooks.dead()).isEqualTo(1);
        assertThat(webhooks.oldestPendingAt()).isEqualTo(firstReceived);
        assertThat(webhooks.unresolvedGlobal()).isEqualTo(1);
        assertThat(this.service.summarize(other.id()).webhooks().failed()).isEqualTo(1);
    }

    @Test
    void jobsCountTheQueuesFailedAndDeadJobs() {
        Organization org = organization();
        this.jobs.enqueue(new JobRequest(JobRequest.MAINTENANCE, "poison", "{}"));
        this.jobs.enqueue(new JobRequest(JobRequest.MAINTENANCE, "flaky", "{}"));
        this.jobs.enqueue(new JobRequest(JobRequest.MAINTENANCE, "fine", "{}"));
        for (ClaimedJob job : this.jobs.claim(3, Duration.ofMinutes(1))) {
            if (job.job().type().equals("fine")) {
                this.jobs.complete(job);
            }
            else {
                this.jobs.fail(job, "boom");
            }
        }
        this.clock.advance(Duration.ofSeconds(2));
        for (ClaimedJob job : this.jobs.claim(3, Duration.ofMinutes(1))) {
            if (job.job().type().equals("poison")) {
                this.jobs.fail(job, "boom again");
            }
            else {
                this.jobs.release(job);
            }
        }

        OrganizationSummary summary = this.service.summarize(org.id());

        assertThat(summary.jobs().failed()).as("flaky waits for its retry").isEqualTo(1);
        assertThat(summary.jobs().dead()).as("poison used both attempts").isEqualTo(1);
    }

    @Test
    void withoutBillingOrAJobBrokerTheSubscriptionIsNullAndTheCountsAreZero() {
        Organization org = organization();
        member(org, Role.OWNER);
        this.subscriptions.save(org.id(), BillingFixtures.subscription(this.clock, org.id(), "incomplete"));
        UUID dead = received();
        this.inbox.fail(dead, 3, InboxState.DEAD, "boom", null, org.id());
        this.jobs.enqueue(new JobRequest(JobRequest.MAINTENANCE, "poison", "{}"));
        this.jobs.claim(1, Duration.ofMinutes(1)).forEach((job) -> this.jobs.fail(job, "boom"));

        OrganizationSummary summary = this.withoutBillingOrJobs.summarize(org.id());

        assertThat(summary.subscription()).isNull();
        assertThat(summary.webhooks()).isEqualTo(new InboxSummary(0, 0, 0, null, 0));
        assertThat(summary.jobs().failed()).isZero();
        assertThat(summary.jobs().dead()).isZero();
        assertThat(summary.memberCount()).isEqualTo(1);
        assertThat(summary.usage().limit()).isEqualTo(1000L);
        assertThat(this.service.summarize(org.id()).webhooks().dead()).as("the same stores, with billing")
                .isEqualTo(1);
    }

    private Organization organization() {
        Organization organization = Fixtures.organization(this.clock);
        this.organizations.insert(organization);
        return organization;
    }

    private Membership member(Organization org, Role role) {
        User user = Fixtures.user(this.clock);
        this.users.insert(user);
        Membership membership = Fixtures.membership(this.clock, org.id(), user.id(), role);
        this.memberships.insert(org.id(), membership);
        return membership;
    }

    private UUID received() {
        InboxEvent row = BillingFixtures.inboxEvent(this.clock, "invoice.paid");
        return this.inbox.insert(row).inboxId();
    }

    private UsageEvent event(OrgId orgId, String metric, long quantity, Instant occurredAt) {
        return new UsageEvent(UUID.randomUUID(), orgId, metric, quantity, occurredAt, this.clock.instant(), null,
                "key-" + UUID.randomUUID(), null, null, null);
    }
}
