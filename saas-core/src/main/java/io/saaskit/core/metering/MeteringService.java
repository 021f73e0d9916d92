package io.saaskit.core.metering;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.saaskit.core.apikey.ApiKeyId;
import io.saaskit.core.audit.Actor;
import io.saaskit.core.audit.AuditEntry;
import io.saaskit.core.audit.port.AuditSink;
import io.saaskit.core.metering.port.QuotaCounter;
import io.saaskit.core.metering.port.UsageEventStore;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.shared.RequestContext;
import io.saaskit.core.shared.SaasException;
import io.saaskit.core.shared.ServiceUnavailableException;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.shared.port.WriteGate;
import io.saaskit.core.tenancy.OrgId;

import org.jspecify.annotations.Nullable;

/**
 * Admission and recording of metered usage: the quota check that never lets racing requests pass an
 * organization's plan limit, and the durable usage event of every admitted request.
 *
 * <p>A metered request goes through three steps:
 * <ol>
 * <li>{@link #admit} takes the quantity from the shared {@link QuotaCounter} in one atomic step, or refuses with
 * {@link UsageLimitExceededException} having counted nothing. A counter that does not exist yet for the period is
 * initialised from the recorded events first.</li>
 * <li>{@link #record} makes the request's {@link UsageEvent} durable through the {@link UsageRecorder} (group commit,
 * or a local journal) before the response goes out; if that fails the quantity is given back and the request fails
 * with 503.</li>
 * <li>If the request fails anyway, {@link #cancel} (nothing recorded yet) or {@link #compensate} (event recorded)
 * gives the quantity back and removes the event, so failed requests are never billed.</li>
 * </ol>
 * The first refusal per organization, metric and period on this instance is audited as
 * {@code usage.limit.reached}.
 */
public final class MeteringService implements AutoCloseable {

    /** Most remembered refusals before the memory is emptied, a bound on its size. */
    private static final int REFUSAL_MEMORY = 10_000;

    /** Initialisations tried before admission gives up on a counter store that keeps losing its data. */
    private static final int MAX_ATTEMPTS = 3;

    private static final String REFUSAL_GATE = "usage-limit-reached:";

    private final PlanService plans;

    private final QuotaCounter counter;

    private final UsageEventStore events;

    private final UsageRecorder recorder;

    private final AuditSink audit;

    private final TransactionRunner transactions;

    private final WriteGate gate;

    private final Clock clock;

    private final Map<String, Boolean> refusalsAudited = new ConcurrentHashMap<>();

