package io.saaskit.core.billing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.saaskit.core.audit.Actor;
import io.saaskit.core.audit.ActorType;
import io.saaskit.core.audit.AuditEntry;
import io.saaskit.core.audit.port.AuditSink;
import io.saaskit.core.billing.port.BillingAccountStore;
import io.saaskit.core.billing.port.BillingGateway;
import io.saaskit.core.billing.port.StripeEventInbox;
import io.saaskit.core.billing.port.StripeEventReader;
import io.saaskit.core.billing.port.SubscriptionRepository;
import io.saaskit.core.jobs.port.JobQueue;
import io.saaskit.core.membership.MemberView;
import io.saaskit.core.membership.MembershipStatus;
import io.saaskit.core.membership.Role;
import io.saaskit.core.membership.port.MembershipRepository;
import io.saaskit.core.metering.PlanService;
import io.saaskit.core.notification.Notification;
import io.saaskit.core.notification.port.NotificationSender;
import io.saaskit.core.shared.ClientInfo;
import io.saaskit.core.shared.ConflictException;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.shared.NotFoundException;
import io.saaskit.core.shared.RequestContext;
import io.saaskit.core.shared.SaasException;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.tenancy.OrgId;

import org.jspecify.annotations.Nullable;

/**
 * The worker side of the webhook inbox (§7.4): applies stored events ({@link #process}, the {@code stripe-event}
 * job), re-enqueues work the queue lost ({@link #dispatch}), deletes old rows ({@link #purge}), and the operator's
 * view and replay ({@code /admin/stripe-events}).
 *
 * <p>A run claims its row (state {@code processing} with a lease), then applies the event in one unit of work that
 * also writes its audit rows and ends the row {@code processed} or {@code ignored}. A failure counts an attempt and
 * leaves the row {@code failed}, due again after {@code min(1 h, 10 s * 2^(attempts-1))} with 20 % jitter, or
 * {@code dead} after {@link BillingSettings#maxAttempts()}; the dispatcher re-enqueues due rows. Applying an event
 * twice changes nothing: a processed row is not claimable, and subscription states carry the Stripe time they are
 * from ({@code state_as_of}), so an older event never overwrites a newer state. With Stripe credentials the handlers
 * apply the subscription as fetched from Stripe instead of the payload.
 *
 * <p>An event that can never apply (a payload that no longer reads, or a handled type whose {@code data.object}
 * lacks the shape the type needs) ends {@code ignored} at once, its {@code lastError} saying why; an event whose
 * organization is not linked yet fails and is retried. A processing that applies effects writes its effect audit
 * rows and one {@code billing.webhook.processed}; reprocessing an event already processed (a replay) that changes
 * nothing is a no-op and writes nothing.
 */
public final class StripeEventService {

    /** Longest stored failure description. */
    private static final int MAX_ERROR_LENGTH = 500;

    /** Rows deleted per purge statement. */
    private static final int PURGE_BATCH = 1000;

    /** The first retry delay; each further failure doubles it. */
    private static final Duration FIRST_RETRY = Duration.ofSeconds(10);

    /** The longest retry delay. */
    private static final Duration MAX_RETRY = Duration.ofHours(1);

    private static final Set<String> PAID = Set.of("paid", "no_payment_required");

    private final StripeEventInbox inbox;

    private final StripeEventReader reader;

    private final SubscriptionRepository subscriptions;

    private final BillingAccountStore accounts;

    private final BillingGateway gateway;

    private final MembershipRepository memberships;

    private final NotificationSender notifications;

    private final PlanService plans;

    private final JobQueue queue;

    private final AuditSink audit;

    private final TransactionRunner transactions;

    private final Clock clock;

    private final BillingSettings settings;

