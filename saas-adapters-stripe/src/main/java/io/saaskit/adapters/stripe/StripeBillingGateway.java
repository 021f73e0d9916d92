package io.saaskit.adapters.stripe;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.SubscriptionListParams;
import com.stripe.param.checkout.SessionCreateParams;
import io.saaskit.core.billing.BillingGatewayException;
import io.saaskit.core.billing.CheckoutRequest;
import io.saaskit.core.billing.StripeSubscription;
import io.saaskit.core.billing.port.BillingGateway;
import io.saaskit.core.tenancy.OrgId;
import org.jspecify.annotations.Nullable;

/**
 * {@link BillingGateway} on stripe-java's instance-based {@link StripeClient} (never the static
 * {@code Stripe.apiKey}), with a configurable API base so tests and local development can point it at a stub.
 *
 * <p>Every Stripe failure (network, authentication, a refused request) becomes a
 * {@link BillingGatewayException}; no stripe-java type leaves this class. A subscription's price comes from its
 * first item; its period from its top level (where API versions before 2025-03-31 keep it, which the typed model
 * of the library's pinned version no longer has, so it is read from the raw object), else from its first item.
 * A period found in neither stays unknown, and never overwrites a known one.
 */
public final class StripeBillingGateway implements BillingGateway {

    private final @Nullable StripeClient client;

    private final String apiBase;

    /**
     * Creates the gateway.
     * @param apiKey the secret key ({@code STRIPE_SECRET_KEY}), or {@code null} or blank when not configured
     * @param apiBase the API base URL ({@code STRIPE_API_BASE}), {@code https://api.stripe.com} in production
     * @param timeout the connect and read timeout of each request
     */
    public StripeBillingGateway(@Nullable String apiKey, String apiBase, Duration timeout) {
        this.apiBase = Objects.requireNonNull(apiBase, "apiBase");
        Objects.requireNonNull(timeout, "timeout");
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        this.client = (apiKey == null || apiKey.isBlank()) ? null : StripeClient.builder()
                .setApiKey(apiKey.trim())
                .setApiBase(apiBase)
                .setConnectTimeout(millis)
                .setReadTimeout(millis)
                .setMaxNetworkRetries(1)
                .build();
    }

    @Override
    public boolean configured() {
        return this.client != null;
    }

    private StripeClient client() {
        if (this.client == null) {
            throw new BillingGatewayException(null);
        }
        return this.client;
    }

    @Override
    public String createCustomer(OrgId orgId, String idempotencyKey) {
        CustomerCreateParams params = CustomerCreateParams.builder().putMetadata("orgId", orgId.toString()).build();
        RequestOptions options = RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
        try {
            return client().v1().customers().create(params, options).getId();
        }
        catch (StripeException ex) {
            throw new BillingGatewayException(ex);
        }
    }

    @Override
    public String createCheckoutSession(CheckoutRequest request) {
        String orgId = request.orgId().toString();
        SessionCreateParams params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                .setCustomer(request.customerId())
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(request.priceId()).setQuantity(1L).build())
                .setSuccessUrl(request.successUrl())
                .setCancelUrl(request.cancelUrl())
                .setClientReferenceId(orgId)
                .putMetadata("orgId", orgId)
                .setSubscriptionData(SessionCreateParams.SubscriptionData.builder().putMetadata("orgId", orgId).build())
                .build();
        try {
            return requireUrl(client().v1().checkout().sessions().create(params).getUrl());
        }
        catch (StripeException ex) {
            throw new BillingGatewayException(ex);
        }
    }

    @Override
    public String createPortalSession(String customerId, String returnUrl) {
        com.stripe.param.billingportal.SessionCreateParams params = com.stripe.param.billingportal.SessionCreateParams
                .builder().setCustomer(customerId).setReturnUrl(returnUrl).build();
        try {
            return requireUrl(client().v1().billingPortal().sessions().create(params).getUrl());
        }
        catch (StripeException ex) {
            throw new BillingGatewayException(ex);
        }
    }

    private static String requireUrl(@Nullable String url) {
        if (url == null || url.isBlank()) {
            throw new BillingGatewayException(null);
        }
        return url;
    }

    @Override
    public Optional<StripeSubscription> subscription(String subscriptionId) {
        try {
            return Optional.ofNullable(state(client().v1().subscriptions().retrieve(subscriptionId)));
        }
        catch (InvalidRequestException ex) {
            if (Integer.valueOf(404).equals(ex.getStatusCode())) {
                return Optional.empty();
            }
            throw new BillingGatewayException(ex);
        }
        catch (StripeException ex) {
            throw new BillingGatewayException(ex);
        }
    }

    @Override
    public List<StripeSubscription> subscriptions(String customerId) {
        SubscriptionListParams params = SubscriptionListParams.builder()
                .setCustomer(customerId)
                .setStatus(SubscriptionListParams.Status.ALL)
                .setLimit(100L)
                .build();
        try {
            List<StripeSubscription> states = new ArrayList<>();
            for (Subscription subscription : client().v1().subscriptions().list(params).autoPagingIterable()) {
                StripeSubscription state = state(subscription);
                if (state != null) {
                    states.add(state);
                }
            }
            return states;
        }
        catch (StripeException ex) {
            throw new BillingGatewayException(ex);
        }
        catch (RuntimeException ex) {
            // Auto-paging wraps the failure of a later page in an unchecked exception.
            throw new BillingGatewayException(ex);
        }
    }

    private static @Nullable StripeSubscription state(Subscription subscription) {
        if (subscription.getId() == null || subscription.getCustomer() == null || subscription.getStatus() == null) {
            return null;
        }
        SubscriptionItem item = (subscription.getItems() != null && subscription.getItems().getData() != null
                && !subscription.getItems().getData().isEmpty()) ? subscription.getItems().getData().get(0) : null;
        String price = (item != null && item.getPrice() != null) ? item.getPrice().getId() : null;
        JsonObject raw = subscription.getRawJsonObject();
        Instant start = topLevel(raw, "current_period_start");
        Instant end = topLevel(raw, "current_period_end");
        if (start == null && item != null) {
            start = instant(item.getCurrentPeriodStart());
        }
        if (end == null && item != null) {
            end = instant(item.getCurrentPeriodEnd());
        }
        String orgId = (subscription.getMetadata() != null) ? subscription.getMetadata().get("orgId") : null;
        return new StripeSubscription(subscription.getId(), subscription.getCustomer(), price,
                subscription.getStatus(), start, end, Boolean.TRUE.equals(subscription.getCancelAtPeriodEnd()),
                orgId);
    }

    /** A timestamp member of the subscription's top level, as the raw response carries it. */
    private static @Nullable Instant topLevel(@Nullable JsonObject raw, String name) {
        JsonElement element = (raw != null) ? raw.get(name) : null;
        if (element == null || !element.isJsonPrimitive() || !element.getAsJsonPrimitive().isNumber()) {
            return null;
        }
        try {
            return instant(element.getAsJsonPrimitive().getAsBigDecimal().longValueExact());
        }
        catch (ArithmeticException | DateTimeException ex) {
            return null;
        }
    }

    private static @Nullable Instant instant(@Nullable Long epochSeconds) {
        return (epochSeconds != null) ? Instant.ofEpochSecond(epochSeconds) : null;
    }

    @Override
    public String toString() {
        return "StripeBillingGateway[apiBase=" + this.apiBase + ", configured=" + configured() + "]";
    }
}
