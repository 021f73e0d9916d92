package io.saaskit.adapters.stripe;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.saaskit.core.billing.BillingGatewayException;
import io.saaskit.core.billing.CheckoutRequest;
import io.saaskit.core.billing.StripeSubscription;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.testing.StripePayloads;
import io.saaskit.core.testing.StripeStub;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class StripeBillingGatewayTests {

    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

    private static final Instant END = Instant.parse("2026-04-01T00:00:00Z");

    private final StripeStub stub = StripeStub.start();

    private final StripeBillingGateway gateway = new StripeBillingGateway("sk_test_123", this.stub.baseUrl(),
            Duration.ofSeconds(5));

    private final OrgId orgId = new OrgId(UUID.fromString("0190a0b0-0000-7000-8000-000000000001"));

    @AfterEach
    void stop() {
        this.stub.close();
    }

    @Test
    void aCustomerIsCreatedWithTheOrganizationAndTheIdempotencyKey() {
        String id = this.gateway.createCustomer(this.orgId, "saaskit-customer-" + this.orgId);

        StripeStub.Recorded request = this.stub.requests("POST", "/v1/customers").get(0);
        assertThat(id).startsWith("cus_");
        assertThat(request.field("metadata[orgId]")).isEqualTo(this.orgId.toString());
        assertThat(request.headers()).containsEntry("idempotency-key", "saaskit-customer-" + this.orgId)
                .containsEntry("authorization", "Bearer sk_test_123");
    }

    @Test
    void aCheckoutSessionCarriesEveryFieldOnTheWire() {
        String url = this.gateway.createCheckoutSession(new CheckoutRequest(this.orgId, "cus_1", "price_pro",
                "https://app.example/success", "https://app.example/cancel"));

        StripeStub.Recorded request = this.stub.requests("POST", "/v1/checkout/sessions").get(0);
        assertThat(url).startsWith("https://checkout.stripe.com/");
        assertThat(request.fields())
                .containsEntry("mode", "subscription")
                .containsEntry("customer", "cus_1")
                .containsEntry("line_items[0][price]", "price_pro")
                .containsEntry("line_items[0][quantity]", "1")
                .containsEntry("success_url", "https://app.example/success")
                .containsEntry("cancel_url", "https://app.example/cancel")
                .containsEntry("client_reference_id", this.orgId.toString())
                .containsEntry("metadata[orgId]", this.orgId.toString())
                .containsEntry("subscription_data[metadata][orgId]", this.orgId.toString());
    }

    @Test
    void aPortalSessionUsesTheCustomerAndReturnUrl() {
        String url = this.gateway.createPortalSession("cus_1", "https://app.example/app/billing");

        StripeStub.Recorded request = this.stub.requests("POST", "/v1/billing_portal/sessions").get(0);
        assertThat(url).startsWith("https://billing.stripe.com/");
        assertThat(request.fields()).containsEntry("customer", "cus_1")
                .containsEntry("return_url", "https://app.example/app/billing");
    }

    @Test
    void aSubscriptionIsReadWithItsItemPeriod() {
        this.stub.putSubscription("sub_1", "cus_1",
                StripePayloads.subscription("sub_1", "cus_1", "price_pro", "past_due", START, END, "org-1"));

        assertThat(this.gateway.subscription("sub_1")).contains(new StripeSubscription("sub_1", "cus_1", "price_pro",
                "past_due", START, END, false, "org-1"));
        assertThat(this.gateway.subscription("sub_unknown")).isEmpty();
    }

    @Test
    void aTopLevelPeriodOfOlderApiVersionsWinsOverTheItems() {
        Instant itemStart = START.minusSeconds(86_400);
        Instant itemEnd = END.minusSeconds(86_400);
        String itemPeriod = StripePayloads.subscription("sub_old", "cus_1", "price_pro", "active", itemStart, itemEnd,
                null);
        String topLevel = itemPeriod.replaceFirst("\\{", "{\"current_period_start\": " + START.getEpochSecond()
                + ", \"current_period_end\": " + END.getEpochSecond() + ",");
        this.stub.putSubscription("sub_old", "cus_1", topLevel);
        this.stub.putSubscription("sub_new", "cus_1", itemPeriod.replace("sub_old", "sub_new"));

        StripeSubscription old = this.gateway.subscription("sub_old").orElseThrow();
        StripeSubscription current = this.gateway.subscription("sub_new").orElseThrow();

        assertThat(old.currentPeriodStart()).isEqualTo(START);
        assertThat(old.currentPeriodEnd()).isEqualTo(END);
        assertThat(current.currentPeriodStart()).isEqualTo(itemStart);
        assertThat(current.currentPeriodEnd()).isEqualTo(itemEnd);
    }

    @Test
    void everySubscriptionOfACustomerIsListed() {
        this.stub.putSubscription("sub_1", "cus_1",
                StripePayloads.subscription("sub_1", "cus_1", "price_pro", "canceled", START, END, null));
        this.stub.putSubscription("sub_2", "cus_1",
                StripePayloads.subscription("sub_2", "cus_1", "price_pro", "active", START, END, null));

        assertThat(this.gateway.subscriptions("cus_1")).extracting(StripeSubscription::subscriptionId)
                .containsExactly("sub_1", "sub_2");
        StripeStub.Recorded request = this.stub.requests("GET", "/v1/subscriptions").get(0);
        assertThat(request.fields()).containsEntry("customer", "cus_1").containsEntry("status", "all");
    }

    @Test
    void aStripeFailureBecomesAGatewayException() {
        this.stub.failWith(500);

        assertThatExceptionOfType(BillingGatewayException.class)
                .isThrownBy(() -> this.gateway.createCustomer(this.orgId, "key"));
        assertThatExceptionOfType(BillingGatewayException.class)
                .isThrownBy(() -> this.gateway.subscription("sub_1"));
    }

    @Test
    void anUnreachableStripeBecomesAGatewayException() {
        this.stub.close();

        assertThatExceptionOfType(BillingGatewayException.class).isThrownBy(() -> this.gateway
                .createPortalSession("cus_1", "https://app.example/app/billing"));
    }

    @Test
    void withoutAKeyTheGatewayIsNotConfigured() {
        StripeBillingGateway unconfigured = new StripeBillingGateway(" ", this.stub.baseUrl(), Duration.ofSeconds(1));

        assertThat(unconfigured.configured()).isFalse();
        assertThat(this.gateway.configured()).isTrue();
        assertThatExceptionOfType(BillingGatewayException.class)
                .isThrownBy(() -> unconfigured.createCustomer(this.orgId, "key"));
        assertThat(this.stub.requests()).isEmpty();
        assertThat(this.gateway.toString()).doesNotContain("sk_test_123");
    }
}
