package io.saaskit.core.metering;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.saaskit.core.audit.Actor;
import io.saaskit.core.audit.AuditEntry;
import io.saaskit.core.audit.port.AuditSink;
import io.saaskit.core.membership.OrgAccess;
import io.saaskit.core.membership.Permission;
import io.saaskit.core.metering.port.EntitlementStore;
import io.saaskit.core.metering.port.OrganizationPlanStore;
import io.saaskit.core.shared.FieldError;
import io.saaskit.core.shared.ForbiddenException;
import io.saaskit.core.shared.NotFoundException;
import io.saaskit.core.shared.RequestContext;
import io.saaskit.core.shared.ValidationException;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.tenancy.OrgId;

import org.jspecify.annotations.Nullable;

/**
 * Which plan each organization is on: the catalogue, the operator's override ({@code /admin/plan}), and the
 * effective plan that admission decides with.
 *
 * <p>The effective plan is computed from the stored override and the catalogue, first match wins: override,
 * entitled subscription (the price of the organization's entitled subscription, from the {@link EntitlementStore}
 * billing provides), default plan. The usage {@linkplain #period(OrgId) period} is the entitled subscription's current
 * period while it lasts, otherwise the UTC calendar month. The organization's
 * {@code plan}/{@code plan_limit}/{@code plan_source} columns are kept equal to it: they are rewritten on every
 * override change and whenever a read finds them stale (for example after the catalogue changed). Every change of
 * effective plan is audited as {@code plan.changed}.
 *
 * <p>Admission reads {@link #effective(OrgId)} on every metered request, so it is cached per instance for
 * {@link PlanSettings#cacheTtl()} (then read again by one request while the others go on with the expired entry); a
 * change made through this service applies on this instance at once, one made on another instance within the TTL
 * and one read.
 */
public final class PlanService {

    /** Shortest accepted override plan id. */
    public static final int PLAN_MIN_LENGTH = 2;

    /** Longest accepted override plan id. */
    public static final int PLAN_MAX_LENGTH = 64;

    /** Most cached organizations before the cache is emptied, a bound on its memory. */
    private static final int CACHE_CAPACITY = 10_000;

    private final PlanCatalogue catalogue;

    private final OrganizationPlanStore store;

    private final AuditSink audit;

    private final TransactionRunner transactions;

    private final Clock clock;

    private final PlanSettings settings;

    private final EntitlementStore entitlements;

    private final Map<OrgId, Cached> cache = new ConcurrentHashMap<>();

    /** The calendar month last asked for: computing it from the clock is a measurable share of a metered request. */
    private volatile Period calendarMonth = Period.calendarMonthOf(Instant.EPOCH);

    /**
     * Creates the service for a deployment without billing: no subscription ever decides a plan or period.
     * @param catalogue the plans
     * @param store the organizations' plan columns
     * @param audit where plan changes are audited
     * @param transactions the unit of work
     * @param clock the clock
     * @param settings the options
     */
    public PlanService(PlanCatalogue catalogue, OrganizationPlanStore store, AuditSink audit,
            TransactionRunner transactions, Clock clock, PlanSettings settings) {
        this(catalogue, store, EntitlementStore.NONE, audit, transactions, clock, settings);
    }

    /**
     * Creates the service.
     * @param catalogue the plans
     * @param store the organizations' plan columns
     * @param entitlements the organizations' subscription entitlements
     * @param audit where plan changes are audited
     * @param transactions the unit of work
     * @param clock the clock
     * @param settings the options
     */
    public PlanService(PlanCatalogue catalogue, OrganizationPlanStore store, EntitlementStore entitlements,
            AuditSink audit, TransactionRunner transactions, Clock clock, PlanSettings settings) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.store = Objects.requireNonNull(store, "store");
        this.entitlements = Objects.requireNonNull(entitlements, "entitlements");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * The catalogue.
     * @return the catalogue
     */
    public PlanCatalogue catalogue() {
        return this.catalogue;
    }

    /**
     * The effective plan of an organization, as admission uses it (cached briefly).
     * @param orgId the organization
     * @return the effective plan; the default plan for an unknown organization
     */
    public EffectivePlan effective(OrgId orgId) {
        return cached(orgId).plan();
    }

    /**
     * The organization's current usage period (cached with the plan): the current period of its entitled
     * subscription while now falls inside it, otherwise the UTC calendar month containing now.
     * @param orgId the organization
     * @return the period containing now
     */
    public Period period(OrgId orgId) {
        Instant now = this.clock.instant();
        Period period = cached(orgId).period();
        return (period != null && period.contains(now)) ? period : calendarMonthOf(now);
    }

    private Period calendarMonthOf(Instant now) {
        Period month = this.calendarMonth;
        if (!month.contains(now)) {
            month = Period.calendarMonthOf(now);
            this.calendarMonth = month;
        }
        return month;
    }