    public StripeEventService(StripeEventInbox inbox, StripeEventReader reader, SubscriptionRepository subscriptions,
            BillingAccountStore accounts, BillingGateway gateway, MembershipRepository memberships,
            NotificationSender notifications, PlanService plans, JobQueue queue, AuditSink audit,
            TransactionRunner transactions, Clock clock, BillingSettings settings) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.memberships = Objects.requireNonNull(memberships, "memberships");
        this.notifications = Objects.requireNonNull(notifications, "notifications");
        this.plans = Objects.requireNonNull(plans, "plans");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Processes one inbox row: the {@code stripe-event} job. Never throws for a failing event: the failure is
     * recorded on the row, which the dispatcher re-enqueues when due.
     * @param inboxId the row
     * @return what the run did
     */
    public ProcessingResult process(UUID inboxId) {
        Instant claimedAt = this.clock.instant();
        Optional<InboxEvent> claimed = this.transactions.inTransaction(
                () -> this.inbox.claim(inboxId, claimedAt, claimedAt.plus(this.settings.lease())));
        if (claimed.isEmpty()) {
            return new ProcessingResult(inboxId, false,
                    this.inbox.find(inboxId).map(InboxEvent::state).orElse(null), null);
        }
        InboxEvent row = claimed.get();
        OrgId resolvedOrg = null;
        try {
            Optional<StripeEvent> read = this.reader.read(row.payload());
            String malformed = read.isEmpty() ? "Invalid event payload" : malformation(read.get());
            if (malformed != null) {
                // It can never apply: retrying would only end dead.
                this.transactions.run(() -> this.inbox.fail(inboxId, row.attempts(), InboxState.IGNORED, malformed,
                        null, null));
                return new ProcessingResult(inboxId, true, InboxState.IGNORED, malformed);
            }
            StripeEvent event = read.get();
            // Resolved before the effects (reads only), so a failed attempt still records the organization.
            Resolution resolution = isHandled(event.type()) ? resolveOrg(event.object()) : null;
            resolvedOrg = (resolution != null) ? resolution.orgId() : null;
            Effect effect = this.transactions.inTransaction(() -> {
                Effect applied = apply(row, event, resolution);
                this.inbox.complete(inboxId, applied.state(), applied.orgId(), this.clock.instant());
                return applied;
            });
            if (effect.notification() != null) {
                this.notifications.send(effect.notification());
            }
            return new ProcessingResult(inboxId, true, effect.state(), null);
        }
        catch (RuntimeException ex) {
            return recordFailure(row, ex, resolvedOrg);
        }
    }

    private ProcessingResult recordFailure(InboxEvent row, RuntimeException failure, @Nullable OrgId orgId) {
        int attempts = row.attempts() + 1;
        String error = describe(failure);
        boolean dead = attempts >= this.settings.maxAttempts();
        Instant next = dead ? null : this.clock.instant().plus(backoff(attempts));
        InboxState state = dead ? InboxState.DEAD : InboxState.FAILED;
        this.transactions.run(() -> this.inbox.fail(row.id(), attempts, state, error, next, orgId));
        return new ProcessingResult(row.id(), true, state, error);
    }

    /**
     * The delay before the next attempt: {@code min(1 h, 10 s * 2^(attempts-1))}, plus or minus 20 %.
     * @param attempts the failed attempts so far, at least 1
     * @return the delay
     */
    static Duration backoff(int attempts) {
        long base = FIRST_RETRY.toMillis() << Math.min(attempts - 1, 20);
        long capped = Math.min(base, MAX_RETRY.toMillis());
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis(Math.round(capped * jitter));
    }

    private static String describe(RuntimeException failure) {
        String message = (failure instanceof SaasException) ? failure.getMessage()
                : failure.getClass().getSimpleName();
        String text = (message != null) ? message : failure.getClass().getSimpleName();
        return (text.length() > MAX_ERROR_LENGTH) ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }

    /**
     * Re-enqueues the rows whose job the queue may have lost: {@code received} for longer than the grace time,
     * {@code failed} and due, and {@code processing} past their lease. Meant to run every
     * {@code saaskit.worker.dispatch-interval} (5 s); a row enqueued twice is processed once.
     * @param grace how long a {@code received} row's own job is given before the dispatcher enqueues it again
     * @param limit the most rows enqueued by one call
     * @return the rows enqueued
     */
    public int dispatch(Duration grace, int limit) {
        Instant now = this.clock.instant();
        List<UUID> due = this.inbox.dispatchable(now, now.minus(grace), limit);
        this.queue.enqueueAll(due.stream().map(StripeWebhookService::job).toList());
        return due.size();
    }

