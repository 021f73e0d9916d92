package io.saaskit.boot.autoconfigure;

import java.time.Clock;
import java.time.Duration;

import io.saaskit.adapters.stripe.StripeBillingGateway;
import io.saaskit.adapters.stripe.StripeJsonEventReader;
import io.saaskit.adapters.stripe.StripeWebhookSignatureVerifier;
import io.saaskit.boot.billing.BillingReconcileJobHandler;
import io.saaskit.boot.billing.StripeEventJobHandler;
import io.saaskit.boot.notification.LoggingNotificationSender;
import io.saaskit.boot.web.testing.RecordingJobQueue;
import io.saaskit.core.audit.port.AuditSink;
import io.saaskit.core.billing.BillingReconciliationService;
import io.saaskit.core.billing.BillingService;
import io.saaskit.core.billing.BillingSettings;
import io.saaskit.core.billing.StripeEventService;
import io.saaskit.core.billing.StripeWebhookService;
import io.saaskit.core.billing.SubscriptionEntitlementStore;
import io.saaskit.core.billing.WebhookInboxWriter;
import io.saaskit.core.billing.port.BillingAccountStore;
import io.saaskit.core.billing.port.BillingGateway;
import io.saaskit.core.billing.port.StripeEventInbox;
import io.saaskit.core.billing.port.SubscriptionRepository;
import io.saaskit.core.jobs.port.JobQueue;
import io.saaskit.core.membership.port.MembershipRepository;
import io.saaskit.core.memory.InMemoryAuditSink;
import io.saaskit.core.memory.InMemoryBillingAccountStore;
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
import io.saaskit.core.metering.port.EntitlementStore;
import io.saaskit.core.metering.port.OrganizationPlanStore;
import io.saaskit.core.metering.port.QuotaCounter;
import io.saaskit.core.metering.port.UsageEventStore;
import io.saaskit.core.notification.port.NotificationSender;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.shared.port.WriteGate;
import io.saaskit.core.testing.MutableClock;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wiring of {@link SaasStripeAutoConfiguration} and {@link SaasBillingAutoConfiguration} with in-memory ports:
 * the Stripe adapter and the services by default, back-off per port, switched off by property or by leaving the
 * Stripe jar out, settings bound from properties, and a clear failure without a job queue.
 */
class SaasBillingAutoConfigurationTests {