    /**
     * Recomputes the effective plan after the organization's subscription changed, inside the caller's unit of
     * work: the plan columns are rewritten and {@code plan.changed} is audited (actor {@code system}) when the
     * effective plan differs. An override keeps winning.
     * @param orgId the organization
     * @param context the request or job that changed the subscription, for the audit row
     */
    public void subscriptionChanged(OrgId orgId, RequestContext context) {
        this.transactions.run(() -> {
            OrganizationPlan stored = this.store.find(orgId).orElse(null);
            if (stored == null) {
                return;
            }
            EffectivePlan current = this.catalogue.effective(stored, subscriptionPrice(orgId));
            if (!stored.matches(current)) {
                Instant now = this.clock.instant();
                this.store.save(orgId, stored.withEffective(current), now);
                auditPlanChange(orgId, Actor.SYSTEM, before(stored), current, context, now);
            }
        });
        this.cache.remove(orgId);
    }

    /**
     * The cached plan and period, read again once expired by one caller at a time: the others are served the expired
     * entry until that read is done, so the requests of a busy organization do not all go to the database at once
     * each time the entry expires. An entry removed by a change on this instance is never served again.
     */
    private Cached cached(OrgId orgId) {
        Instant now = this.clock.instant();
        Cached cached = this.cache.get(orgId);
        if (cached != null && (now.isBefore(cached.expiresAt()) || !cached.claimReload())) {
            return cached;
        }
        Cached loaded;
        try {
            loaded = new Cached(load(orgId), entitledPeriod(orgId), now.plus(this.settings.cacheTtl()));
        }
        catch (RuntimeException ex) {
            if (cached != null) {
                cached.releaseReload();
            }
            throw ex;
        }
        if (this.cache.size() >= CACHE_CAPACITY) {
            this.cache.clear();
        }
        if (cached == null) {
            this.cache.put(orgId, loaded);
        }
        else {
            // Replaced only if still there: a change made meanwhile removed it, and the next read loads afresh.
            this.cache.replace(orgId, cached, loaded);
        }
        return loaded;
    }

    /**
     * The current plan ({@code GET /admin/plan}, permission {@code plan.read}).
     * @param access the caller's access
     * @return the effective plan
     */
    public CurrentPlan current(OrgAccess access) {
        access.require(Permission.PLAN_READ);
        return CurrentPlan.of(refresh(access.orgId()));
    }

