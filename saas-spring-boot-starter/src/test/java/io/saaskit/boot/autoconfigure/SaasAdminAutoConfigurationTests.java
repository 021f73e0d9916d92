package io.saaskit.boot.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.saaskit.boot.web.admin.AdminTokenAuthenticator;
import io.saaskit.boot.web.admin.OrganizationSummaryController;
import io.saaskit.boot.web.testing.RecordingJobQueue;
import io.saaskit.core.admin.OrganizationSummary;
import io.saaskit.core.admin.OrganizationSummaryService;
import io.saaskit.core.audit.port.AuditSink;
import io.saaskit.core.billing.port.BillingAccountStore;
import io.saaskit.core.billing.port.StripeEventInbox;
import io.saaskit.core.billing.port.SubscriptionRepository;
import io.saaskit.core.jobs.JobRequest;
import io.saaskit.core.jobs.JobRetryPolicy;
import io.saaskit.core.jobs.port.JobQueue;
import io.saaskit.core.membership.port.MembershipRepository;
import io.saaskit.core.memory.InMemoryAuditSink;
import io.saaskit.core.memory.InMemoryBillingAccountStore;
import io.saaskit.core.memory.InMemoryJobQueue;
import io.saaskit.core.memory.InMemoryMembershipRepository;
import io.saaskit.core.memory.InMemoryOrganizationPlanStore;
import io.saaskit.core.memory.InMemoryOrganizationRepository;
import io.saaskit.core.memory.InMemoryQuotaCounter;
import io.saaskit.core.memory.InMemoryStripeEventInbox;
import io.saaskit.core.memory.InMemorySubscriptionRepository;
import io.saaskit.core.memory.InMemoryTransactionRunner;
import io.saaskit.core.memory.InMemoryUsageEventStore;
import io.saaskit.core.memory.InMemoryUserRepository;
import io.saaskit.core.memory.InMemoryWriteGate;
import io.saaskit.core.metering.Plan;
import io.saaskit.core.metering.PlanCatalogue;
import io.saaskit.core.metering.PlanService;
import io.saaskit.core.metering.PlanSettings;
import io.saaskit.core.metering.port.OrganizationPlanStore;
import io.saaskit.core.metering.port.QuotaCounter;
import io.saaskit.core.metering.port.UsageEventStore;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.shared.port.WriteGate;
import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.tenancy.port.OrganizationRepository;
import io.saaskit.core.testing.BillingFixtures;
import io.saaskit.core.testing.Fixtures;
import io.saaskit.core.testing.MutableClock;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wiring of {@link SaasAdminAutoConfiguration} and {@link SaasAdminWebAutoConfiguration}: the summary service
 * with billing and a job broker when they exist and without them when they do not, back-off to an application's
 * service, and the controller in the {@code admin} endpoint group with the shared admin token check.
 */
class SaasAdminAutoConfigurationTests {

    private final MutableClock clock = new MutableClock();

    private final InMemoryOrganizationRepository organizations = new InMemoryOrganizationRepository();

