package io.saaskit.core.billing.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.saaskit.core.billing.BillingAccount;
import io.saaskit.core.tenancy.OrgId;

/**
 * The link between organizations and their Stripe customers ({@code organization.stripe_customer_id}). Writes
 * join the caller's {@link io.saaskit.core.shared.port.TransactionRunner} unit of work.
 */
public interface BillingAccountStore {

    /**
     * Reads an organization's billing account.
     * @param orgId the organization
     * @return the account, or empty when the organization does not exist
     */
    Optional<BillingAccount> find(OrgId orgId);

    /**
     * Reads an organization's billing account and locks the organization until the unit of work ends, so
     * concurrent checkouts create one customer.
     * @param orgId the organization
     * @return the account, or empty when the organization does not exist
     */
    Optional<BillingAccount> lock(OrgId orgId);

    /**
     * Stores an organization's customer unless it already has one.
     * @param orgId the organization
     * @param stripeCustomerId the customer
     * @param now the time of the change
     * @return true when stored, false when the organization does not exist or already has a customer
     */
    boolean linkCustomer(OrgId orgId, String stripeCustomerId, Instant now);

    /**
     * Which organization a Stripe customer belongs to: a cross-tenant lookup for webhook org resolution.
     * @param stripeCustomerId the customer
     * @return the organization, or empty when unknown
     */
    Optional<OrgId> findOrgId(String stripeCustomerId);

    /**
     * Every organization that has a customer, for reconciliation: a cross-tenant list.
     * @return the accounts, by organization id
     */
    List<BillingAccount> withCustomer();
}
