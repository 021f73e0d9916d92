package io.saaskit.boot.web.billing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.saaskit.boot.web.testing.Account;
import io.saaskit.boot.web.testing.Accounts;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RunningApp;
import io.saaskit.core.testing.BillingFixtures;
import io.saaskit.core.testing.StripePayloads;
import io.saaskit.core.testing.StripeStub;
import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /billing/status}, {@code POST /billing/checkout} and {@code POST /billing/portal} over HTTP against a
 * local Stripe stub, with the requests asserted on the wire (§7.1; acceptance 13.3 #49, 13.6 #73), and event
 * processing that re-fetches subscriptions because a secret key is set (§7.4).
 */
class BillingEndpointsIT {

    private static final String[] EXTRA = { "saaskit.stripe.api-key=sk_test_billing_it" };

    private static StripeStub stub;

    private static RunningApp app;

    private static Accounts accounts;

    private static Webhooks webhooks;

    @BeforeAll
    static void start() {
        stub = StripeStub.start();
        app = Webhooks.startWithStub(stub, EXTRA);
        accounts = new Accounts(app);
        webhooks = new Webhooks(app);
    }

    @AfterAll
    static void stop() {
        app.close();
        stub.close();
    }

    @AfterEach
    void reset() {
        stub.failWith(0);
        webhooks.runJobs();
    }

    private static Reply checkout(Account account) {
        return app.http().post("/billing/checkout").bearer(account.token()).org(account.orgId()).send();
    }

    private static Reply checkout(Account account, String contentType, String body) {
        return app.http().post("/billing/checkout").bearer(account.token()).org(account.orgId())
                .body(contentType, body.getBytes(StandardCharsets.UTF_8)).send();
    }

    private static Reply portal(Account account) {
        return app.http().post("/billing/portal").bearer(account.token()).org(account.orgId()).send();
    }

    private static Reply status(Account account) {
        return app.http().get("/billing/status").bearer(account.token()).org(account.orgId()).send();
    }

    private static String customerOf(Account account) {
        return webhooks.jdbc().sql("select stripe_customer_id from organization where id = cast(:id as uuid)")
                .param("id", account.orgId()).query(String.class).optional().orElse(null);
    }

    private static List<StripeStub.Recorded> checkoutsOf(Account account) {
        return stub.requests("POST", "/v1/checkout/sessions").stream()
                .filter((request) -> account.orgId().equals(request.field("client_reference_id"))).toList();
    }

    @Test
    void twoConcurrentCheckoutsCreateAndStoreOneCustomer() throws Exception {
        Account owner = accounts.register();
        int before = stub.requests("POST", "/v1/customers").size();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Reply> replies = new ArrayList<>();
        try {
            List<Future<Reply>> futures = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Callable<Reply> call = () -> {
                    start.await();
                    return checkout(owner);
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            for (Future<Reply> future : futures) {
                replies.add(future.get());
            }
        }
        finally {
            pool.shutdownNow();
        }

        assertThat(replies).allSatisfy((reply) -> {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            assertThat(reply.json().get("url").stringValue()).startsWith("https://checkout.stripe.com/");
        });
        List<StripeStub.Recorded> customers = stub.requests("POST", "/v1/customers");
        assertThat(customers).hasSize(before + 1);
        StripeStub.Recorded created = customers.get(customers.size() - 1);
        assertThat(created.field("metadata[orgId]")).isEqualTo(owner.orgId());
        assertThat(created.headers()).containsEntry("idempotency-key", "saaskit-customer-" + owner.orgId());
        String customer = customerOf(owner);
        assertThat(customer).startsWith("cus_");
        assertThat(checkoutsOf(owner)).hasSize(2).allSatisfy((request) -> assertThat(request.fields())
                .containsEntry("mode", "subscription")
                .containsEntry("customer", customer)
                .containsEntry("line_items[0][price]", "price_pro")
                .containsEntry("line_items[0][quantity]", "1")
                .containsEntry("success_url", "http://web.example.test:3000/billing/success")
                .containsEntry("cancel_url", "http://web.example.test:3000/billing/cancel")
                .containsEntry("metadata[orgId]", owner.orgId())
                .containsEntry("subscription_data[metadata][orgId]", owner.orgId()));
        assertThat(webhooks.actions(owner.orgId()))
                .filteredOn((action) -> action.equals("billing.checkout.initiated")).hasSize(2);
    }

    @Test
    void theStatusShowsPlanAndNoSubscriptionAtFirst() {
        Account owner = accounts.register();

        JsonNode status = status(owner).json();

        assertThat(status.get("billingConfigured").booleanValue()).isTrue();
        assertThat(status.get("plan").stringValue()).isEqualTo("free");
        assertThat(status.get("planLimit").longValue()).isEqualTo(1000);
        assertThat(status.get("subscription").isNull()).isTrue();
    }

    @Test
    void thePortalNeedsACustomerAndOpensForIt() {
        Account owner = accounts.register();

        Reply before = portal(owner);
        checkout(owner);
        Reply after = portal(owner);

        assertThat(before.status()).isEqualTo(404);
        assertThat(before.json().get("detail").stringValue()).isEqualTo("No billing customer for this organization");
        assertThat(after.status()).as(after.toString()).isEqualTo(200);
        assertThat(after.json().get("url").stringValue()).startsWith("https://billing.stripe.com/");
        StripeStub.Recorded request = stub.requests("POST", "/v1/billing_portal/sessions").stream()
                .filter((r) -> customerOf(owner).equals(r.field("customer"))).findFirst().orElseThrow();
        assertThat(request.field("return_url")).isEqualTo("http://web.example.test:3000/app/billing");
        assertThat(webhooks.actions(owner.orgId())).contains("billing.portal.opened");
    }

    @Test
    void aStripeFailureIs503AndStoresNothing() {
        Account owner = accounts.register();
        stub.failWith(500);

        Reply reply = checkout(owner);

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.mediaType()).isEqualTo("application/problem+json");
        assertThat(reply.body()).doesNotContain("Stub outage");
        assertThat(customerOf(owner)).isNull();
        assertThat(webhooks.actions(owner.orgId())).doesNotContain("billing.checkout.initiated");
    }

    @Test
    void billingPermissionsFollowTheRoleMatrix() {
        Account owner = accounts.register();
        Account member = accounts.register();
        Account readonly = accounts.register();
        Account biller = accounts.register();
        accounts.addMember(owner, member, "MEMBER");
        accounts.addMember(owner, readonly, "READONLY");
        accounts.addMember(owner, biller, "BILLING");
        Account memberInOrg = new Account(member.email(), member.password(), member.userId(), owner.orgId(),
                member.token());
        Account readonlyInOrg = new Account(readonly.email(), readonly.password(), readonly.userId(), owner.orgId(),
                readonly.token());
        Account billerInOrg = new Account(biller.email(), biller.password(), biller.userId(), owner.orgId(),
                biller.token());

        for (Account refused : List.of(memberInOrg, readonlyInOrg)) {
            Reply read = status(refused);
            assertThat(read.status()).isEqualTo(403);
            assertThat(read.json().get("requiredPermission").stringValue()).isEqualTo("billing.read");
            assertThat(checkout(refused).json().get("requiredPermission").stringValue()).isEqualTo("billing.manage");
            assertThat(portal(refused).status()).isEqualTo(403);
        }
        assertThat(status(billerInOrg).status()).isEqualTo(200);
        assertThat(checkout(billerInOrg).status()).isEqualTo(200);
        assertThat(portal(billerInOrg).status()).isEqualTo(200);
    }

    @Test
    void oneOrganizationsBillingNeverTouchesAnother() {
        Account a = accounts.register();
        Account b = accounts.register();
        checkout(a);
        String subscriptionId = BillingFixtures.stripeId("sub");
        stub.putSubscription(subscriptionId, customerOf(a), StripePayloads.subscription(subscriptionId, customerOf(a),
                "price_pro", "active", webhooks.now().minusSeconds(60), webhooks.now().plusSeconds(86_400), a.orgId()));
        webhooks.post(StripePayloads.subscriptionEvent("customer.subscription.created",
                BillingFixtures.stripeId("evt"), webhooks.now(), StripePayloads.subscription(subscriptionId,
                        customerOf(a), "price_pro", "active", webhooks.now(), webhooks.now().plusSeconds(60),
                        a.orgId())));
        webhooks.runJobs();

        assertThat(status(a).json().get("subscription").get("status").stringValue()).isEqualTo("active");
        assertThat(status(b).json().get("subscription").isNull()).isTrue();
        assertThat(status(b).json().get("plan").stringValue()).isEqualTo("free");
        assertThat(customerOf(b)).isNull();
        assertThat(portal(b).status()).isEqualTo(404);
        Reply crossTenant = app.http().get("/billing/status").bearer(b.token()).org(a.orgId()).send();
        assertThat(crossTenant.status()).isEqualTo(403);
        assertThat(webhooks.actions(b.orgId())).noneMatch((action) -> action.startsWith("billing."));
    }

    @Test
    void withASecretKeyTheFetchedSubscriptionIsApplied() {
        Account owner = accounts.register();
        checkout(owner);
        String customer = customerOf(owner);
        String subscriptionId = BillingFixtures.stripeId("sub");
        stub.putSubscription(subscriptionId, customer, StripePayloads.subscription(subscriptionId, customer,
                "price_pro", "past_due", webhooks.now().minusSeconds(60), webhooks.now().plusSeconds(86_400),
                owner.orgId()));

        webhooks.post(StripePayloads.subscriptionEvent("customer.subscription.updated",
                BillingFixtures.stripeId("evt"), webhooks.now(), StripePayloads.subscription(subscriptionId, customer,
                        "price_pro", "active", webhooks.now(), webhooks.now().plusSeconds(60), owner.orgId())));
        webhooks.runJobs();

        assertThat(webhooks.subscriptionStatus(subscriptionId)).isEqualTo("past_due");
        assertThat(stub.requests("GET", "/v1/subscriptions/" + subscriptionId)).hasSize(1);
        assertThat(status(owner).json().get("plan").stringValue()).isEqualTo("pro");
    }

    @Test
    void anEntitledOrganizationIsSentToThePortalInstead() {
        Account owner = accounts.register();
        checkout(owner);
        String customer = customerOf(owner);
        String subscriptionId = BillingFixtures.stripeId("sub");
        stub.putSubscription(subscriptionId, customer, StripePayloads.subscription(subscriptionId, customer,
                "price_pro", "active", webhooks.now(), webhooks.now().plusSeconds(86_400), owner.orgId()));
        webhooks.post(StripePayloads.checkoutCompleted(BillingFixtures.stripeId("evt"), webhooks.now(),
                owner.orgId(), customer, subscriptionId, "paid"));
        webhooks.runJobs();

        Reply reply = checkout(owner);

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.json().get("detail").stringValue())
                .isEqualTo("Subscription already active; use the billing portal");
    }

    @Test
    void badCheckoutInputIsA4xxProblem() {
        Account owner = accounts.register();

        Reply malformed = checkout(owner, "application/json", "{\"plan\":");
        Reply array = checkout(owner, "application/json", "[1]");
        Reply number = checkout(owner, "application/json", "{\"plan\":5}");
        Reply unknown = checkout(owner, "application/json", "{\"plan\":\"platinum\"}");
        Reply unpriced = checkout(owner, "application/json", "{\"plan\":\"free\"}");
        Reply text = checkout(owner, "text/plain", "plan=pro");
        Reply explicit = checkout(owner, "application/json", "{\"plan\":\"pro\"}");

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("detail").stringValue()).isEqualTo("Malformed JSON body");
        for (Reply reply : List.of(array, number, unknown, unpriced)) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
            assertThat(reply.mediaType()).isEqualTo("application/problem+json");
            assertThat(reply.json().get("code").stringValue()).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(unknown.json().get("errors").get(0).get("field").stringValue()).isEqualTo("plan");
        assertThat(unpriced.json().get("errors").get(0).get("message").stringValue())
                .isEqualTo("Plan has no Stripe price");
        assertThat(text.status()).isEqualTo(415);
        assertThat(explicit.status()).as(explicit.toString()).isEqualTo(200);
    }

    @Test
    void hostileCheckoutBodiesAre4xxAndWriteNothing() {
        Account owner = accounts.register();
        byte[] large = new byte[2 * 1024 * 1024];
        Arrays.fill(large, (byte) ' ');
        large[0] = '{';
        large[large.length - 1] = '}';

        List<Reply> replies = List.of(checkout(owner, "application/json", "{} {}"),
                checkout(owner, "application/json", "null"),
                checkout(owner, "application/json", "[".repeat(5000) + "]".repeat(5000)),
                checkout(owner, "application/json", "{\"plan\":\"pro\",\"plan\":\"free\"}"),
                checkout(owner, "application/json", "{\"plan\":\"" + "a".repeat(10_000) + "\"}"),
                checkout(owner, "application/json", "{\"plan\":\"pr\\u0000o\"}"),
                checkout(owner, "application/json", "{\"plan\":\"  \"}"),
                app.http().post("/billing/checkout").bearer(owner.token()).org(owner.orgId())
                        .body("application/json", large).send());

        assertThat(replies).extracting(Reply::status).containsExactly(400, 400, 400, 400, 400, 400, 400, 413);
        assertThat(replies).allSatisfy((reply) -> {
            assertThat(reply.mediaType()).isEqualTo("application/problem+json");
            assertThat(reply.json().get("requestId").stringValue()).isEqualTo(reply.header("X-Request-Id"));
        });
        assertThat(customerOf(owner)).isNull();
        assertThat(webhooks.actions(owner.orgId())).doesNotContain("billing.checkout.initiated");
    }
}
