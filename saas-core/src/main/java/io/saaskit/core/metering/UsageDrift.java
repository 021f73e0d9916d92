package io.saaskit.core.metering;

import java.time.LocalDate;
import java.util.Objects;

import io.saaskit.core.tenancy.OrgId;

/**
 * A daily rollup row that disagreed with the events it sums, found and corrected by the usage rollup: metering
 * drift.
 *
 * @param orgId the organization
 * @param metric {@code api_requests} or {@code api_key:<id>}
 * @param day the UTC day
 * @param recorded the quantity the row held, 0 when the row was missing
 * @param actual the sum of the day's events, which the row now holds
 */
public record UsageDrift(OrgId orgId, String metric, LocalDate day, long recorded, long actual) {

    public UsageDrift {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(day, "day");
    }

    /**
     * How far the row was off.
     * @return {@code actual − recorded}
     */
    public long difference() {
        return this.actual - this.recorded;
    }
}