    /**
     * Deletes {@code processed} and {@code ignored} rows received more than 90 days ago. Meant to run with the
     * hourly cleanup.
     * @return the rows deleted
     */
    public int purge() {
        Instant before = this.clock.instant().minus(BillingSettings.INBOX_RETENTION);
        int total = 0;
        int deleted;
        do {
            deleted = this.transactions.inTransaction(() -> this.inbox.purge(before, PURGE_BATCH));
            total += deleted;
        }
        while (deleted == PURGE_BATCH);
        return total;
    }

    /**
     * Lists inbox rows for an operator, newest first.
     * @param state only this state, or {@code null}
     * @param limit 1 to 500
     * @return the rows
     */
    public List<InboxEvent> list(@Nullable InboxState state, int limit) {
        return this.inbox.list(state, limit);
    }

    /**
     * The inbox counts of an organization, for the operator's organization summary.
     * @param orgId the organization
     * @return the counts
     */
    public InboxSummary summary(OrgId orgId) {
        return this.inbox.summary(orgId);
    }

    /**
     * Replays an event for an operator: its row is re-armed (state {@code received}, attempts 0, the replay's
     * request id) and enqueued; audited as {@code billing.webhook.replayed} when its organization is known. When the
     * queue cannot be reached the replay still succeeds: the row stays {@code received}, and the dispatcher enqueues
     * it within its interval.
     * @param stripeEventId the Stripe event id
     * @param context the request
     * @return the re-armed row
     * @throws NotFoundException when no such event was received
     * @throws ConflictException while a worker is processing it
     */
    public InboxEvent replay(String stripeEventId, RequestContext context) {
        InboxEvent row = this.inbox.findByStripeEventId(stripeEventId)
                .orElseThrow(() -> new NotFoundException("Stripe event not found"));
        Instant now = this.clock.instant();
        this.transactions.run(() -> {
            if (!this.inbox.rearm(row.id(), context.requestId(), now)) {
                throw new ConflictException("The event is being processed");
            }
            OrgId orgId = row.orgId();
            if (orgId != null) {
                Map<String, @Nullable Object> metadata = new LinkedHashMap<>();
                metadata.put("stripeEventId", row.stripeEventId());
                metadata.put("type", row.type());
                this.audit.record(orgId, AuditEntry.of(orgId, new Actor(ActorType.ADMIN, null, null, null),
                        "billing.webhook.replayed", "stripe_event", row.id().toString(), metadata, context, now));
            }
        });
        try {
            this.queue.enqueue(StripeWebhookService.job(row.id()));
        }
        catch (RuntimeException ex) {
            // The replay is committed and its row received: the dispatcher enqueues it after its grace time.
        }
        return this.inbox.find(row.id()).orElseThrow(() -> new NotFoundException("Stripe event not found"));
    }

    private Effect apply(InboxEvent row, StripeEvent event, @Nullable Resolution resolution) {
        String type = event.type();
        if (resolution == null) {
            return new Effect(InboxState.IGNORED, null, null);
        }
        if (resolution.unknownOrg()) {
            return new Effect(InboxState.IGNORED, null, null);
        }
        OrgId orgId = resolution.orgId();
        if (orgId == null) {
            throw new EventProcessingException("No organization linked to the event yet");
        }
        RequestContext context = new RequestContext(row.requestId(), ClientInfo.UNKNOWN);
        Changes changes = new Changes(orgId, context);
        Notification notification = null;
        switch (type) {
            case "checkout.session.completed" -> checkoutCompleted(event, changes);
            case "customer.subscription.created", "customer.subscription.updated",
                    "customer.subscription.deleted" -> subscriptionChanged(event, changes);
            case "invoice.paid" -> invoice(event, "billing.invoice.paid", changes);
            default -> notification = paymentFailed(event, changes);
        }
        // A row processed before had its effects applied and audited: reprocessing it that changes nothing is a
        // no-op, and writes no audit row and sends nothing.
        if (row.processedAt() != null && !changes.changed) {
            return new Effect(InboxState.PROCESSED, orgId, null);
        }
        Map<String, @Nullable Object> metadata = new LinkedHashMap<>();
        metadata.put("type", type);
        metadata.put("stripeEventId", event.id());
        changes.audit("billing.webhook.processed", "stripe_event", row.id().toString(), metadata);
        for (AuditEntry entry : changes.entries) {
            this.audit.record(orgId, entry);
        }
        return new Effect(InboxState.PROCESSED, orgId, notification);
    }

