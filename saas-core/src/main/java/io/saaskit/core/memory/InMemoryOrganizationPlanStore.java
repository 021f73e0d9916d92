package io.saaskit.core.memory;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.saaskit.core.metering.OrganizationPlan;
import io.saaskit.core.metering.PlanSource;
import io.saaskit.core.metering.port.OrganizationPlanStore;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.tenancy.port.OrganizationRepository;

/**
 * An {@link OrganizationPlanStore} kept in memory next to an {@link OrganizationRepository}: an organization's
 * plan columns start as the repository created them (source {@code default}, no override) and then live here.
 *
 * <p>The in-memory {@link Organization} records are immutable, so {@link OrganizationRepository#findById} keeps
 * showing the plan the organization was created with; the plan service reads the columns from this store.
 */
public final class InMemoryOrganizationPlanStore implements OrganizationPlanStore {

    private final OrganizationRepository organizations;

    private final Map<OrgId, OrganizationPlan> plans = new ConcurrentHashMap<>();

    /**
     * Creates the store.
     * @param organizations where organizations live
     */
    public InMemoryOrganizationPlanStore(OrganizationRepository organizations) {
        this.organizations = organizations;
    }

    @Override
    public Optional<OrganizationPlan> find(OrgId orgId) {
        OrganizationPlan stored = this.plans.get(orgId);
        if (stored != null) {
            return Optional.of(stored);
        }
        return this.organizations.findById(orgId).map((organization) -> new OrganizationPlan(organization.plan(),
                organization.planLimit().orElse(null), PlanSource.DEFAULT, null, null));
    }

    @Override
    public boolean save(OrgId orgId, OrganizationPlan plan, Instant now) {
        if (this.organizations.findById(orgId).isEmpty()) {
            return false;
        }
        this.plans.put(orgId, plan);
        return true;
    }
}
