package io.saaskit.core.metering.port;

import java.util.Optional;

import io.saaskit.core.metering.Entitlement;
import io.saaskit.core.tenancy.OrgId;

/**
 * Tells which subscription entitlement an organization has, if any: the seam through which billing decides the
 * plan ({@code plan_source = subscription}) and the usage period.
 */
public interface EntitlementStore {

    /** No entitlements at all: the deployment has no billing. */
    EntitlementStore NONE = (orgId) -> Optional.empty();

    /**
     * The organization's entitlement.
     * @param orgId the organization
     * @return the entitlement of its entitled subscription, or empty when it has none
     */
    Optional<Entitlement> find(OrgId orgId);
}
