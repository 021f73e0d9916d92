package io.saaskit.core.admin;

import java.util.Objects;

import io.saaskit.core.billing.InboxSummary;
import io.saaskit.core.billing.Subscription;
import io.saaskit.core.jobs.JobCounts;
import io.saaskit.core.metering.EffectivePlan;
import io.saaskit.core.metering.UsageSummary;
import io.saaskit.core.tenancy.Organization;

import org.jspecify.annotations.Nullable;

/**
 * What an operator sees of one organization: a snapshot read from several stores, each value as its store held it
 * at the moment it was read (the parts are not one consistent transaction).
 *
 * @param organization the organization
 * @param plan its effective plan, the one admission enforces
 * @param memberCount its active memberships (suspended ones are not counted)
 * @param subscription its current subscription, or {@code null} when it never had one or billing is not configured
 * @param usage its {@code api_requests} usage in the current period against the plan's limit
 * @param webhooks its webhook inbox counts; all zero when billing is not configured
 * @param jobs the job queue's failed and dead jobs (of every organization: jobs carry no organization); zero when
 * there is no job broker
 */
public record OrganizationSummary(Organization organization, EffectivePlan plan, long memberCount,
        @Nullable Subscription subscription, UsageSummary usage, InboxSummary webhooks, JobCounts jobs) {

    public OrganizationSummary {
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(webhooks, "webhooks");
        Objects.requireNonNull(jobs, "jobs");
        if (memberCount < 0) {
            throw new IllegalArgumentException("memberCount is not negative");
        }
    }
}
