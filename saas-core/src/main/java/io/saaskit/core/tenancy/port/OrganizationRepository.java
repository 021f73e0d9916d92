package io.saaskit.core.tenancy.port;

import java.util.Optional;

import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.tenancy.Organization;

/**
 * Stores organizations.
 */
public interface OrganizationRepository {

    /**
     * Stores a new organization.
     * @param organization the organization
     */
    void insert(Organization organization);

    /**
     * Finds an organization.
     * @param orgId the id
     * @return the organization, or empty
     */
    Optional<Organization> findById(OrgId orgId);

    /**
     * Locks the organization row until the surrounding transaction ends, serialising membership changes so that
     * invariants such as "at least one owner" hold under concurrency.
     * @param orgId the id
     * @return the organization, or empty when it does not exist
     */
    Optional<Organization> lock(OrgId orgId);
}
