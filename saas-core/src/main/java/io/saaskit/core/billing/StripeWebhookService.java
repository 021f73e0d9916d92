package io.saaskit.core.billing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import io.saaskit.core.billing.port.StripeEventReader;
import io.saaskit.core.billing.port.WebhookSignatureVerifier;
import io.saaskit.core.jobs.JobRequest;
import io.saaskit.core.shared.BadRequestException;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.shared.ServiceUnavailableException;

import org.jspecify.annotations.Nullable;

/**
 * Receives Stripe webhook deliveries ({@code POST /billing/webhook}): verifies the signature over the exact bytes,
 * stores the event in the inbox and enqueues its {@value #JOB_TYPE} job. Nothing else happens at receipt; the
 * worker applies the event ({@link StripeEventService}).
 *
 * <p>Verification and parsing run on the caller's thread, so a bad delivery is refused before it waits for
 * anything. The event is then stored by the {@link WebhookInboxWriter}, which group-commits concurrent deliveries
 * and enqueues their jobs once they committed. When the queue cannot be reached the event is stored anyway and
 * acknowledged, and the dispatcher
 * ({@link StripeEventService#dispatch}) enqueues it later; when the inbox cannot be written the delivery fails
 * (503), so Stripe retries it. A delivery of an event already stored (including a concurrent first delivery) is
 * acknowledged as a duplicate and enqueues nothing, unless it re-arms a {@code dead} row.
 */
public final class StripeWebhookService {

    /** The job that processes one inbox row. */
    public static final String JOB_TYPE = "stripe-event";

    /** The refusal of a payload that is not an event billing can keep. */
    static final String INVALID_PAYLOAD = "Invalid event payload";

    private final WebhookSignatureVerifier verifier;

    private final StripeEventReader reader;

    private final WebhookInboxWriter writer;

    private final Clock clock;

    public StripeWebhookService(WebhookSignatureVerifier verifier, StripeEventReader reader,
            WebhookInboxWriter writer, Clock clock) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.writer = Objects.requireNonNull(writer, "writer");
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
     *         payload is not an event (or not one the inbox can hold); nothing is stored then
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
                .orElseThrow(() -> new BadRequestException(INVALID_PAYLOAD));
        InboxEvent row = InboxEvent.received(Ids.next(this.clock), event, payload, requestId, now);
        InboxInsert inserted = this.writer.store(row);
        // A row with this delivery's own id is no duplicate (a unit of work that cannot roll back kept it).
        return new WebhookReceipt(inserted instanceof InboxInsert.Duplicate && !inserted.inboxId().equals(row.id()));
    }
}
