package io.saaskit.boot.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import io.saaskit.adapters.jdbc.JdbcBillingAccountStore;
import io.saaskit.adapters.jdbc.JdbcSettings;
import io.saaskit.adapters.jdbc.JdbcStripeEventInbox;
import io.saaskit.adapters.jdbc.JdbcSubscriptionRepository;
import io.saaskit.boot.billing.BillingReconcileJobHandler;
import io.saaskit.boot.billing.StripeDispatchJobHandler;
import io.saaskit.boot.billing.StripeEventJobHandler;
import io.saaskit.boot.jobs.ExpiredRowsPurge;
import io.saaskit.boot.notification.LoggingNotificationSender;
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
import io.saaskit.core.billing.port.StripeEventReader;
import io.saaskit.core.billing.port.SubscriptionRepository;
import io.saaskit.core.billing.port.WebhookSignatureVerifier;
import io.saaskit.core.jobs.JobSchedule;
import io.saaskit.core.jobs.ScheduledJob;
import io.saaskit.core.jobs.port.JobQueue;
import io.saaskit.core.membership.port.MembershipRepository;
import io.saaskit.core.metering.PlanService;
import io.saaskit.core.metering.port.EntitlementStore;
import io.saaskit.core.notification.port.NotificationSender;
import io.saaskit.core.shared.port.TransactionRunner;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of billing: the billing, webhook, event-processing and reconciliation services, the webhook
 * inbox writer (group commit of deliveries, {@code saaskit.stripe.inbox.*}; closed on shutdown), the
 * {@code stripe-event} and {@code billing-reconcile} job handlers, the subscription entitlement that metering's plan
 * service follows, a logging notification sender, and the PostgreSQL implementations of the billing stores.
 *
 * <p>Billing is on when {@code saaskit.stripe.enabled} is true (the default) and a {@link BillingGateway} exists:
 * the Stripe adapter provides one when its jar is on the class path, or the application defines its own; leaving
 * the jar out switches billing off. Billing then needs a {@link JobQueue} (from the jobs auto-configuration, or an
 * application bean); without one, startup fails and says which jar to add or which bean to define.
 *
 * <p>Nothing here schedules work. The host's scheduler calls {@link StripeEventService#dispatch} every
 * {@code saaskit.worker.dispatch-interval} (5 s), {@link StripeEventService#purge} with the hourly cleanup, and
 * enqueues {@link BillingReconciliationService#job} daily at {@code saaskit.worker.cron.reconcile} (03:00 UTC).
 */
@AutoConfiguration(after = { SaasStripeAutoConfiguration.class, SaasJdbcAutoConfiguration.class,
        SaasMeteringAutoConfiguration.class, SaasCoreAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "saaskit.stripe.enabled", matchIfMissing = true)
@ConditionalOnBean(BillingGateway.class)
@EnableConfigurationProperties({ SaasStripeProperties.class, SaasProperties.class })
public final class SaasBillingAutoConfiguration {

    /** The lease of a claimed event when {@code saaskit.worker.lease} is not set. */
    private static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);

    @Bean
    @ConditionalOnMissingBean(BillingSettings.class)
    BillingSettings saasBillingSettings(SaasStripeProperties stripe, SaasProperties saas, Environment environment) {
        String web = saas.webBaseUrl().toString().replaceAll("/+$", "");
        String success = (stripe.successUrl() != null) ? stripe.successUrl() : web + "/billing/success";
        String cancel = (stripe.cancelUrl() != null) ? stripe.cancelUrl() : web + "/billing/cancel";
        String portal = (stripe.portalReturnUrl() != null) ? stripe.portalReturnUrl() : web + "/app/billing";
        Duration lease = Binder.get(environment).bind("saaskit.worker.lease", Duration.class).orElse(DEFAULT_LEASE);
        try {
            return new BillingSettings(success, cancel, portal, stripe.maxAttempts(), lease);
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidSaasPropertyException("saaskit.stripe.max-attempts", ex.getMessage(),
                    "Use a max-attempts of at least 1 and a positive saaskit.worker.lease.");
        }
    }

    @Bean
    @ConditionalOnMissingBean(EntitlementStore.class)
    SubscriptionEntitlementStore saasEntitlementStore(SubscriptionRepository subscriptions) {
        return new SubscriptionEntitlementStore(subscriptions);
    }

    @Bean
    @ConditionalOnMissingBean(NotificationSender.class)
    LoggingNotificationSender saasNotificationSender() {
        return new LoggingNotificationSender();
    }

    @Bean
    @ConditionalOnMissingBean(BillingService.class)
    BillingService saasBillingService(BillingGateway gateway, BillingAccountStore accounts,
            SubscriptionRepository subscriptions, PlanService plans, AuditSink audit, TransactionRunner transactions,
            Clock clock, BillingSettings settings) {
        return new BillingService(gateway, accounts, subscriptions, plans, audit, transactions, clock, settings);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(WebhookInboxWriter.class)
    WebhookInboxWriter saasWebhookInboxWriter(StripeEventInbox inbox, JobQueue queue, TransactionRunner transactions,
            SaasStripeProperties stripe) {
        return new WebhookInboxWriter(inbox, queue, transactions, stripe.inbox().settings("saaskit.stripe.inbox"));
    }

    @Bean
    @ConditionalOnMissingBean(StripeWebhookService.class)
    StripeWebhookService saasStripeWebhookService(WebhookSignatureVerifier verifier, StripeEventReader reader,
            WebhookInboxWriter writer, Clock clock) {
        return new StripeWebhookService(verifier, reader, writer, clock);
    }

    @Bean
    @ConditionalOnMissingBean(StripeEventService.class)
    StripeEventService saasStripeEventService(StripeEventInbox inbox, StripeEventReader reader,
            SubscriptionRepository subscriptions, BillingAccountStore accounts, BillingGateway gateway,
            MembershipRepository memberships, NotificationSender notifications, PlanService plans, JobQueue queue,
            AuditSink audit, TransactionRunner transactions, Clock clock, BillingSettings settings) {
        return new StripeEventService(inbox, reader, subscriptions, accounts, gateway, memberships, notifications,
                plans, queue, audit, transactions, clock, settings);
    }

    @Bean
    @ConditionalOnMissingBean(BillingReconciliationService.class)
    BillingReconciliationService saasBillingReconciliationService(BillingGateway gateway,
            BillingAccountStore accounts, SubscriptionRepository subscriptions, PlanService plans, JobQueue queue,
            AuditSink audit, TransactionRunner transactions, Clock clock) {
        return new BillingReconciliationService(gateway, accounts, subscriptions, plans, queue, audit, transactions,
                clock);
    }

    @Bean
    StripeEventJobHandler saasStripeEventJobHandler(StripeEventService events) {
        return new StripeEventJobHandler(events);
    }

    @Bean
    BillingReconcileJobHandler saasBillingReconcileJobHandler(BillingReconciliationService reconciliation) {
        return new BillingReconcileJobHandler(reconciliation);
    }

    /** The billing jobs' schedules and the inbox purge, where the worker runs. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = SaasJobsAutoConfiguration.WORKER_ENABLED, matchIfMissing = true)
    @EnableConfigurationProperties(SaasWorkerProperties.class)
    static class SaasBillingScheduleConfiguration {

        @Bean
        StripeDispatchJobHandler saasStripeDispatchJobHandler(StripeEventService events,
                SaasWorkerProperties worker) {
            return new StripeDispatchJobHandler(events, worker.dispatchInterval());
        }

        @Bean
        ScheduledJob saasStripeDispatchSchedule(SaasWorkerProperties worker) {
            return new ScheduledJob(StripeDispatchJobHandler.TYPE, JobSchedule.every(worker.dispatchInterval()),
                    StripeDispatchJobHandler.REQUEST);
        }

        @Bean
        ScheduledJob saasBillingReconcileSchedule(SaasWorkerProperties worker) {
            return new ScheduledJob("billing-reconcile",
                    SaasJobsAutoConfiguration.cron("saaskit.worker.cron.reconcile", worker.cron().reconcile()),
                    BillingReconciliationService.job(null));
        }

        @Bean
        ExpiredRowsPurge saasStripeInboxPurge(StripeEventService events) {
            return new ExpiredRowsPurge() {

                @Override
                public String description() {
                    return "processed and ignored Stripe events older than 90 days";
                }

                @Override
                public int deleteExpired(Instant now) {
                    return events.purge();
                }
            };
        }
    }

    /**
     * The PostgreSQL implementations of the billing stores, when the PostgreSQL adapter is active.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JdbcStripeEventInbox.class)
    @ConditionalOnBean(JdbcSettings.class)
    static class JdbcBillingConfiguration {

        @Bean
        @DependsOn(SaasJdbcAutoConfiguration.SCHEMA_INITIALIZER)
        @ConditionalOnMissingBean(SubscriptionRepository.class)
        JdbcSubscriptionRepository saasSubscriptionRepository(DataSource dataSource, JdbcSettings settings) {
            return new JdbcSubscriptionRepository(dataSource, settings);
        }

        @Bean
        @DependsOn(SaasJdbcAutoConfiguration.SCHEMA_INITIALIZER)
        @ConditionalOnMissingBean(BillingAccountStore.class)
        JdbcBillingAccountStore saasBillingAccountStore(DataSource dataSource, JdbcSettings settings) {
            return new JdbcBillingAccountStore(dataSource, settings);
        }

        @Bean
        @DependsOn(SaasJdbcAutoConfiguration.SCHEMA_INITIALIZER)
        @ConditionalOnMissingBean(StripeEventInbox.class)
        JdbcStripeEventInbox saasStripeEventInbox(DataSource dataSource, JdbcSettings settings) {
            return new JdbcStripeEventInbox(dataSource, settings);
        }
    }
}
