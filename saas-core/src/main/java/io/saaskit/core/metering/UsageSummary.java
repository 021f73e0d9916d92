package io.saaskit.core.metering;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * An organization's usage of one metric in the current period, against its plan's limit.
 *
 * @param metric the metric
 * @param plan the effective plan id
 * @param used the quantity recorded in the period
 * @param limit the plan's limit, or {@code null} when unlimited
 * @param remaining what is left, or {@code null} when unlimited
 * @param periodStart the period's start
 * @param periodEnd the period's end (exclusive)
 */
public record UsageSummary(String metric, String plan, long used, @Nullable Long limit, @Nullable Long remaining,
        Instant periodStart, Instant periodEnd) {

    public UsageSummary {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(periodEnd, "periodEnd");
    }
}
