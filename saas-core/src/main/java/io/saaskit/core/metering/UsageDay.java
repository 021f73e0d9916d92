package io.saaskit.core.metering;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

import io.saaskit.core.tenancy.OrgId;

/**
 * The daily rollup of one metric for one organization: the sum of the quantities of its events on one UTC day.
 *
 * @param id the row id
 * @param orgId the organization
 * @param metric the metric, including the per-key rollups {@code api_key:<id>}
 * @param day the UTC day
 * @param quantity the day's total
 */
public record UsageDay(UUID id, OrgId orgId, String metric, LocalDate day, long quantity) {

    public UsageDay {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(day, "day");
    }
}
