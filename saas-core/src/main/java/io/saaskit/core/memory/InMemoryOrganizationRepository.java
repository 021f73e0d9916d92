package io.saaskit.core.memory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.tenancy.port.OrganizationRepository;

/**
 * An {@link OrganizationRepository} kept in memory, for tests and for embedding the core without a database.
 *
 * <p>Thread-safe. {@link #lock(OrgId)} takes no lock of its own: with {@link InMemoryTransactionRunner}
 * every transaction already runs alone, which serialises membership changes as a row lock would.
 */
public final class InMemoryOrganizationRepository implements OrganizationRepository {

    private final Map<OrgId, Organization> byId = new ConcurrentHashMap<>();

    @Override
    public void insert(Organization organization) {
        if (this.byId.putIfAbsent(organization.id(), organization) != null) {
            throw new IllegalStateException("Organization " + organization.id() + " already exists");
        }
    }

    @Override
    public Optional<Organization> findById(OrgId orgId) {
        return Optional.ofNullable(this.byId.get(orgId));
    }

    @Override
    public Optional<Organization> lock(OrgId orgId) {
        return findById(orgId);
    }
}
