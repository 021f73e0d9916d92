package io.saaskit.boot.web.admin;

import io.saaskit.boot.web.support.JsonTimestamps;
import io.saaskit.core.billing.InboxEvent;

import org.jspecify.annotations.Nullable;

/**
 * One inbox row as {@code GET /admin/stripe-events} lists it (the payload is not shown).
 *
 * @param id the inbox row id
 * @param stripeEventId the Stripe event id
 * @param type the event type
 * @param state the processing state
 * @param attempts the failed attempts
 * @param lastError the last failure, or {@code null}
 * @param receivedAt when it was received
 * @param processedAt when it ended processed or ignored, or {@code null}
 * @param orgId the resolved organization, or {@code null}
 */
public record StripeEventResponse(String id, String stripeEventId, String type, String state, int attempts,
        @Nullable String lastError, String receivedAt, @Nullable String processedAt, @Nullable String orgId) {

    static StripeEventResponse of(InboxEvent event) {
        return new StripeEventResponse(event.id().toString(), event.stripeEventId(), event.type(),
                event.state().key(), event.attempts(), event.lastError(), JsonTimestamps.format(event.receivedAt()),
                JsonTimestamps.formatNullable(event.processedAt()),
                (event.orgId() != null) ? event.orgId().toString() : null);
    }
}
