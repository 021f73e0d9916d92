package io.saaskit.core.metering;

import java.time.Instant;
import java.util.Objects;

import io.saaskit.core.tenancy.OrgId;

import org.jspecify.annotations.Nullable;

/**
 * Quota taken for one request: the quantity is counted against the organization's limit for the period until the
 * request's usage event is recorded, or until it is given back because the request failed.
 *
 * @param orgId the organization
 * @param metric the metric
 * @param quantity the quantity taken
 * @param period the period it counts in
 * @param limit the plan's limit for the metric, or {@code null} when unlimited
 * @param used the period's usage including this quantity, as counted when admitted (0 when not counted)
 * @param counted whether the quantity was taken from the quota counter, and so must be given back on failure; false
 *        only for an unlimited metric admitted while the counter was unreachable
 * @param admittedAt when it was admitted
 */
public record Admission(OrgId orgId, String metric, long quantity, Period period, @Nullable Long limit, long used,
        boolean counted, Instant admittedAt) {

    public Admission {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(admittedAt, "admittedAt");
    }

    /**
     * What is left of the limit after this admission.
     * @return the remaining quantity, or {@code null} when unlimited
     */
    public @Nullable Long remaining() {
        return (this.limit != null) ? Math.max(0, this.limit - this.used) : null;
    }
}
