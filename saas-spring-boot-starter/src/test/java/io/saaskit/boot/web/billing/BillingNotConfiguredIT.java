package io.saaskit.boot.web.billing;

import java.nio.charset.StandardCharsets;

import io.saaskit.boot.web.testing.Account;
import io.saaskit.boot.web.testing.Accounts;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RunningApp;
import io.saaskit.core.testing.BillingFixtures;
import io.saaskit.core.testing.StripePayloads;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Billing without its configuration: clear 4xx answers instead of failures (§7.1, §7.2 step 1, §7.7, §10.1), and
 * the billing endpoint group switched off.
 */
class BillingNotConfiguredIT {

    @Test
    void withoutStripeCredentialsEveryBillingActionIsAClear400() {
        try (RunningApp app = RunningApp.start("saaskit.admin.token=admin-token-0123456789")) {
            Account owner = new Accounts(app).register();
            byte[] body = StripePayloads.otherEvent("customer.created", BillingFixtures.stripeId("evt"),
                    app.clock().instant()).getBytes(StandardCharsets.UTF_8);

            Reply webhook = app.http().post("/billing/webhook")
                    .header("Stripe-Signature", StripePayloads.signature("whsec_any", app.clock().instant(), body))
                    .body("application/json", body).send();
            Reply checkout = app.http().post("/billing/checkout").bearer(owner.token()).send();
            Reply portal = app.http().post("/billing/portal").bearer(owner.token()).send();
            Reply status = app.http().get("/billing/status").bearer(owner.token()).send();
            Reply reconcile = app.http().post("/admin/reconcile").bearer("admin-token-0123456789").send();
            Reply reconcileOne = app.http().post("/admin/reconcile?orgId=" + owner.orgId())
                    .bearer("admin-token-0123456789").send();

            assertThat(webhook.status()).isEqualTo(400);
            assertThat(webhook.json().get("detail").stringValue()).isEqualTo("Stripe webhook secret not configured");
            assertThat(checkout.status()).isEqualTo(400);
            assertThat(checkout.json().get("detail").stringValue()).isEqualTo("Stripe not configured");
            assertThat(portal.json().get("detail").stringValue()).isEqualTo("Stripe not configured");
            assertThat(status.json().get("billingConfigured").booleanValue()).isFalse();
            assertThat(reconcile.status()).isEqualTo(400);
            assertThat(reconcile.json().get("detail").stringValue()).isEqualTo("Stripe not configured");
            assertThat(reconcileOne.status()).isEqualTo(400);
            assertThat(reconcileOne.json().get("detail").stringValue()).isEqualTo("Stripe not configured");
        }
    }

    @Test
    void withoutAPriceCheckoutIsRefusedAndWithoutAnAdminTokenTheOperatorApiIs403() {
        try (RunningApp app = RunningApp.start("saaskit.stripe.api-key=sk_test_unused",
                "saaskit.stripe.api-base=http://127.0.0.1:9")) {
            Account owner = new Accounts(app).register();

            Reply checkout = app.http().post("/billing/checkout").bearer(owner.token()).send();
            Reply admin = app.http().get("/admin/stripe-events").bearer("anything").send();

            assertThat(checkout.status()).isEqualTo(400);
            assertThat(checkout.json().get("detail").stringValue()).isEqualTo("Stripe price or URLs missing");
            assertThat(admin.status()).isEqualTo(403);
            assertThat(admin.json().get("detail").stringValue()).isEqualTo("Internal admin token not configured");
        }
    }

    @Test
    void theBillingGroupCanBeSwitchedOff() {
        try (RunningApp app = RunningApp.start("saaskit.http.billing.enabled=false",
                "saaskit.http.admin.enabled=false")) {
            Account owner = new Accounts(app).register();

            assertThat(app.http().get("/billing/status").bearer(owner.token()).send().status()).isEqualTo(404);
            assertThat(app.http().post("/billing/webhook").send().status()).isEqualTo(404);
            assertThat(app.http().get("/admin/stripe-events").send().status()).isEqualTo(404);
        }
    }
}
