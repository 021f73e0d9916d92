package io.saaskit.core.billing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.saaskit.core.audit.Actor;
import io.saaskit.core.audit.AuditEntry;
import io.saaskit.core.audit.AuditHashes;
import io.saaskit.core.audit.port.AuditSink;
import io.saaskit.core.billing.port.BillingAccountStore;
import io.saaskit.core.billing.port.BillingGateway;
import io.saaskit.core.billing.port.SubscriptionRepository;
import io.saaskit.core.jobs.JobRequest;
import io.saaskit.core.jobs.port.JobQueue;
import io.saaskit.core.metering.PlanService;
import io.saaskit.core.shared.BadRequestException;
import io.saaskit.core.shared.CanonicalJson;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.shared.NotFoundException;
import io.saaskit.core.shared.RequestContext;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.tenancy.OrgId;

import org.jspecify.annotations.Nullable;

/**
 * Repairs subscriptions from Stripe, the {@value #JOB_TYPE} job (daily at 03:00 UTC, and on demand through
 * {@code POST /admin/reconcile}): for every organization with a Stripe customer, its subscriptions are listed from
 * Stripe (at most 20 requests per second) and every difference in status, price, period or cancellation is
 * applied, audited as {@code billing.subscription.reconciled {field: {before, after}}}, and the plan recomputed.
 */
public final class BillingReconciliationService {

    /** The reconciliation job. */
    public static final String JOB_TYPE = "billing-reconcile";

    /** The shortest time between two Stripe requests: at most 20 per second. */
    private static final Duration REQUEST_SPACING = Duration.ofMillis(50);

    private final BillingGateway gateway;

    private final BillingAccountStore accounts;

    private final SubscriptionRepository subscriptions;

    private final PlanService plans;

    private final JobQueue queue;

    private final AuditSink audit;

    private final TransactionRunner transactions;

    private final Clock clock;

    public BillingReconciliationService(BillingGateway gateway, BillingAccountStore accounts,
            SubscriptionRepository subscriptions, PlanService plans, JobQueue queue, AuditSink audit,
            TransactionRunner transactions, Clock clock) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.plans = Objects.requireNonNull(plans, "plans");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The job that reconciles one organization, or all.
     * @param orgId the organization, or {@code null} for every organization with a customer
     * @return the job request
     */
    public static JobRequest job(@Nullable OrgId orgId) {
        return job(orgId, null);
    }

    /**
     * The job that reconciles one organization, or all, on behalf of a request, whose id its audit rows then carry.
     * @param orgId the organization, or {@code null} for every organization with a customer
     * @param requestId the id of the request that asked for it, or {@code null}
     * @return the job request
     */
    public static JobRequest job(@Nullable OrgId orgId, @Nullable String requestId) {
        Map<String, @Nullable Object> payload = new LinkedHashMap<>();
        if (orgId != null) {
            payload.put("orgId", orgId.toString());
        }
        if (requestId != null) {
            payload.put("requestId", requestId);
        }
        return new JobRequest(JobRequest.MAINTENANCE, JOB_TYPE, CanonicalJson.of(payload));
    }

    /**
     * Enqueues a reconciliation ({@code POST /admin/reconcile}, with {@code ?orgId=} for one organization or
     * without it for every organization with a Stripe customer).
     * @param orgId the organization, or {@code null} for all
     * @param requestId the id of the asking request, carried by the job's audit rows, or {@code null}
     * @throws BadRequestException when Stripe is not configured
     * @throws NotFoundException when the organization does not exist
     */
    public void request(@Nullable OrgId orgId, @Nullable String requestId) {
        if (!this.gateway.configured()) {
            throw new BadRequestException(BillingService.NOT_CONFIGURED);
        }
        if (orgId != null && this.accounts.find(orgId).isEmpty()) {
            throw new NotFoundException("Organization not found");
        }
        this.queue.enqueue(job(orgId, requestId));
    }

    /**
     * Reconciles now. Without Stripe credentials there is nothing to compare with, and nothing happens.
     * @param orgId the organization, or {@code null} for every organization with a customer
     * @param context what asked for it (the admin request, or the scheduled job), for the audit rows
     * @return the subscriptions repaired
     */
    public int reconcile(@Nullable OrgId orgId, RequestContext context) {
        if (!this.gateway.configured()) {
            return 0;
        }
        List<BillingAccount> targets = (orgId != null)
                ? this.accounts.find(orgId).filter((account) -> account.stripeCustomerId() != null).stream().toList()
                : this.accounts.withCustomer();
        int repaired = 0;
        for (BillingAccount account : targets) {
            pause();
            List<StripeSubscription> remote = this.gateway.subscriptions(
                    Objects.requireNonNull(account.stripeCustomerId()));
            for (StripeSubscription state : remote) {
                if (this.transactions.inTransaction(() -> repair(account.orgId(), state, context))) {
                    repaired++;
                }
            }
        }
        return repaired;
    }

    private static void pause() {
        try {
            Thread.sleep(REQUEST_SPACING.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean repair(OrgId orgId, StripeSubscription state, RequestContext context) {
        Instant now = this.clock.instant();
        Optional<Subscription> existing = this.subscriptions.lock(orgId, state.subscriptionId());
        Map<String, @Nullable Object> changes = new LinkedHashMap<>();
        Subscription next;
        if (existing.isEmpty()) {
            next = Subscription.create(Ids.next(this.clock), orgId, state, now, now);
            changes.put("subscription", change(null, state.subscriptionId()));
        }
        else {
            Subscription before = existing.get();
            next = before.apply(state, now, now);
            if (!before.differsFrom(next)) {
                return false;
            }
            putIfChanged(changes, "status", before.status(), next.status());
            putIfChanged(changes, "priceId", before.stripePriceId(), next.stripePriceId());
            putIfChanged(changes, "currentPeriodStart", text(before.currentPeriodStart()),
                    text(next.currentPeriodStart()));
            putIfChanged(changes, "currentPeriodEnd", text(before.currentPeriodEnd()), text(next.currentPeriodEnd()));
            putIfChanged(changes, "cancelAtPeriodEnd", before.cancelAtPeriodEnd(), next.cancelAtPeriodEnd());
        }
        this.subscriptions.save(orgId, next);
        this.audit.record(orgId, AuditEntry.of(orgId, Actor.SYSTEM, "billing.subscription.reconciled",
                "subscription", state.subscriptionId(), changes, context, now));
        this.plans.subscriptionChanged(orgId, context);
        return true;
    }

    private static void putIfChanged(Map<String, @Nullable Object> changes, String field, @Nullable Object before,
            @Nullable Object after) {
        if (!Objects.equals(before, after)) {
            changes.put(field, change(before, after));
        }
    }

    private static Map<String, @Nullable Object> change(@Nullable Object before, @Nullable Object after) {
        Map<String, @Nullable Object> change = new LinkedHashMap<>();
        change.put("before", before);
        change.put("after", after);
        return change;
    }

    /** A time in the audit rows' format, ISO-8601 UTC with milliseconds (§0.3). */
    private static @Nullable String text(@Nullable Instant instant) {
        return (instant != null) ? AuditHashes.timestamp(instant) : null;
    }
}
