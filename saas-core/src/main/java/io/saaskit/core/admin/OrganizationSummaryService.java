package io.saaskit.core.admin;

import java.util.Objects;

import io.saaskit.core.billing.InboxSummary;
import io.saaskit.core.billing.StripeEventService;
import io.saaskit.core.billing.Subscription;
import io.saaskit.core.billing.port.SubscriptionRepository;
import io.saaskit.core.jobs.JobCounts;
import io.saaskit.core.jobs.port.JobBroker;
import io.saaskit.core.membership.port.MembershipRepository;
import io.saaskit.core.metering.EffectivePlan;
import io.saaskit.core.metering.Metrics;
import io.saaskit.core.metering.Period;
import io.saaskit.core.metering.PlanService;
import io.saaskit.core.metering.UsageSummary;
import io.saaskit.core.metering.port.UsageEventStore;
import io.saaskit.core.shared.NotFoundException;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.tenancy.port.OrganizationRepository;

import org.jspecify.annotations.Nullable;

/**
 * The operator's summary of one organization ({@code GET /admin/orgs/:orgId/summary}): plan, active members,
 * current subscription, {@code api_requests} usage in the current period, webhook inbox and job queue.
 *
 * <p>The caller is trusted: this service checks no permission, because the operator API authenticates with the
 * deployment's admin token before it calls it. The plan and the usage period are the ones admission enforces
 * ({@link PlanService#effective} and {@link PlanService#period}: the entitled subscription's period, otherwise the
 * UTC calendar month), and usage is summed over that period from the durable usage events, as
 * {@code GET /usage/summary} does.
 *
 * <p>Billing and the job worker are optional parts of a deployment. Without billing (no subscription store and no
 * webhook inbox) the subscription is {@code null} and the webhook counts are zero; without a {@link JobBroker} (no
 * job queue, or one the application provides only as a {@code JobQueue}) the job counts are zero.
 */
public final class OrganizationSummaryService {

    /** The webhook counts of a deployment without billing. */
    private static final InboxSummary NO_WEBHOOKS = new InboxSummary(0, 0, 0, null, 0);

    /** The job counts of a deployment without a job broker. */
    private static final JobCounts NO_JOBS = new JobCounts(0, 0);

    private final OrganizationRepository organizations;

    private final MembershipRepository memberships;

    private final PlanService plans;

    private final UsageEventStore usage;

    private final @Nullable SubscriptionRepository subscriptions;

    private final @Nullable StripeEventService webhooks;

    private final @Nullable JobBroker jobs;

    /**
     * Creates the service.
     * @param organizations the organizations
     * @param memberships the memberships
     * @param plans the effective plans and usage periods
     * @param usage the durable usage events
     * @param subscriptions the subscriptions, or {@code null} when billing is not configured
     * @param webhooks the webhook inbox service, or {@code null} when billing is not configured
     * @param jobs the job queue's worker side, or {@code null} when there is none
     */
    public OrganizationSummaryService(OrganizationRepository organizations, MembershipRepository memberships,
            PlanService plans, UsageEventStore usage, @Nullable SubscriptionRepository subscriptions,
            @Nullable StripeEventService webhooks, @Nullable JobBroker jobs) {
        this.organizations = Objects.requireNonNull(organizations, "organizations");
        this.memberships = Objects.requireNonNull(memberships, "memberships");
        this.plans = Objects.requireNonNull(plans, "plans");
        this.usage = Objects.requireNonNull(usage, "usage");
        this.subscriptions = subscriptions;
        this.webhooks = webhooks;
        this.jobs = jobs;
    }

    /**
     * Summarizes an organization.
     * @param orgId the organization
     * @return the summary
     * @throws NotFoundException "Organization not found" when it does not exist
     * @throws io.saaskit.core.shared.ServiceUnavailableException when the job queue cannot be reached
     */
    public OrganizationSummary summarize(OrgId orgId) {
        Organization organization = this.organizations.findById(orgId)
                .orElseThrow(() -> new NotFoundException("Organization not found"));
        EffectivePlan plan = this.plans.effective(orgId);
        Period period = this.plans.period(orgId);
        long used = this.usage.sum(orgId, Metrics.API_REQUESTS, period);
        Long limit = plan.apiRequestsLimit();
        Long remaining = (limit != null) ? Math.max(0, limit - used) : null;
        UsageSummary periodUsage = new UsageSummary(Metrics.API_REQUESTS, plan.plan().id(), used, limit, remaining,
                period.start(), period.end());
        Subscription subscription = (this.subscriptions != null)
                ? this.subscriptions.current(orgId).orElse(null) : null;
        InboxSummary inbox = (this.webhooks != null) ? this.webhooks.summary(orgId) : NO_WEBHOOKS;
        JobCounts counts = (this.jobs != null) ? this.jobs.counts() : NO_JOBS;
        return new OrganizationSummary(organization, plan, this.memberships.countActive(orgId), subscription,
                periodUsage, inbox, counts);
    }
}
