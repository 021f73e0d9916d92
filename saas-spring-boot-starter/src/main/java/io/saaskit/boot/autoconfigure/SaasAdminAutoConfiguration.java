package io.saaskit.boot.autoconfigure;

import io.saaskit.core.admin.OrganizationSummaryService;
import io.saaskit.core.billing.StripeEventService;
import io.saaskit.core.billing.port.SubscriptionRepository;
import io.saaskit.core.jobs.port.JobBroker;
import io.saaskit.core.membership.port.MembershipRepository;
import io.saaskit.core.metering.PlanService;
import io.saaskit.core.metering.port.UsageEventStore;
import io.saaskit.core.tenancy.port.OrganizationRepository;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the operator's organization summary: the {@link OrganizationSummaryService} that
 * {@code GET /admin/orgs/:orgId/summary} answers from.
 *
 * <p>It needs the organization and membership stores and metering (plan service and usage events). Billing and the
 * job broker are optional: without billing (no Stripe adapter or {@code saaskit.stripe.enabled=false}) the summary
 * has no subscription and zero webhook counts, and without a {@link JobBroker} zero job counts. It therefore runs
 * after the billing and jobs auto-configurations, so it sees their beans when they exist.
 */
@AutoConfiguration(after = { SaasCoreAutoConfiguration.class, SaasJdbcAutoConfiguration.class,
        SaasMeteringAutoConfiguration.class, SaasJobsAutoConfiguration.class, SaasBillingAutoConfiguration.class })
@ConditionalOnBean({ OrganizationRepository.class, MembershipRepository.class, PlanService.class,
        UsageEventStore.class })
public final class SaasAdminAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(OrganizationSummaryService.class)
    OrganizationSummaryService saasOrganizationSummaryService(OrganizationRepository organizations,
            MembershipRepository memberships, PlanService plans, UsageEventStore usage,
            ObjectProvider<SubscriptionRepository> subscriptions, ObjectProvider<StripeEventService> webhooks,
            ObjectProvider<JobBroker> jobs) {
        return new OrganizationSummaryService(organizations, memberships, plans, usage, subscriptions.getIfUnique(),
                webhooks.getIfUnique(), jobs.getIfUnique());
    }
}