    private final InMemorySubscriptionRepository subscriptions = new InMemorySubscriptionRepository();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SaasStripeAutoConfiguration.class,
                    SaasMeteringAutoConfiguration.class, SaasBillingAutoConfiguration.class,
                    SaasAdminAutoConfiguration.class))
            .withBean(Clock.class, () -> this.clock)
            .withBean(AuditSink.class, InMemoryAuditSink::new)
            .withBean(WriteGate.class, () -> new InMemoryWriteGate(this.clock))
            .withBean(TransactionRunner.class, InMemoryTransactionRunner::new)
            .withBean(QuotaCounter.class, InMemoryQuotaCounter::new)
            .withBean(UsageEventStore.class, InMemoryUsageEventStore::new)
            .withBean(OrganizationRepository.class, () -> this.organizations)
            .withBean(OrganizationPlanStore.class, () -> new InMemoryOrganizationPlanStore(this.organizations))
            .withBean(MembershipRepository.class,
                    () -> new InMemoryMembershipRepository(new InMemoryUserRepository(), this.organizations))
            .withBean(SubscriptionRepository.class, () -> this.subscriptions)
            .withBean(BillingAccountStore.class, () -> new InMemoryBillingAccountStore(this.organizations))
            .withBean(StripeEventInbox.class, InMemoryStripeEventInbox::new);

    @Test
    void withBillingAndAJobBrokerTheSummaryReadsThem() {
        InMemoryJobQueue broker = new InMemoryJobQueue(this.clock,
                new JobRetryPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(1)));
        broker.enqueue(new JobRequest(JobRequest.MAINTENANCE, "poison", "{}"));
        broker.claim(1, Duration.ofMinutes(1)).forEach((job) -> broker.fail(job, "boom"));
        this.runner.withBean(JobQueue.class, () -> broker).run((context) -> {
            assertThat(context).hasNotFailed().hasSingleBean(OrganizationSummaryService.class);
            Organization org = storedOrganization();
            this.subscriptions.save(org.id(), BillingFixtures.subscription(this.clock, org.id(), "past_due"));

            OrganizationSummary summary = context.getBean(OrganizationSummaryService.class).summarize(org.id());

            assertThat(summary.subscription()).isNotNull();
            assertThat(summary.jobs().dead()).isEqualTo(1);
        });
    }

    @Test
    void withoutBillingOrAJobBrokerTheSummaryStillWorks() {
        this.runner.withPropertyValues("saaskit.stripe.enabled=false")
                .withBean(JobQueue.class, RecordingJobQueue::new).run((context) -> {
                    assertThat(context).hasNotFailed().hasSingleBean(OrganizationSummaryService.class);
                    Organization org = storedOrganization();
                    this.subscriptions.save(org.id(), BillingFixtures.subscription(this.clock, org.id(), "active"));

                    OrganizationSummary summary = context.getBean(OrganizationSummaryService.class)
                            .summarize(org.id());

                    // The subscription store is an application bean here, so it is still read.
                    assertThat(summary.subscription()).isNotNull();
                    assertThat(summary.webhooks().backlog()).isZero();
                    assertThat(summary.jobs().failed()).isZero();
                    assertThat(summary.jobs().dead()).isZero();
                });
    }

    @Test
    void anApplicationsServiceReplacesOurs() {
        OrganizationSummaryService mine = withoutBilling();
        this.runner.withBean(JobQueue.class, RecordingJobQueue::new)
                .withBean("mySummaries", OrganizationSummaryService.class, () -> mine).run((context) -> {
                    assertThat(context).hasSingleBean(OrganizationSummaryService.class);
                    assertThat(context.getBean(OrganizationSummaryService.class)).isSameAs(mine);
                });
    }

    @Test
    void theControllerIsInTheAdminGroupAndUsesTheAdminToken() {
        OrganizationSummaryService service = withoutBilling();
        WebApplicationContextRunner web = new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SaasAdminWebAutoConfiguration.class))
                .withBean(OrganizationSummaryService.class, () -> service);
        web.withPropertyValues("saaskit.admin.token=secret-token-0123456789").run((context) -> {
            assertThat(context).hasNotFailed().hasSingleBean(OrganizationSummaryController.class)
                    .hasSingleBean(AdminTokenAuthenticator.class);
            assertThat(context.getBean(AdminTokenAuthenticator.class).toString()).contains("configured=true");
        });
        web.run((context) -> assertThat(context.getBean(AdminTokenAuthenticator.class).toString())
                .contains("configured=false"));
        web.withPropertyValues("saaskit.http.admin.enabled=false").run((context) -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(OrganizationSummaryController.class);
        });
        new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(SaasAdminWebAutoConfiguration.class))
                .run((context) -> assertThat(context).doesNotHaveBean(OrganizationSummaryController.class));
    }

    private OrganizationSummaryService withoutBilling() {
        PlanService plans = new PlanService(new PlanCatalogue(List.of(new Plan("free", "Free", null, Map.of())),
                "free"), new InMemoryOrganizationPlanStore(this.organizations), new InMemoryAuditSink(),
                new InMemoryTransactionRunner(), this.clock, PlanSettings.defaults());
        return new OrganizationSummaryService(this.organizations,
                new InMemoryMembershipRepository(new InMemoryUserRepository(), this.organizations), plans,
                new InMemoryUsageEventStore(), null, null, null);
    }

    private Organization storedOrganization() {
        Organization organization = Fixtures.organization(this.clock);
        this.organizations.insert(organization);
        return organization;
    }
}
