package io.saaskit.core.billing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import io.saaskit.core.billing.port.StripeEventInbox;
import io.saaskit.core.billing.port.StripeEventReader;
import io.saaskit.core.billing.port.WebhookSignatureVerifier;
import io.saaskit.core.jobs.JobRequest;
import io.saaskit.core.jobs.port.JobQueue;
import io.saaskit.core.shared.BadRequestException;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.shared.ServiceUnavailableException;
import io.saaskit.core.shared.port.TransactionRunner;

import org.jspecify.annotations.Nullable;

/**
 * Receives Stripe webhook deliveries ({@code POST /billing/webhook}): verifies the signature over the exact bytes,
 * stores the event in the inbox and enqueues its {@value #JOB_TYPE} job. Nothing else happens at receipt; the
 * worker applies the event ({@link StripeEventService}).
 *
 * <p>The insert and the enqueue share one unit of work, so with a queue in the same database they commit together.
 * When the queue cannot be reached the event is stored anyway and acknowledged, and the dispatcher
 * ({@link StripeEventService#dispatch}) enqueues it later; when the inbox cannot be written the delivery fails
 * (503), so Stripe retries it. A delivery of an event already stored (including a concurrent first delivery) is
 * acknowledged as a duplicate and enqueues nothing, unless it re-arms a {@code dead} row.
 */
public final class StripeWebhookService {

    /** The job that processes one inbox row. */
    public static final String JOB_TYPE = "stripe-event";

    private final WebhookSignatureVerifier verifier;

    private final StripeEventReader reader;

    private final StripeEventInbox inbox;

    private final JobQueue queue;

    private final TransactionRunner transactions;

    private final Clock clock;

    public StripeWebhookService(WebhookSignatureVerifier verifier, StripeEventReader reader, StripeEventInbox inbox,
            JobQueue queue, TransactionRunner transactions, Clock clock) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The job that processes an inbox row.
     * @param inboxId the row
     * @return the job request
     */
    public static JobRequest job(UUID inboxId) {
        return new JobRequest(JobRequest.STRIPE_EVENTS, JOB_TYPE, "{\"inboxId\":\"" + inboxId + "\"}");
    }

    /**
     * The checks that come before the body is read: a signing secret is configured and the delivery carries a
     * signature.
     * @param signature the {@code Stripe-Signature} header, or {@code null}
     * @throws BadRequestException when no secret is configured or the signature is missing
     */
    public void requireReady(@Nullable String signature) {
        if (!this.verifier.configured()) {
            throw new BadRequestException("Stripe webhook secret not configured");
        }
        if (signature == null || signature.isBlank()) {
            throw new BadRequestException("Missing Stripe signature");
        }
    }

    /**
     * Receives one delivery.
     * @param body the body exactly as received
     * @param signature the {@code Stripe-Signature} header, or {@code null}
     * @param requestId the request id, kept with the event so the worker's audit rows carry it
     * @return whether the event was new or a duplicate
     * @throws BadRequestException when no secret is configured, the signature is missing or invalid, or the
     *         payload is not an event; nothing is stored then
     * @throws ServiceUnavailableException when the inbox cannot be written
     */
    public WebhookReceipt receive(byte[] body, @Nullable String signature, @Nullable String requestId) {
        requireReady(signature);
        Instant now = this.clock.instant();
        if (!this.verifier.verify(body, Objects.requireNonNull(signature), now)) {
            throw new BadRequestException("Invalid signature");
        }
        String payload = new String(body, StandardCharsets.UTF_8);
        StripeEvent event = this.reader.read(payload)
                .orElseThrow(() -> new BadRequestException("Invalid event payload"));
        InboxEvent row = InboxEvent.received(Ids.next(this.clock), event, payload, requestId, now);
        InboxInsert inserted;
        try {
            inserted = this.transactions.inTransaction(() -> {
                InboxInsert result = this.inbox.insert(row);
                if (result instanceof InboxInsert.Stored || result instanceof InboxInsert.Duplicate duplicate
                        && duplicate.rearmed()) {
                    enqueue(result.inboxId());
                }
                return result;
            });
        }
        catch (QueueUnavailableException ex) {
            // The queue is down: store the event alone; the dispatcher enqueues it within its interval.
            inserted = this.transactions.inTransaction(() -> this.inbox.insert(row));
        }
        // A row with this delivery's own id is no duplicate (a unit of work that cannot roll back kept it).
        return new WebhookReceipt(inserted instanceof InboxInsert.Duplicate && !inserted.inboxId().equals(row.id()));
    }

    private void enqueue(UUID inboxId) {
        try {
            this.queue.enqueue(job(inboxId));
        }
        catch (RuntimeException ex) {
            throw new QueueUnavailableException(ex);
        }
    }

    /** The job queue failed while the event itself could be stored. */
    static final class QueueUnavailableException extends ServiceUnavailableException {

        private static final long serialVersionUID = 1L;

        QueueUnavailableException(Throwable failure) {
            super(failure);
        }
    }
}
