package io.saaskit.core.billing;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import io.saaskit.core.tenancy.OrgId;

import org.jspecify.annotations.Nullable;

/**
 * A verified webhook event stored in the inbox, with its raw payload and processing state.
 *
 * @param id the inbox row id
 * @param stripeEventId the Stripe event id, unique
 * @param type the event type
 * @param apiVersion the payload's API version, or {@code null}
 * @param livemode whether it is a live-mode event
 * @param eventCreatedAt when Stripe created it
 * @param payload the body exactly as received
 * @param receivedAt when it was stored
 * @param requestId the id of the request that delivered it, or {@code null}
 * @param state the processing state
 * @param attempts the failed attempts so far
 * @param nextAttemptAt when a failed event is due again, or {@code null}
 * @param lockedUntil when the lease of a processing event ends, or {@code null}
 * @param lastError a short description of the last failure, or {@code null}
 * @param processedAt when it ended processed or ignored, or {@code null}
 * @param orgId the organization, once resolved, or {@code null}
 */
public record InboxEvent(UUID id, String stripeEventId, String type, @Nullable String apiVersion, boolean livemode,
        Instant eventCreatedAt, String payload, Instant receivedAt, @Nullable String requestId, InboxState state,
        int attempts, @Nullable Instant nextAttemptAt, @Nullable Instant lockedUntil, @Nullable String lastError,
        @Nullable Instant processedAt, @Nullable OrgId orgId) {

    public InboxEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(stripeEventId, "stripeEventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(eventCreatedAt, "eventCreatedAt");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(state, "state");
    }

    /**
     * A new row for a received event.
     * @param id the row id
     * @param event the parsed event
     * @param payload the body exactly as received
     * @param requestId the request id, or {@code null}
     * @param now the time of receipt
     * @return the row, state {@code received}
     */
    public static InboxEvent received(UUID id, StripeEvent event, String payload, @Nullable String requestId,
            Instant now) {
        return new InboxEvent(id, event.id(), event.type(), event.apiVersion(), event.livemode(), event.created(),
                payload, now, requestId, InboxState.RECEIVED, 0, now, null, null, null, null);
    }
}
