package io.saaskit.boot.web.usage;

import io.saaskit.boot.web.support.JsonTimestamps;
import io.saaskit.core.metering.UsageSummary;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code GET /usage/summary}: one metric's usage in the current period against the plan's limit.
 *
 * @param metric the metric
 * @param plan the effective plan id
 * @param used the quantity recorded in the period
 * @param limit the limit, or {@code null} when unlimited
 * @param remaining what is left, or {@code null} when unlimited
 * @param periodStart the period's start
 * @param periodEnd the period's end (exclusive)
 */
public record UsageSummaryResponse(String metric, String plan, long used, @Nullable Long limit,
        @Nullable Long remaining, String periodStart, String periodEnd) {

    static UsageSummaryResponse of(UsageSummary summary) {
        return new UsageSummaryResponse(summary.metric(), summary.plan(), summary.used(), summary.limit(),
                summary.remaining(), JsonTimestamps.format(summary.periodStart()),
                JsonTimestamps.format(summary.periodEnd()));
    }
}