    /**
     * Why a handled event can never apply, whoever it belongs to: its {@code data.object} is not the object its
     * type announces, or a subscription lacks its id, customer or status.
     * @return the reason, or {@code null} when the event has the shape its type needs (or is not handled)
     */
    private static @Nullable String malformation(StripeEvent event) {
        String objectType = event.object().objectType();
        return switch (event.type()) {
            case "checkout.session.completed" -> "checkout.session".equals(objectType) ? null
                    : "The event carries no checkout session";
            case "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted" ->
                (event.object().subscription() != null) ? null
                        : "The event carries no subscription with an id, customer and status";
            case "invoice.paid", "invoice.payment_failed" -> "invoice".equals(objectType) ? null
                    : "The event carries no invoice";
            default -> null;
        };
    }

    private static boolean isHandled(String type) {
        return switch (type) {
            case "checkout.session.completed", "customer.subscription.created", "customer.subscription.updated",
                    "customer.subscription.deleted", "invoice.paid", "invoice.payment_failed" -> true;
            default -> false;
        };
    }

    /**
     * Finds the event's organization: {@code metadata.orgId}, {@code client_reference_id}, the stored
     * subscription, the customer's organization, first match wins. A named organization that does not exist makes
     * the event irrelevant.
     */
    private Resolution resolveOrg(StripeEvent.EventObject object) {
        for (String named : new String[] { object.metadataOrgId(), object.clientReferenceId() }) {
            if (named != null && !named.isBlank()) {
                Optional<OrgId> orgId = OrgId.parse(named.trim());
                if (orgId.isEmpty() || this.accounts.find(orgId.get()).isEmpty()) {
                    return new Resolution(null, true);
                }
                return new Resolution(orgId.get(), false);
            }
        }
        if (object.subscriptionId() != null) {
            Optional<OrgId> owner = this.subscriptions.findOrgId(object.subscriptionId());
            if (owner.isPresent()) {
                return new Resolution(owner.get(), false);
            }
        }
        if (object.customerId() != null) {
            Optional<OrgId> owner = this.accounts.findOrgId(object.customerId());
            if (owner.isPresent()) {
                return new Resolution(owner.get(), false);
            }
        }
        return new Resolution(null, false);
    }

    private void checkoutCompleted(StripeEvent event, Changes changes) {
        OrgId orgId = changes.orgId;
        StripeEvent.EventObject session = event.object();
        Instant now = this.clock.instant();
        if (session.customerId() != null && this.accounts.linkCustomer(orgId, session.customerId(), now)) {
            changes.changed = true;
        }
        String subscriptionId = session.subscriptionId();
        if (!"subscription".equals(session.mode()) || subscriptionId == null || session.customerId() == null) {
            return;
        }
        Optional<StripeSubscription> fetched = fetch(subscriptionId);
        if (fetched.isPresent()) {
            upsert(fetched.get(), now, changes);
        }
        else {
            String status = PAID.contains(session.paymentStatus()) ? "active" : "incomplete";
            upsert(new StripeSubscription(subscriptionId, session.customerId(), null, status, null, null,
                    false, null), event.created(), changes);
        }
        subscriptionAudit("billing.webhook.subscription.created", subscriptionId, event, changes);
    }

    private void subscriptionChanged(StripeEvent event, Changes changes) {
        StripeSubscription payload = Objects.requireNonNull(event.object().subscription(), "subscription");
        boolean deleted = "customer.subscription.deleted".equals(event.type());
        Optional<StripeSubscription> fetched = fetch(payload.subscriptionId());
        if (fetched.isPresent()) {
            upsert(fetched.get(), this.clock.instant(), changes);
        }
        else {
            upsert(deleted ? payload.withStatus("canceled") : payload, event.created(), changes);
        }
        String action = deleted ? "billing.webhook.subscription.canceled"
                : "customer.subscription.created".equals(event.type()) ? "billing.webhook.subscription.created"
                        : "billing.webhook.subscription.updated";
        subscriptionAudit(action, payload.subscriptionId(), event, changes);
    }

