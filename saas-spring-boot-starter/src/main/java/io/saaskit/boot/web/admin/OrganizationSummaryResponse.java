package io.saaskit.boot.web.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.saaskit.boot.web.support.JsonTimestamps;
import io.saaskit.core.admin.OrganizationSummary;
import io.saaskit.core.billing.InboxSummary;
import io.saaskit.core.billing.Subscription;
import io.saaskit.core.metering.UsageSummary;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code GET /admin/orgs/:orgId/summary}. Null values are always written, whatever the host
 * application's Jackson inclusion setting, so the shape is fixed.
 *
 * @param org the organization and its effective plan
 * @param memberCount its active memberships
 * @param subscription its current subscription, or {@code null}
 * @param usage its {@code api_requests} usage in the current period
 * @param webhooks its webhook inbox counts
 * @param jobs the job queue's failed and dead jobs
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record OrganizationSummaryResponse(Org org, long memberCount, @Nullable SubscriptionPart subscription,
        Usage usage, Webhooks webhooks, Jobs jobs) {

    static OrganizationSummaryResponse of(OrganizationSummary summary) {
        Subscription subscription = summary.subscription();
        UsageSummary usage = summary.usage();
        InboxSummary inbox = summary.webhooks();
        String periodStart = JsonTimestamps.format(usage.periodStart());
        return new OrganizationSummaryResponse(
                new Org(summary.organization().id().toString(), summary.organization().name(),
                        summary.plan().plan().id(), summary.plan().apiRequestsLimit()),
                summary.memberCount(),
                (subscription != null) ? new SubscriptionPart(subscription.id().toString(), subscription.status(),
                        JsonTimestamps.formatNullable(subscription.currentPeriodStart()),
                        JsonTimestamps.formatNullable(subscription.currentPeriodEnd())) : null,
                new Usage(usage.used(), usage.limit(), periodStart, JsonTimestamps.format(usage.periodEnd()),
                        periodStart),
                new Webhooks(inbox.backlog(), inbox.failed(), inbox.dead(),
                        JsonTimestamps.formatNullable(inbox.oldestPendingAt()), inbox.unresolvedGlobal()),
                new Jobs(summary.jobs().failed(), summary.jobs().dead()));
    }

    /**
     * The organization with its effective plan.
     *
     * @param id the id
     * @param name the name
     * @param plan the effective plan id
     * @param planLimit its {@code api_requests} limit, or {@code null} when unlimited
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Org(String id, String name, String plan, @Nullable Long planLimit) {
    }

    /**
     * The current subscription.
     *
     * @param id the subscription's row id
     * @param status the Stripe status
     * @param currentPeriodStart the start of its current period, or {@code null} when not known yet
     * @param currentPeriodEnd the end of its current period, or {@code null} when not known yet
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SubscriptionPart(String id, String status, @Nullable String currentPeriodStart,
            @Nullable String currentPeriodEnd) {
    }

    /**
     * Usage of {@code api_requests} in the current period.
     *
     * @param used the quantity recorded in the period
     * @param limit the plan's limit, or {@code null} when unlimited
     * @param periodStart the period's start
     * @param periodEnd the period's end (exclusive)
     * @param cycleStart the period's start again, under the name the original product used
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Usage(long used, @Nullable Long limit, String periodStart, String periodEnd, String cycleStart) {
    }

    /**
     * The organization's webhook inbox.
     *
     * @param backlog its rows that are received, processing or failed
     * @param failed its failed rows
     * @param dead its dead rows
     * @param oldestPendingAt when the oldest row of its backlog was received, or {@code null}
     * @param unresolvedGlobal unfinished rows of any organization that have no organization yet
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Webhooks(long backlog, long failed, long dead, @Nullable String oldestPendingAt,
            long unresolvedGlobal) {
    }

    /**
     * The job queue.
     *
     * @param failed jobs waiting for a retry
     * @param dead jobs in the dead letters
     */
    public record Jobs(long failed, long dead) {
    }
}
