package io.saaskit.core.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * Stripe webhook bodies shaped like the events Stripe sends in API version {@value #API_VERSION} (the version
 * stripe-java 33.3.0 pins): full envelopes with {@code object}, {@code pending_webhooks} and {@code request}, and
 * subscription objects whose period lives on their items. Also signs bodies exactly as Stripe does.
 */
public final class StripePayloads {

    /** The API version the payloads are rendered in. */
    public static final String API_VERSION = "2026-07-29.dahlia";

    private StripePayloads() {
    }

    /**
     * A {@code Stripe-Signature} header: {@code t=<seconds>,v1=hex(HMAC-SHA-256(secret, t + "." + body))}.
     * @param secret the signing secret
     * @param timestamp the signing time
     * @param body the exact body bytes
     * @return the header
     */
    public static String signature(String secret, Instant timestamp, byte[] body) {
        return "t=" + timestamp.getEpochSecond() + ",v1=" + hmac(secret, timestamp.getEpochSecond(), body);
    }

    /**
     * The hex {@code v1} value Stripe computes.
     * @param secret the signing secret
     * @param timestamp the signing time in Unix seconds
     * @param body the exact body bytes
     * @return the lower-case hex HMAC
     */
    public static String hmac(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * A {@code customer.subscription.*} event.
     * @param type the event type
     * @param eventId the event id
     * @param created when the event was created
     * @param subscription the subscription object, see {@link #subscription}
     * @return the body
     */
    public static String subscriptionEvent(String type, String eventId, Instant created, String subscription) {
        String previous = "customer.subscription.updated".equals(type)
                ? ",\n    \"previous_attributes\": {\n      \"status\": \"incomplete\"\n    }" : "";
        return envelope(type, eventId, created, dataObject(subscription) + previous);
    }

    /**
     * The {@code "object": ...} member of a subscription event's {@code data}.
     * @param subscription the subscription object, see {@link #subscription}
     * @return the member
     */
    public static String dataObject(String subscription) {
        return "\"object\": " + subscription;
    }

    /**
     * A subscription object with one item carrying the price and the current period (as in API versions from
     * 2025-03-31 on, which have no period at the top level), as the API returns it and events embed it.
     * @param subscriptionId the subscription
     * @param customerId the customer
     * @param priceId the price
     * @param status the status
     * @param periodStart the item's period start
     * @param periodEnd the item's period end
     * @param orgId the {@code metadata.orgId}, or {@code null}
     * @return the JSON object
     */
    public static String subscription(String subscriptionId, String customerId, String priceId, String status,
            Instant periodStart, Instant periodEnd, @Nullable String orgId) {
        long start = periodStart.getEpochSecond();
        long end = periodEnd.getEpochSecond();
        String metadata = (orgId != null) ? "{\n        \"orgId\": \"" + orgId + "\"\n      }" : "{}";
        return """
                {
                      "id": "%1$s",
                      "object": "subscription",
                      "application": null,
                      "automatic_tax": {"enabled": false, "liability": null},
                      "billing_cycle_anchor": %5$d,
                      "cancel_at": null,
                      "cancel_at_period_end": false,
                      "canceled_at": null,
                      "collection_method": "charge_automatically",
                      "created": %5$d,
                      "currency": "usd",
                      "customer": "%2$s",
                      "default_payment_method": "pm_1RkExampleCard",
                      "description": null,
                      "discounts": [],
                      "ended_at": null,
                      "items": {
                        "object": "list",
                        "data": [
                          {
                            "id": "si_%7$s",
                            "object": "subscription_item",
                            "created": %5$d,
                            "current_period_end": %6$d,
                            "current_period_start": %5$d,
                            "discounts": [],
                            "metadata": {},
                            "price": {
                              "id": "%3$s",
                              "object": "price",
                              "active": true,
                              "billing_scheme": "per_unit",
                              "created": 1767225600,
                              "currency": "usd",
                              "livemode": false,
                              "lookup_key": null,
                              "metadata": {},
                              "product": "prod_Sx1ExampleProduct",
                              "recurring": {"interval": "month", "interval_count": 1, "meter": null,
                                            "usage_type": "licensed"},
                              "tax_behavior": "unspecified",
                              "type": "recurring",
                              "unit_amount": 2000,
                              "unit_amount_decimal": "2000"
                            },
                            "quantity": 1,
                            "subscription": "%1$s",
                            "tax_rates": []
                          }
                        ],
                        "has_more": false,
                        "total_count": 1,
                        "url": "/v1/subscription_items?subscription=%1$s"
                      },
                      "latest_invoice": "in_1RkExampleInvoice",
                      "livemode": false,
                      "metadata": %8$s,
                      "pending_update": null,
                      "start_date": %5$d,
                      "status": "%4$s",
                      "trial_end": null,
                      "trial_start": null
                    }""".formatted(subscriptionId, customerId, priceId, status, start, end,
                subscriptionId.substring(4), metadata);
    }

    /**
     * A {@code checkout.session.completed} event of a subscription checkout, as saaskit opens them.
     * @param eventId the event id
     * @param created when the event was created
     * @param orgId the organization in {@code client_reference_id} and {@code metadata.orgId}
     * @param customerId the customer
     * @param subscriptionId the subscription created by the checkout
     * @param paymentStatus {@code paid}, {@code unpaid} or {@code no_payment_required}
     * @return the body
     */
    public static String checkoutCompleted(String eventId, Instant created, String orgId, String customerId,
            String subscriptionId, String paymentStatus) {
        return envelope("checkout.session.completed", eventId, created, """
                "object": {
                      "id": "cs_test_%6$s",
                      "object": "checkout.session",
                      "amount_subtotal": 2000,
                      "amount_total": 2000,
                      "cancel_url": "http://web.example.test:3000/billing/cancel",
                      "client_reference_id": "%1$s",
                      "created": %5$d,
                      "currency": "usd",
                      "customer": "%2$s",
                      "expires_at": %7$d,
                      "livemode": false,
                      "metadata": {
                        "orgId": "%1$s"
                      },
                      "mode": "subscription",
                      "payment_status": "%4$s",
                      "status": "complete",
                      "subscription": "%3$s",
                      "success_url": "http://web.example.test:3000/billing/success",
                      "url": null
                    }""".formatted(orgId, customerId, subscriptionId, paymentStatus, created.getEpochSecond(),
                eventId.substring(4), created.getEpochSecond() + 86_400));
    }

    /**
     * An {@code invoice.paid} or {@code invoice.payment_failed} event; the subscription is referenced under
     * {@code parent.subscription_details}, as in current API versions.
     * @param type the event type
     * @param eventId the event id
     * @param created when the event was created
     * @param invoiceId the invoice
     * @param customerId the customer
     * @param subscriptionId the subscription
     * @param amountPaid the amount paid in cents
     * @return the body
     */
    public static String invoice(String type, String eventId, Instant created, String invoiceId, String customerId,
            String subscriptionId, long amountPaid) {
        return envelope(type, eventId, created, """
                "object": {
                      "id": "%1$s",
                      "object": "invoice",
                      "amount_due": 2000,
                      "amount_paid": %4$d,
                      "amount_remaining": %5$d,
                      "billing_reason": "subscription_cycle",
                      "collection_method": "charge_automatically",
                      "created": %6$d,
                      "currency": "usd",
                      "customer": "%2$s",
                      "livemode": false,
                      "metadata": {},
                      "parent": {
                        "quote_details": null,
                        "subscription_details": {
                          "metadata": {},
                          "subscription": "%3$s"
                        },
                        "type": "subscription_details"
                      },
                      "status": "%7$s"
                    }""".formatted(invoiceId, customerId, subscriptionId, amountPaid, 2000 - amountPaid,
                created.getEpochSecond(), (amountPaid > 0) ? "paid" : "open"));
    }

    /**
     * An event of a type saaskit does not handle.
     * @param type the type, for example {@code customer.created}
     * @param eventId the event id
     * @param created when the event was created
     * @return the body
     */
    public static String otherEvent(String type, String eventId, Instant created) {
        return envelope(type, eventId, created, """
                "object": {
                      "id": "cus_Other%s",
                      "object": "customer",
                      "metadata": {}
                    }""".formatted(eventId.substring(4)));
    }

    private static String envelope(String type, String eventId, Instant created, String data) {
        return """
                {
                  "id": "%1$s",
                  "object": "event",
                  "api_version": "%2$s",
                  "created": %3$d,
                  "data": {
                    %4$s
                  },
                  "livemode": false,
                  "pending_webhooks": 1,
                  "request": {
                    "id": "req_%5$s",
                    "idempotency_key": "%6$s"
                  },
                  "type": "%7$s"
                }
                """.formatted(eventId, API_VERSION, created.getEpochSecond(), data, eventId.substring(4),
                UUID.nameUUIDFromBytes(eventId.getBytes(StandardCharsets.UTF_8)), type);
    }
}