    private void invoice(StripeEvent event, String action, Changes changes) {
        StripeEvent.EventObject invoice = event.object();
        if (invoice.subscriptionId() != null) {
            fetch(invoice.subscriptionId()).ifPresent((state) -> upsert(state, this.clock.instant(), changes));
        }
        Map<String, @Nullable Object> metadata = new LinkedHashMap<>();
        metadata.put("invoiceId", invoice.objectId());
        metadata.put("amountPaid", invoice.amountPaid());
        metadata.put("currency", invoice.currency());
        changes.audit(action, "invoice", invoice.objectId(), metadata);
    }

    private Notification paymentFailed(StripeEvent event, Changes changes) {
        OrgId orgId = changes.orgId;
        invoice(event, "billing.invoice.payment_failed", changes);
        List<String> recipients = new ArrayList<>();
        for (MemberView member : this.memberships.list(orgId)) {
            Role role = member.membership().role();
            if ((role == Role.OWNER || role == Role.BILLING)
                    && member.membership().status() == MembershipStatus.ACTIVE) {
                recipients.add(member.email().value());
            }
        }
        Map<String, String> details = new LinkedHashMap<>();
        String invoiceId = event.object().objectId();
        if (invoiceId != null) {
            details.put("invoiceId", invoiceId);
        }
        details.put("stripeEventId", event.id());
        return new Notification(Notification.PAYMENT_FAILED, orgId, recipients, details);
    }

    private Optional<StripeSubscription> fetch(String subscriptionId) {
        return this.gateway.configured() ? this.gateway.subscription(subscriptionId) : Optional.empty();
    }

    /**
     * Applies a subscription state under the row's lock. An older state than the stored one only fills values
     * the stored row does not know yet (its price or period); the status never goes back in time.
     */
    private void upsert(StripeSubscription state, Instant asOf, Changes changes) {
        OrgId orgId = changes.orgId;
        Instant now = this.clock.instant();
        Optional<Subscription> existing = this.subscriptions.lock(orgId, state.subscriptionId());
        Subscription next;
        if (existing.isEmpty()) {
            next = Subscription.create(Ids.next(this.clock), orgId, state, asOf, now);
        }
        else if (asOf.isBefore(existing.get().stateAsOf())) {
            Subscription stored = existing.get();
            next = stored.fillUnknown(state, now);
            if (next.equals(stored)) {
                return;
            }
        }
        else {
            next = existing.get().apply(state, asOf, now);
        }
        if (existing.isEmpty() || existing.get().differsFrom(next)) {
            changes.changed = true;
        }
        this.subscriptions.save(orgId, next);
        this.plans.subscriptionChanged(orgId, changes.context);
    }

    private void subscriptionAudit(String action, String subscriptionId, StripeEvent event, Changes changes) {
        OrgId orgId = changes.orgId;
        Map<String, @Nullable Object> metadata = new LinkedHashMap<>();
        metadata.put("stripeEventId", event.id());
        this.subscriptions.lock(orgId, subscriptionId).ifPresent((subscription) -> {
            metadata.put("status", subscription.status());
            metadata.put("priceId", subscription.stripePriceId());
        });
        changes.audit(action, "subscription", subscriptionId, metadata);
    }

    /**
     * What one processing does for an organization: whether it changed stored state, and the audit rows it writes
     * once it is known to be no no-op.
     */
    private final class Changes {

        private final OrgId orgId;

        private final RequestContext context;

        private final List<AuditEntry> entries = new ArrayList<>();

        private boolean changed;

        Changes(OrgId orgId, RequestContext context) {
            this.orgId = orgId;
            this.context = context;
        }

        void audit(String action, String targetType, @Nullable String targetId,
                Map<String, @Nullable Object> metadata) {
            this.entries.add(AuditEntry.of(this.orgId, Actor.SYSTEM, action, targetType, targetId, metadata,
                    this.context, StripeEventService.this.clock.instant()));
        }
    }

    /** The organization an event belongs to, or none yet, or a named one that does not exist. */
    private record Resolution(@Nullable OrgId orgId, boolean unknownOrg) {
    }

    /** How a processed event ends, and the notification to send once it committed. */
    private record Effect(InboxState state, @Nullable OrgId orgId, @Nullable Notification notification) {
    }
}
