package io.saaskit.core.billing;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A Stripe event, read from its JSON payload: the envelope and the fields of its {@code data.object} that billing
 * uses. Which fields are set depends on the object's type.
 *
 * @param id the event id ({@code evt_...})
 * @param type the event type, for example {@code customer.subscription.updated}
 * @param created when Stripe created the event
 * @param apiVersion the API version the payload is rendered in, or {@code null}
 * @param livemode whether it is a live-mode event
 * @param object the fields of {@code data.object}
 */
public record StripeEvent(String id, String type, Instant created, @Nullable String apiVersion, boolean livemode,
        EventObject object) {

    public StripeEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(object, "object");
    }

    /**
     * The fields of an event's {@code data.object} that billing reads.
     *
     * @param objectType the {@code object} member, for example {@code subscription}, {@code checkout.session}
     * @param objectId the object's id, or {@code null}
     * @param customerId the Stripe customer it belongs to, or {@code null}
     * @param subscriptionId the subscription it is or refers to, or {@code null}
     * @param metadataOrgId its {@code metadata.orgId}, or {@code null}
     * @param clientReferenceId a checkout session's {@code client_reference_id}, or {@code null}
     * @param mode a checkout session's {@code mode}, or {@code null}
     * @param paymentStatus a checkout session's {@code payment_status}, or {@code null}
     * @param subscription the subscription state, when the object is a subscription
     * @param amountPaid an invoice's {@code amount_paid} in the currency's smallest unit, or {@code null}
     * @param currency an invoice's currency, or {@code null}
     */
    public record EventObject(String objectType, @Nullable String objectId, @Nullable String customerId,
            @Nullable String subscriptionId, @Nullable String metadataOrgId, @Nullable String clientReferenceId,
            @Nullable String mode, @Nullable String paymentStatus, @Nullable StripeSubscription subscription,
            @Nullable Long amountPaid, @Nullable String currency) {

        public EventObject {
            Objects.requireNonNull(objectType, "objectType");
        }
    }
}
