package io.saaskit.boot.web.usage;

import java.time.ZoneOffset;

import io.saaskit.boot.web.support.JsonTimestamps;
import io.saaskit.core.metering.UsageDay;

/**
 * One row of {@code GET /usage}: a metric's total on one UTC day.
 *
 * @param id the row id
 * @param orgId the organization
 * @param metric the metric
 * @param date the day's UTC midnight
 * @param quantity the day's total
 */
public record UsageDayResponse(String id, String orgId, String metric, String date, long quantity) {

    static UsageDayResponse of(UsageDay day) {
        return new UsageDayResponse(day.id().toString(), day.orgId().toString(), day.metric(),
                JsonTimestamps.format(day.day().atStartOfDay(ZoneOffset.UTC).toInstant()), day.quantity());
    }
}