    /**
     * Sets the override ({@code POST /admin/plan}, permission {@code plan.update}). A plan of the catalogue keeps
     * its other limits, with {@code planLimit} as its {@code api_requests} limit; another id gets only that limit.
     * Audited as {@code admin.plan.update}.
     * @param access the caller's access
     * @param plan the plan id, 2 to 64 characters after trimming
     * @param planLimit the {@code api_requests} limit, positive
     * @param context the request, for the audit row
     * @return the new effective plan
     * @throws ForbiddenException when overrides are disabled
     * @throws ValidationException when {@code plan} or {@code planLimit} break their rules
     */
    public CurrentPlan override(OrgAccess access, String plan, long planLimit, RequestContext context) {
        access.require(Permission.PLAN_UPDATE);
        requireOverrideEnabled();
        String id = plan.trim();
        List<FieldError> errors = new ArrayList<>();
        if (id.length() < PLAN_MIN_LENGTH || id.length() > PLAN_MAX_LENGTH) {
            errors.add(new FieldError("plan", "Plan must be " + PLAN_MIN_LENGTH + " to " + PLAN_MAX_LENGTH
                    + " characters"));
        }
        if (planLimit <= 0) {
            errors.add(new FieldError("planLimit", "Plan limit must be a positive integer"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        EffectivePlan changed = change(access, context, (stored) -> new OrganizationPlan(stored.plan(),
                stored.planLimit(), stored.source(), id, planLimit), (previous, effective) -> {
                    Map<String, @Nullable Object> metadata = new LinkedHashMap<>();
                    metadata.put("plan", id);
                    metadata.put("planLimit", planLimit);
                    metadata.put("previous", describe(previous));
                    return new Audited("admin.plan.update", metadata);
                });
        return CurrentPlan.of(changed);
    }

    /**
     * Clears the override ({@code DELETE /admin/plan}, permission {@code plan.update}). Audited as
     * {@code admin.plan.cleared}.
     * @param access the caller's access
     * @param context the request, for the audit row
     * @return the effective plan without override
     * @throws ForbiddenException when overrides are disabled
     */
    public CurrentPlan clearOverride(OrgAccess access, RequestContext context) {
        access.require(Permission.PLAN_UPDATE);
        requireOverrideEnabled();
        EffectivePlan changed = change(access, context, (stored) -> new OrganizationPlan(stored.plan(),
                stored.planLimit(), stored.source(), null, null), (previous, effective) -> {
                    Map<String, @Nullable Object> metadata = new LinkedHashMap<>();
                    metadata.put("previous", describe(previous));
                    return new Audited("admin.plan.cleared", metadata);
                });
        return CurrentPlan.of(changed);
    }

    private void requireOverrideEnabled() {
        if (!this.settings.overrideEnabled()) {
            throw new ForbiddenException("Plan override is disabled");
        }
    }

    private EffectivePlan change(OrgAccess access, RequestContext context, Change change, AuditText text) {
        OrgId orgId = access.orgId();
        EffectivePlan result = this.transactions.inTransaction(() -> {
            OrganizationPlan stored = this.store.find(orgId)
                    .orElseThrow(() -> new NotFoundException("Organization not found"));
            EffectivePlan previous = this.catalogue.effective(stored, subscriptionPrice(orgId));
            OrganizationPlan requested = change.apply(stored);
            EffectivePlan effective = this.catalogue.effective(requested, subscriptionPrice(orgId));
            Instant now = this.clock.instant();
            this.store.save(orgId, requested.withEffective(effective), now);
            Actor actor = Actor.user(access.userId().value());
            Audited audited = text.describe(previous, effective);
            this.audit.record(orgId, AuditEntry.of(orgId, actor, audited.action(), "organization",
                    orgId.toString(), audited.metadata(), context, now));
            auditPlanChange(orgId, actor, previous, effective, context, now);
            return effective;
        });
        this.cache.remove(orgId);
        return result;
    }

    private EffectivePlan refresh(OrgId orgId) {
        EffectivePlan plan = load(orgId);
        this.cache.put(orgId, new Cached(plan, entitledPeriod(orgId),
                this.clock.instant().plus(this.settings.cacheTtl())));
        return plan;
    }

    private EffectivePlan load(OrgId orgId) {
        OrganizationPlan stored = this.store.find(orgId).orElse(null);
        EffectivePlan effective = this.catalogue.effective(stored, subscriptionPrice(orgId));
        if (stored != null && !stored.matches(effective)) {
            resync(orgId, effective);
        }
        return effective;
    }

    /**
     * Rewrites stale plan columns (the catalogue changed since they were written), auditing the change.
     */
    private void resync(OrgId orgId, EffectivePlan effective) {
        this.transactions.run(() -> {
            OrganizationPlan stored = this.store.find(orgId).orElse(null);
            if (stored == null) {
                return;
            }
            EffectivePlan current = this.catalogue.effective(stored, subscriptionPrice(orgId));
            if (stored.matches(current)) {
                return;
            }
            Instant now = this.clock.instant();
            this.store.save(orgId, stored.withEffective(current), now);
            auditPlanChange(orgId, Actor.SYSTEM, before(stored), current, RequestContext.NONE, now);
        });
    }

    /** The effective plan the stored columns describe. */
    private EffectivePlan before(OrganizationPlan stored) {
        return new EffectivePlan(this.catalogue.find(stored.plan())
                .orElseGet(() -> new Plan(stored.plan(), stored.plan(), null, Map.of())), stored.source());
    }

    private void auditPlanChange(OrgId orgId, Actor actor, EffectivePlan from, EffectivePlan to,
            RequestContext context, Instant now) {
        if (from.plan().id().equals(to.plan().id()) && from.source() == to.source()) {
            return;
        }
        Map<String, @Nullable Object> metadata = new LinkedHashMap<>();
        metadata.put("from", from.plan().id());
        metadata.put("to", to.plan().id());
        metadata.put("source", to.source().key());
        this.audit.record(orgId, AuditEntry.of(orgId, actor, "plan.changed", "organization", orgId.toString(),
                metadata, context, now));
    }

    /**
     * The Stripe price of the organization's entitled subscription: the seam where billing decides the plan.
     * Without billing there is none, so the override or the default plan applies.
     */
    private @Nullable String subscriptionPrice(OrgId orgId) {
        return this.entitlements.find(orgId).map(Entitlement::stripePriceId).orElse(null);
    }

    /** The period of the organization's entitled subscription, when it has one and it is known. */
    private @Nullable Period entitledPeriod(OrgId orgId) {
        Optional<Entitlement> entitlement = this.entitlements.find(orgId);
        return entitlement.map(Entitlement::period).orElse(null);
    }

    private static Map<String, @Nullable Object> describe(EffectivePlan plan) {
        Map<String, @Nullable Object> described = new LinkedHashMap<>();
        described.put("plan", plan.plan().id());
        described.put("planLimit", plan.apiRequestsLimit());
        described.put("source", plan.source().key());
        return described;
    }

    /**
     * An effective plan, the entitled period (if any), when this instance reads them again, and whether a caller is
     * reading them again now.
     */
    private record Cached(EffectivePlan plan, @Nullable Period period, Instant expiresAt, AtomicBoolean reloading) {

        Cached(EffectivePlan plan, @Nullable Period period, Instant expiresAt) {
            this(plan, period, expiresAt, new AtomicBoolean());
        }

        /** Whether the caller is the one to read the expired entry again. */
        boolean claimReload() {
            return this.reloading.compareAndSet(false, true);
        }

        void releaseReload() {
            this.reloading.set(false);
        }
    }

    /** The change a request makes to the stored plan columns. */
    @FunctionalInterface
    private interface Change {
        OrganizationPlan apply(OrganizationPlan stored);
    }

    /** The audit row of a change, from the effective plans before and after. */
    @FunctionalInterface
    private interface AuditText {
        Audited describe(EffectivePlan previous, EffectivePlan effective);
    }

    /** An audit action with its metadata. */
    private record Audited(String action, Map<String, @Nullable Object> metadata) {
    }
}
