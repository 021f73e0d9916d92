package io.saaskit.core.metering.port;

import io.saaskit.core.metering.Period;
import io.saaskit.core.metering.QuotaDecision;
import io.saaskit.core.tenancy.OrgId;

/**
 * The shared per-organization, per-metric, per-period usage counter that admission decides on. Check and count
 * are one atomic step, so racing requests on any number of instances never push an organization past its limit.
 */
public interface QuotaCounter {

    /**
     * Adds the quantity if the result stays within the limit.
     * @param orgId the organization
     * @param metric the metric, for example {@code api_requests}
     * @param period the period the counter belongs to
     * @param quantity the quantity to add, positive
     * @param limit the effective limit
     * @return admitted, refused, or uninitialised (nothing counted)
     */
    QuotaDecision tryConsume(OrgId orgId, String metric, Period period, long quantity, long limit);

    /**
     * Creates the counter with a starting value unless it already exists.
     * @param orgId the organization
     * @param metric the metric
     * @param period the period
     * @param used the usage already recorded in the period
     */
    void initialize(OrgId orgId, String metric, Period period, long used);

    /**
     * Gives back a quantity admitted earlier, when the request it was for failed.
     * @param orgId the organization
     * @param metric the metric
     * @param period the period
     * @param quantity the quantity to give back
     */
    void release(OrgId orgId, String metric, Period period, long quantity);
}
