package io.saaskit.core.memory;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.saaskit.core.billing.BillingAccount;
import io.saaskit.core.billing.port.BillingAccountStore;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.tenancy.port.OrganizationRepository;

/**
 * A {@link BillingAccountStore} kept in memory next to an {@link OrganizationRepository}, which decides which
 * organizations exist. {@link #lock} serialises nothing: single-threaded tests and embeddings need no lock.
 */
public final class InMemoryBillingAccountStore implements BillingAccountStore {

    private final OrganizationRepository organizations;

    private final Map<OrgId, String> customers = new ConcurrentHashMap<>();

    /**
     * Creates the store.
     * @param organizations where organizations live
     */
    public InMemoryBillingAccountStore(OrganizationRepository organizations) {
        this.organizations = organizations;
    }

    @Override
    public Optional<BillingAccount> find(OrgId orgId) {
        return this.organizations.findById(orgId)
                .map((organization) -> new BillingAccount(orgId, this.customers.get(orgId)));
    }

    @Override
    public Optional<BillingAccount> lock(OrgId orgId) {
        return find(orgId);
    }

    @Override
    public synchronized boolean linkCustomer(OrgId orgId, String stripeCustomerId, Instant now) {
        if (this.organizations.findById(orgId).isEmpty() || this.customers.containsValue(stripeCustomerId)) {
            return false;
        }
        return this.customers.putIfAbsent(orgId, stripeCustomerId) == null;
    }

    @Override
    public Optional<OrgId> findOrgId(String stripeCustomerId) {
        return this.customers.entrySet().stream().filter((entry) -> entry.getValue().equals(stripeCustomerId))
                .map(Map.Entry::getKey).findFirst();
    }

    @Override
    public List<BillingAccount> withCustomer() {
        return this.customers.entrySet().stream()
                .map((entry) -> new BillingAccount(entry.getKey(), entry.getValue()))
                .sorted(Comparator.comparing((BillingAccount account) -> account.orgId().value()))
                .toList();
    }
}
