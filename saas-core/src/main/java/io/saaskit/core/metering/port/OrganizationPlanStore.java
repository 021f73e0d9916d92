package io.saaskit.core.metering.port;

import java.time.Instant;
import java.util.Optional;

import io.saaskit.core.metering.OrganizationPlan;
import io.saaskit.core.tenancy.OrgId;

/**
 * Reads and writes the plan columns of an organization (effective plan, its {@code api_requests} limit, its
 * source, and the operator's override).
 */
public interface OrganizationPlanStore {

    /**
     * Reads an organization's plan columns.
     * @param orgId the organization
     * @return the columns, or empty when the organization does not exist
     */
    Optional<OrganizationPlan> find(OrgId orgId);

    /**
     * Writes an organization's plan columns.
     * @param orgId the organization
     * @param plan the new columns
     * @param now the time of the change
     * @return true when the organization exists
     */
    boolean save(OrgId orgId, OrganizationPlan plan, Instant now);
}