    public MeteringService(PlanService plans, QuotaCounter counter, UsageEventStore events,
            UsageRecorder recorder, AuditSink audit, TransactionRunner transactions, WriteGate gate,
            Clock clock) {
        this.plans = Objects.requireNonNull(plans, "plans");
        this.counter = Objects.requireNonNull(counter, "counter");
        this.events = Objects.requireNonNull(events, "events");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The organization's current usage period: its entitled subscription's period, or the UTC calendar month.
     * @param orgId the organization
     * @return the period containing now
     * @see PlanService#period(OrgId)
     */
    public Period currentPeriod(OrgId orgId) {
        return this.plans.period(orgId);
    }

    /**
     * Takes quota for a request, atomically with the limit check. An unlimited metric is counted too, so the
     * counter stays right if a limit is set later in the period; but with no limit to protect, an unreachable
     * counter does not refuse it (its admission then reports 0 used).
     * @param orgId the organization
     * @param metric the metric
     * @param quantity the quantity, positive
     * @param apiKeyId the key making the request, for the audit row of a refusal, or {@code null}
     * @param context the request, for the audit row of a refusal
     * @return the admission, to be recorded, cancelled or compensated
     * @throws UsageLimitExceededException when the quantity would pass the limit (nothing counted)
     * @throws ServiceUnavailableException when the counter cannot be reached
     */
    public Admission admit(OrgId orgId, String metric, long quantity, @Nullable ApiKeyId apiKeyId,
            RequestContext context) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive");
        }
        EffectivePlan plan = this.plans.effective(orgId);
        Long limit = plan.plan().limit(metric).orElse(null);
        Instant now = this.clock.instant();
        Period period = currentPeriod(orgId);
        try {
            return consume(orgId, metric, quantity, period, limit, now, apiKeyId, context);
        }
        catch (ServiceUnavailableException ex) {
            if (limit != null) {
                throw ex;
            }
            return new Admission(orgId, metric, quantity, period, null, 0, false, now);
        }
    }

    private Admission consume(OrgId orgId, String metric, long quantity, Period period, @Nullable Long limit,
            Instant now, @Nullable ApiKeyId apiKeyId, RequestContext context) {
        long effectiveLimit = (limit != null) ? limit : Long.MAX_VALUE;
        try {
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                QuotaDecision decision = this.counter.tryConsume(orgId, metric, period, quantity, effectiveLimit);
                if (decision instanceof QuotaDecision.Admitted admitted) {
                    return new Admission(orgId, metric, quantity, period, limit, admitted.used(), true, now);
                }
                if (decision instanceof QuotaDecision.Refused refused) {
                    throw refuse(orgId, metric, period, refused.used(), effectiveLimit, now, apiKeyId, context);
                }
                // Events of this instance still on their way to the store count too.
                this.recorder.awaitStored();
                this.counter.initialize(orgId, metric, period, this.events.sum(orgId, metric, period));
            }
        }
        catch (SaasException ex) {
            throw ex;
        }
        catch (RuntimeException ex) {
            throw new ServiceUnavailableException(ex);
        }
        throw new ServiceUnavailableException(null);
    }

    /**
     * A usage event for an admitted request of a metered route, with an {@code auto:<uuid>} idempotency key.
     * @param admission the admission
     * @param apiKeyId the key that made the request, or {@code null}
     * @param requestId the request id, or {@code null}
     * @return the event, not yet recorded
     */
    public UsageEvent routeEvent(Admission admission, @Nullable ApiKeyId apiKeyId, @Nullable String requestId) {
        // The event's own id (a v7 UUID) is unique, so it also serves as the automatic idempotency key.
        UUID id = Ids.next(this.clock);
        return new UsageEvent(id, admission.orgId(), admission.metric(), admission.quantity(),
                admission.admittedAt(), admission.admittedAt(), apiKeyId, "auto:" + id, null, requestId, null);
    }

    /**
     * Makes an admitted request's usage event durable; returns once it is. If it cannot be recorded, or its
     * idempotency key is already taken, the admission's quantity is given back.
     * @param admission the admission
     * @param event the event, of the admission's organization and metric
     * @return true when recorded, false when the idempotency key was taken (nothing recorded, quota returned)
     * @throws ServiceUnavailableException when the event could not be recorded (quota returned)
     */
    public boolean record(Admission admission, UsageEvent event) {
        if (!event.orgId().equals(admission.orgId()) || !event.metric().equals(admission.metric())) {
            throw new IllegalArgumentException("The event does not belong to the admission");
        }
        boolean inserted;
        try {
            inserted = this.recorder.record(event);
        }
        catch (RuntimeException ex) {
            cancel(admission);
            throw ex;
        }
        if (!inserted) {
            cancel(admission);
        }
        return inserted;
    }

    /**
     * Waits until the usage events recorded on this instance are in the store, so that a read of the store right
     * after a metered request sees its event (nothing to wait for with group commit; with the local journal, its
     * shipping). If they are not there within the recorder's timeout, the read goes ahead and may lag.
     */
    public void awaitRecorded() {
        try {
            this.recorder.awaitStored();
        }
        catch (ServiceUnavailableException ex) {
            // Deliberately ignored: see above; the store itself answers (or fails) the read.
        }
    }

    /**
     * Gives an admission's quantity back when its request failed before its event was recorded. A failure to
     * reach the counter leaves the quantity counted: the organization may then use that much less this period,
     * never more.
     * @param admission the admission
     */
    public void cancel(Admission admission) {
        if (!admission.counted()) {
            return;
        }
        try {
            this.counter.release(admission.orgId(), admission.metric(), admission.period(), admission.quantity());
        }
        catch (RuntimeException ex) {
            // Deliberately ignored: see above. Counter drift in this direction is harmless.
        }
    }

    /**
     * Undoes a recorded admission when its request failed after all (a 5xx response): removes the event and
     * gives the quantity back.
     * @param admission the admission
     * @param eventId the recorded event
     */
    public void compensate(Admission admission, UUID eventId) {
        this.recorder.awaitStored();
        if (this.events.delete(admission.orgId(), eventId)) {
            cancel(admission);
        }
    }

    /**
     * Gives back the quota a {@link LeasingQuotaCounter} holds for this instance, so other instances can use it
     * (on shutdown). Other counters hold nothing and are left alone.
     */
    @Override
    public void close() {
        if (this.counter instanceof LeasingQuotaCounter leasing) {
            leasing.close();
        }
    }

    private UsageLimitExceededException refuse(OrgId orgId, String metric, Period period, long used, long limit,
            Instant now, @Nullable ApiKeyId apiKeyId, RequestContext context) {
        long seconds = Duration.between(now, period.end()).toMillis();
        long retryAfter = Math.max(1, (seconds + 999) / 1000);
        long shownUsed = Math.min(used, limit);
        auditFirstRefusal(orgId, metric, period, shownUsed, limit, now, apiKeyId, context);
        return new UsageLimitExceededException(metric, shownUsed, limit, period.end(), retryAfter);
    }

    private void auditFirstRefusal(OrgId orgId, String metric, Period period, long used, long limit, Instant now,
            @Nullable ApiKeyId apiKeyId, RequestContext context) {
        String key = orgId + "|" + metric + "|" + period.start();
        if (this.refusalsAudited.size() >= REFUSAL_MEMORY) {
            this.refusalsAudited.clear();
        }
        if (this.refusalsAudited.putIfAbsent(key, Boolean.TRUE) != null || !firstRefusalInDeployment(key, now, period)) {
            return;
        }
        Map<String, @Nullable Object> metadata = new LinkedHashMap<>();
        metadata.put("metric", metric);
        metadata.put("used", used);
        metadata.put("limit", limit);
        metadata.put("periodStart", period.start().toString());
        metadata.put("periodEnd", period.end().toString());
        Actor actor = (apiKeyId != null) ? Actor.apiKey(apiKeyId.value()) : Actor.SYSTEM;
        try {
            this.transactions.run(() -> this.audit.record(orgId, AuditEntry.of(orgId, actor, "usage.limit.reached",
                    "organization", orgId.toString(), metadata, context, now)));
        }
        catch (RuntimeException ex) {
            // The refusal stands without its audit row; the next refusal on this instance tries again.
            this.refusalsAudited.remove(key);
        }
    }

    /**
     * Whether no other instance has audited this refusal yet: the shared gate stays closed until a day after the
     * period ends. An unreachable gate counts as "first", so the row is written (perhaps twice) rather than lost.
     */
    private boolean firstRefusalInDeployment(String key, Instant now, Period period) {
        Duration untilExpiry = Duration.between(now, period.end()).plus(Duration.ofDays(1));
        try {
            return this.gate.tryPass(REFUSAL_GATE + key, untilExpiry.isNegative() || untilExpiry.isZero()
                    ? Duration.ofDays(1) : untilExpiry);
        }
        catch (RuntimeException ex) {
            return true;
        }
    }
}