    private final InMemoryOrganizationRepository organizations = new InMemoryOrganizationRepository();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SaasStripeAutoConfiguration.class,
                    SaasMeteringAutoConfiguration.class, SaasBillingAutoConfiguration.class))
            .withBean(Clock.class, MutableClock::new)
            .withBean(AuditSink.class, InMemoryAuditSink::new)
            .withBean(TransactionRunner.class, InMemoryTransactionRunner::new)
            .withBean(WriteGate.class, () -> new InMemoryWriteGate(Clock.systemUTC()))
            .withBean(QuotaCounter.class, InMemoryQuotaCounter::new)
            .withBean(UsageEventStore.class, InMemoryUsageEventStore::new)
            .withBean(OrganizationPlanStore.class, () -> new InMemoryOrganizationPlanStore(this.organizations))
            .withBean(MembershipRepository.class,
                    () -> new InMemoryMembershipRepository(new InMemoryUserRepository(), this.organizations))
            .withBean(SubscriptionRepository.class, InMemorySubscriptionRepository::new)
            .withBean(BillingAccountStore.class, () -> new InMemoryBillingAccountStore(this.organizations))
            .withBean(StripeEventInbox.class, InMemoryStripeEventInbox::new);

    private final ApplicationContextRunner withQueue = this.runner.withBean(JobQueue.class, RecordingJobQueue::new);

    @Test
    void byDefaultStripeBacksTheBillingPorts() {
        this.withQueue.run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(StripeBillingGateway.class)
                    .hasSingleBean(StripeWebhookSignatureVerifier.class).hasSingleBean(StripeJsonEventReader.class)
                    .hasSingleBean(BillingService.class).hasSingleBean(StripeWebhookService.class)
                    .hasSingleBean(StripeEventService.class).hasSingleBean(BillingReconciliationService.class)
                    .hasSingleBean(StripeEventJobHandler.class).hasSingleBean(BillingReconcileJobHandler.class)
                    .hasSingleBean(LoggingNotificationSender.class).hasSingleBean(WebhookInboxWriter.class);
            assertThat(context.getBean(EntitlementStore.class)).isInstanceOf(SubscriptionEntitlementStore.class);
            assertThat(context.getBean(BillingGateway.class).configured()).isFalse();
            assertThat(context.getBean(StripeWebhookSignatureVerifier.class).configured()).isFalse();
            BillingSettings settings = context.getBean(BillingSettings.class);
            assertThat(settings.successUrl()).isEqualTo("http://localhost:3000/billing/success");
            assertThat(settings.cancelUrl()).isEqualTo("http://localhost:3000/billing/cancel");
            assertThat(settings.portalReturnUrl()).isEqualTo("http://localhost:3000/app/billing");
            assertThat(settings.maxAttempts()).isEqualTo(8);
            assertThat(settings.lease()).isEqualTo(Duration.ofMinutes(5));
        });
    }

    @Test
    void settingsAreBoundFromProperties() {
        this.withQueue.withPropertyValues("saaskit.stripe.api-key=sk_test_1", "saaskit.stripe.webhook-secret=a,b",
                "saaskit.stripe.success-url=https://app.example/ok", "saaskit.stripe.max-attempts=3",
                "saaskit.worker.lease=30s", "saaskit.web-base-url=https://app.example").run((context) -> {
                    BillingSettings settings = context.getBean(BillingSettings.class);
                    assertThat(settings.successUrl()).isEqualTo("https://app.example/ok");
                    assertThat(settings.cancelUrl()).isEqualTo("https://app.example/billing/cancel");
                    assertThat(settings.maxAttempts()).isEqualTo(3);
                    assertThat(settings.lease()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(context.getBean(BillingGateway.class).configured()).isTrue();
                    assertThat(context.getBean(StripeWebhookSignatureVerifier.class).configured()).isTrue();
                    assertThat(context.getBean(SaasStripeProperties.class).toString()).doesNotContain("sk_test_1");
                });
    }

    @Test
    void anApplicationsOwnPortsReplaceOurs() {
        BillingGateway gateway = new StripeBillingGateway(null, "https://api.stripe.com", Duration.ofSeconds(1));
        NotificationSender sender = (notification) -> { };
        this.withQueue.withBean("myGateway", BillingGateway.class, () -> gateway)
                .withBean("mySender", NotificationSender.class, () -> sender).run((context) -> {
                    assertThat(context.getBean(BillingGateway.class)).isSameAs(gateway);
                    assertThat(context.getBean(NotificationSender.class)).isSameAs(sender);
                    assertThat(context).doesNotHaveBean(LoggingNotificationSender.class);
                    assertThat(context).hasSingleBean(BillingService.class);
                });
    }

    @Test
    void billingIsOffWhenDisabled() {
        this.withQueue.withPropertyValues("saaskit.stripe.enabled=false").run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(BillingGateway.class).doesNotHaveBean(BillingService.class)
                    .doesNotHaveBean(StripeEventJobHandler.class);
        });
    }

    @Test
    void billingIsOffWithoutTheStripeJarOrAGateway() {
        this.withQueue.withClassLoader(new FilteredClassLoader(StripeBillingGateway.class)).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(BillingGateway.class).doesNotHaveBean(BillingService.class);
        });
    }

    @Test
    void withoutAJobQueueStartupFailsNamingThePort() {
        this.runner.run((context) -> {
            FailureAnalysis analysis = SaasCoreAutoConfigurationTests.analyze(context, getClass().getClassLoader(),
                    new MockEnvironment());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).startsWith("saaskit needs a bean of type '"
                    + JobQueue.class.getName() + "'");
            assertThat(analysis.getAction()).contains("JobQueue");
        });
    }

    @Test
    void badInboxSettingsFailStartup() {
        this.withQueue.withPropertyValues("saaskit.stripe.inbox.max-batch=0").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidSaasPropertyException.class)
                    .hasMessageContaining("saaskit.stripe.inbox");
        });
    }

    @Test
    void aBadApiBaseFailsFast() {
        this.withQueue.withPropertyValues("saaskit.stripe.api-base=not a url").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidSaasPropertyException.class)
                    .hasMessageContaining("saaskit.stripe.api-base");
        });
    }
}
