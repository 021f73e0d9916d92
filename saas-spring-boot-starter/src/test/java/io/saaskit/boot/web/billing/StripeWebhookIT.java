package io.saaskit.boot.web.billing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.saaskit.boot.web.testing.Account;
import io.saaskit.boot.web.testing.Accounts;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RowCounts;
import io.saaskit.boot.web.testing.RunningApp;
import io.saaskit.core.billing.StripeEventService;
import io.saaskit.core.notification.Notification;
import io.saaskit.core.testing.BillingFixtures;
import io.saaskit.core.testing.StripePayloads;
import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /billing/webhook} over HTTP with genuinely signed, Stripe-shaped events, and their processing by the
 * {@code stripe-event} job handler (§7.2–7.5; acceptance 13.1 #9–11, 13.5 #72, 13.6 #74–80), without a Stripe
 * secret key, so events apply from their payloads.
 */
class StripeWebhookIT {

    private static final Instant PERIOD_START = Instant.parse("2026-03-01T00:00:00Z");

    private static final Instant PERIOD_END = Instant.parse("2026-04-01T00:00:00Z");

    private static RunningApp app;

    private static Accounts accounts;

    private static Webhooks webhooks;

    @BeforeAll
    static void start() {
        app = RunningApp.startWith(new Class<?>[] { BillingTestConfiguration.class }, Webhooks.PROPERTIES);
        accounts = new Accounts(app);
        webhooks = new Webhooks(app);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @AfterEach
    void reset() {
        webhooks.queue().down(false);
        app.bean(BillingTestConfiguration.SwitchableInbox.class).down(false);
        webhooks.runJobs();
    }

    private static String subscriptionEvent(String type, String eventId, Instant created, String subscriptionId,
            String customerId, String status, String orgId) {
        return StripePayloads.subscriptionEvent(type, eventId, created, StripePayloads.subscription(subscriptionId,
                customerId, "price_pro", status, PERIOD_START, PERIOD_END, orgId));
    }

    private static JsonNode org(Account account) {
        return app.http().get("/org").bearer(account.token()).org(account.orgId()).send().json().get("org");
    }

    @Test
    void aSignedEventIsStoredEnqueuedOnceAndProcessedByTheWorker() {
        Account owner = accounts.register();
        String eventId = BillingFixtures.stripeId("evt");
        String subscriptionId = BillingFixtures.stripeId("sub");

        Reply reply = webhooks.post(subscriptionEvent("customer.subscription.updated", eventId, webhooks.now(),
                subscriptionId, BillingFixtures.stripeId("cus"), "active", owner.orgId()));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{\"received\":true}");
        assertThat(webhooks.state(eventId)).isEqualTo("received");
        assertThat(webhooks.queue().requests()).hasSize(1);
        assertThat(webhooks.actions(owner.orgId())).doesNotContain("billing.webhook.processed");
        webhooks.runJobs();
        assertThat(webhooks.state(eventId)).isEqualTo("processed");
        assertThat(webhooks.subscriptionStatus(subscriptionId)).isEqualTo("active");
        assertThat(webhooks.actions(owner.orgId())).contains("billing.webhook.subscription.updated",
                "billing.webhook.processed", "plan.changed");
        assertThat(org(owner).get("plan").stringValue()).isEqualTo("pro");
        assertThat(org(owner).get("planLimit").longValue()).isEqualTo(100_000);
    }

    @Test
    void theDeliverysRequestIdTravelsToTheWorkersAuditRows() {
        Account owner = accounts.register();
        byte[] body = subscriptionEvent("customer.subscription.created", BillingFixtures.stripeId("evt"),
                webhooks.now(), BillingFixtures.stripeId("sub"), BillingFixtures.stripeId("cus"), "active",
                owner.orgId()).getBytes(StandardCharsets.UTF_8);

        Reply reply = app.http().post("/billing/webhook").header("X-Request-Id", "whk-req-42")
                .header("Stripe-Signature", StripePayloads.signature(Webhooks.SECRET, webhooks.now(), body))
                .body("application/json", body).send();
        webhooks.runJobs();

        assertThat(reply.header("X-Request-Id")).isEqualTo("whk-req-42");
        List<String> requestIds = webhooks.jdbc().sql("select coalesce(request_id, '-') from audit_log"
                + " where org_id = cast(:org as uuid) and action like 'billing.%'").param("org", owner.orgId())
                .query(String.class).list();
        assertThat(requestIds).hasSize(2).containsOnly("whk-req-42");
        assertThat(webhooks.jdbc().sql("select request_id from audit_log where org_id = cast(:org as uuid)"
                + " and action = 'plan.changed'").param("org", owner.orgId()).query(String.class).list())
                .containsExactly("whk-req-42");
    }

    @Test
    void theSameEventPostedFiftyTimesConcurrentlyIsStoredEnqueuedAndAppliedOnce() throws Exception {
        Account owner = accounts.register();
        String eventId = BillingFixtures.stripeId("evt");
        byte[] body = subscriptionEvent("customer.subscription.created", eventId, webhooks.now(),
                BillingFixtures.stripeId("sub"), BillingFixtures.stripeId("cus"), "active", owner.orgId())
                .getBytes(StandardCharsets.UTF_8);
        String signature = StripePayloads.signature(Webhooks.SECRET, webhooks.now(), body);
        int deliveries = 50;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(deliveries);
        List<Reply> replies = new ArrayList<>();
        try {
            List<Future<Reply>> futures = new ArrayList<>();
            for (int i = 0; i < deliveries; i++) {
                Callable<Reply> post = () -> {
                    start.await();
                    return webhooks.post(body, signature);
                };
                futures.add(pool.submit(post));
            }
            start.countDown();
            for (Future<Reply> future : futures) {
                replies.add(future.get());
            }
        }
        finally {
            pool.shutdownNow();
        }

        assertThat(replies).allSatisfy((reply) -> assertThat(reply.status()).as(reply.toString()).isEqualTo(200));
        assertThat(replies).filteredOn((reply) -> reply.body().equals("{\"received\":true}")).hasSize(1);
        assertThat(replies).filteredOn((reply) -> reply.body().equals("{\"received\":true,\"duplicate\":true}"))
                .hasSize(deliveries - 1);
        assertThat(webhooks.rows(eventId)).isEqualTo(1);
        assertThat(webhooks.queue().requests()).hasSize(1);
        webhooks.runJobs();
        // A redelivered job (at-least-once) finds the row processed and changes nothing.
        app.bean(StripeEventService.class).dispatch(Duration.ZERO, 100);
        webhooks.runJobs();
        assertThat(webhooks.actions(owner.orgId()))
                .filteredOn((action) -> action.equals("billing.webhook.subscription.created")).hasSize(1);
        assertThat(webhooks.actions(owner.orgId()))
                .filteredOn((action) -> action.equals("billing.webhook.processed")).hasSize(1);
    }

    @Test
    void refusedDeliveriesAnswer400AndStoreNothing() {
        String eventId = BillingFixtures.stripeId("evt");
        byte[] body = StripePayloads.otherEvent("customer.created", eventId, webhooks.now())
                .getBytes(StandardCharsets.UTF_8);
        Instant now = webhooks.now();
        String v1 = StripePayloads.hmac(Webhooks.SECRET, now.getEpochSecond(), body);
        Map<String, String> refusals = Map.of(
                "no v1", "t=" + now.getEpochSecond(),
                "only v0", "t=" + now.getEpochSecond() + ",v0=" + v1,
                "wrong secret", StripePayloads.signature("whsec_wrong", now, body),
                "301 s old", StripePayloads.signature(Webhooks.SECRET, now.minusSeconds(301), body),
                "301 s ahead", StripePayloads.signature(Webhooks.SECRET, now.plusSeconds(301), body),
                "invalid", "invalid");
        Map<String, Long> before = RowCounts.of(app.database().dataSource());

        Reply missing = app.http().post("/billing/webhook").body("application/json", body).send();
        Reply reserialised = webhooks.post(new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", "")
                .getBytes(StandardCharsets.UTF_8), StripePayloads.signature(Webhooks.SECRET, now, body));

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.mediaType()).isEqualTo("application/problem+json");
        assertThat(missing.json().get("detail").stringValue()).isEqualTo("Missing Stripe signature");
        assertThat(reserialised.status()).isEqualTo(400);
        refusals.forEach((name, header) -> {
            Reply reply = webhooks.post(body, header);
            assertThat(reply.status()).as(name).isEqualTo(400);
            assertThat(reply.mediaType()).as(name).isEqualTo("application/problem+json");
            assertThat(reply.json().get("detail").stringValue()).as(name).isEqualTo("Invalid signature");
        });
        assertThat(RowCounts.of(app.database().dataSource())).isEqualTo(before);
        assertThat(webhooks.queue().requests()).isEmpty();
    }

    @Test
    void aTimestamp299SecondsOldAndTheRotatedOutSecretAreAccepted() {
        byte[] body = StripePayloads.otherEvent("customer.created", BillingFixtures.stripeId("evt"),
                webhooks.now()).getBytes(StandardCharsets.UTF_8);

        Reply old = webhooks.post(body, StripePayloads.signature(Webhooks.SECRET, webhooks.now().minusSeconds(299),
                body));
        byte[] other = StripePayloads.otherEvent("customer.created", BillingFixtures.stripeId("evt"),
                webhooks.now()).getBytes(StandardCharsets.UTF_8);
        Reply rotated = webhooks.post(other, StripePayloads.signature("whsec_test_rotated_out", webhooks.now(),
                other));

        assertThat(old.status()).as(old.toString()).isEqualTo(200);
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
    }

    @Test
    void aSignedBodyThatIsNotAnEventIsRefused() {
        Reply reply = webhooks.post("{\"hello\":\"world\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("detail").stringValue()).isEqualTo("Invalid event payload");
        assertThat(reply.json().get("code").stringValue()).isEqualTo("BAD_REQUEST");
    }

    @Test
    void envelopeValuesThatCannotBeStoredAre400AndStoreNothing() {
        String valid = StripePayloads.otherEvent("customer.created", "evt_valid_envelope", webhooks.now());
        String created = "\"created\": " + webhooks.now().getEpochSecond();
        assertThat(valid).contains(created);
        Map<String, String> refused = Map.of(
                "NUL in id", valid.replace("evt_valid_envelope", "evt_nul\\u0000"),
                "NUL in type", valid.replace("customer.created", "customer.created\\u0000"),
                "NUL in api_version", valid.replace(StripePayloads.API_VERSION, StripePayloads.API_VERSION
                        + "\\u0000"),
                "lone surrogate id", valid.replace("evt_valid_envelope", "evt_\\ud800"),
                "other lone surrogate id", valid.replace("evt_valid_envelope", "evt_\\ud801"),
                "absurd created", valid.replace(created, "\"created\": -99999999999999"),
                "created after 9999", valid.replace(created, "\"created\": 253402300800"),
                "duplicate key", valid.replaceFirst("\\{", "{\"id\": \"evt_shadowed\","));
        Map<String, Long> before = RowCounts.of(app.database().dataSource());

        refused.forEach((name, payload) -> {
            Reply reply = webhooks.post(payload);
            assertThat(reply.status()).as(name + ": " + reply).isEqualTo(400);
            assertThat(reply.mediaType()).as(name).isEqualTo("application/problem+json");
            assertThat(reply.json().get("detail").stringValue()).as(name).isEqualTo("Invalid event payload");
        });

        assertThat(RowCounts.of(app.database().dataSource())).isEqualTo(before);
        assertThat(webhooks.queue().requests()).isEmpty();
        assertThat(webhooks.post(valid).status()).isEqualTo(200);
    }

    @Test
    void aSignedEventSentAsMultipartOrFormIsVerifiedOverItsRawBytes() {
        Map<String, String> contentTypes = Map.of("multipart", "multipart/form-data; boundary=x",
                "form", "application/x-www-form-urlencoded", "text", "text/plain");
        contentTypes.forEach((name, contentType) -> {
            String eventId = BillingFixtures.stripeId("evt");
            byte[] body = StripePayloads.otherEvent("customer.created", eventId, webhooks.now())
                    .getBytes(StandardCharsets.UTF_8);

            Reply reply = app.http().post("/billing/webhook")
                    .header("Stripe-Signature", StripePayloads.signature(Webhooks.SECRET, webhooks.now(), body))
                    .body(contentType, body).send();

            assertThat(reply.status()).as(name + ": " + reply).isEqualTo(200);
            assertThat(webhooks.rows(eventId)).as(name).isEqualTo(1);
        });
    }

    @Test
    void anEventWhoseShapeCanNeverApplyEndsIgnoredAtOnceWithTheReason() {
        Account owner = accounts.register();
        String numericId = BillingFixtures.stripeId("evt");
        String arrayData = BillingFixtures.stripeId("evt");
        String subscription = subscriptionEvent("customer.subscription.updated", numericId, webhooks.now(),
                BillingFixtures.stripeId("sub"), BillingFixtures.stripeId("cus"), "active", owner.orgId());
        webhooks.post(subscription.replaceFirst("\"id\": \"sub_[^\"]*\"", "\"id\": 5"));
        webhooks.post(StripePayloads.otherEvent("customer.subscription.updated", arrayData, webhooks.now())
                .replaceFirst("\"data\": \\{", "\"data\": [], \"unused\": {"));

        webhooks.runJobs();

        for (String eventId : List.of(numericId, arrayData)) {
            assertThat(webhooks.state(eventId)).as(eventId).isEqualTo("ignored");
        }
        assertThat(webhooks.jdbc().sql("select last_error from stripe_event where stripe_event_id = :id")
                .param("id", numericId).query(String.class).single())
                .isEqualTo("The event carries no subscription with an id, customer and status");
        app.clock().advance(Duration.ofHours(2));
        assertThat(app.bean(StripeEventService.class).dispatch(Duration.ofSeconds(5), 1000)).isZero();
        assertThat(webhooks.actions(owner.orgId())).doesNotContain("billing.webhook.processed");
    }

    @Test
    void aDuplicateDeliveryIsAcknowledgedWithoutASecondRow() {
        Account owner = accounts.register();
        String eventId = BillingFixtures.stripeId("evt");
        String payload = subscriptionEvent("customer.subscription.updated", eventId, webhooks.now(),
                BillingFixtures.stripeId("sub"), BillingFixtures.stripeId("cus"), "active", owner.orgId());

        Reply first = webhooks.post(payload);
        Reply second = webhooks.post(payload);

        assertThat(first.body()).isEqualTo("{\"received\":true}");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body()).isEqualTo("{\"received\":true,\"duplicate\":true}");
        assertThat(webhooks.rows(eventId)).isEqualTo(1);
    }

    @Test
    void anOlderEventNeverOverwritesANewerState() {
        Account owner = accounts.register();
        String subscriptionId = BillingFixtures.stripeId("sub");
        String customerId = BillingFixtures.stripeId("cus");
        Instant t1 = webhooks.now().minusSeconds(60);
        Instant t2 = webhooks.now().minusSeconds(30);

        webhooks.post(subscriptionEvent("customer.subscription.updated", BillingFixtures.stripeId("evt"), t2,
                subscriptionId, customerId, "active", owner.orgId()));
        webhooks.runJobs();
        String olderId = BillingFixtures.stripeId("evt");
        webhooks.post(subscriptionEvent("customer.subscription.created", olderId, t1, subscriptionId, customerId,
                "incomplete", owner.orgId()));
        webhooks.runJobs();

        assertThat(webhooks.state(olderId)).isEqualTo("processed");
        assertThat(webhooks.subscriptionStatus(subscriptionId)).isEqualTo("active");
        assertThat(org(owner).get("plan").stringValue()).isEqualTo("pro");
    }

    @Test
    void pastDueAfterActiveWinsWhenItIsNewer() {
        Account owner = accounts.register();
        String subscriptionId = BillingFixtures.stripeId("sub");
        String customerId = BillingFixtures.stripeId("cus");
        Instant t1 = webhooks.now().minusSeconds(60);
        Instant t2 = webhooks.now().minusSeconds(30);

        webhooks.post(subscriptionEvent("customer.subscription.updated", BillingFixtures.stripeId("evt"), t2,
                subscriptionId, customerId, "past_due", owner.orgId()));
        webhooks.post(subscriptionEvent("customer.subscription.updated", BillingFixtures.stripeId("evt"), t1,
                subscriptionId, customerId, "active", owner.orgId()));
        webhooks.runJobs();

        assertThat(webhooks.subscriptionStatus(subscriptionId)).isEqualTo("past_due");
    }

    @Test
    void anUnknownStatusIsStoredAndNotEntitled() {
        Account owner = accounts.register();
        String subscriptionId = BillingFixtures.stripeId("sub");
        String eventId = BillingFixtures.stripeId("evt");

        webhooks.post(subscriptionEvent("customer.subscription.updated", eventId, webhooks.now(), subscriptionId,
                BillingFixtures.stripeId("cus"), "paused", owner.orgId()));
        webhooks.runJobs();

        assertThat(webhooks.state(eventId)).isEqualTo("processed");
        assertThat(webhooks.subscriptionStatus(subscriptionId)).isEqualTo("paused");
        assertThat(org(owner).get("plan").stringValue()).isEqualTo("free");
        JsonNode status = app.http().get("/billing/status").bearer(owner.token()).org(owner.orgId()).send().json();
        assertThat(status.get("subscription").get("status").stringValue()).isEqualTo("paused");
    }

    @Test
    void theSubscriptionPeriodComesFromTheSubscriptionNotTheCheckoutSession() {
        Account owner = accounts.register();
        String subscriptionId = BillingFixtures.stripeId("sub");
        String customerId = BillingFixtures.stripeId("cus");

        webhooks.post(StripePayloads.checkoutCompleted(BillingFixtures.stripeId("evt"), webhooks.now(),
                owner.orgId(), customerId, subscriptionId, "paid"));
        webhooks.runJobs();
        JsonNode afterCheckout = status(owner).get("subscription");
        app.clock().advanceSeconds(1);
        webhooks.post(StripePayloads.subscriptionEvent("customer.subscription.created",
                BillingFixtures.stripeId("evt"), webhooks.now(), StripePayloads.subscription(subscriptionId,
                        customerId, "price_pro", "active", PERIOD_START, PERIOD_END, null)));
        webhooks.runJobs();
        JsonNode subscription = status(owner).get("subscription");

        assertThat(afterCheckout.get("status").stringValue()).isEqualTo("active");
        assertThat(afterCheckout.get("currentPeriodEnd").isNull()).isTrue();
        assertThat(subscription.get("currentPeriodStart").stringValue()).isEqualTo("2026-03-01T00:00:00.000Z");
        assertThat(subscription.get("currentPeriodEnd").stringValue()).isEqualTo("2026-04-01T00:00:00.000Z");
        assertThat(subscription.get("priceId").stringValue()).isEqualTo("price_pro");
        assertThat(webhooks.actions(owner.orgId())).contains("billing.webhook.subscription.created");
        JsonNode usage = app.http().get("/usage/summary").bearer(owner.token()).org(owner.orgId()).send().json();
        assertThat(usage.get("periodEnd").stringValue()).isEqualTo("2026-04-01T00:00:00.000Z");
        assertThat(usage.get("limit").longValue()).isEqualTo(100_000);
    }

    @Test
    void aDeletedSubscriptionFallsBackToTheDefaultPlan() {
        Account owner = accounts.register();
        String subscriptionId = BillingFixtures.stripeId("sub");
        String customerId = BillingFixtures.stripeId("cus");
        webhooks.post(subscriptionEvent("customer.subscription.updated", BillingFixtures.stripeId("evt"),
                webhooks.now(), subscriptionId, customerId, "active", owner.orgId()));
        webhooks.runJobs();
        assertThat(org(owner).get("plan").stringValue()).isEqualTo("pro");
        app.clock().advanceSeconds(5);

        webhooks.post(subscriptionEvent("customer.subscription.deleted", BillingFixtures.stripeId("evt"),
                webhooks.now(), subscriptionId, customerId, "active", owner.orgId()));
        webhooks.runJobs();

        assertThat(webhooks.subscriptionStatus(subscriptionId)).isEqualTo("canceled");
        assertThat(org(owner).get("plan").stringValue()).isEqualTo("free");
        assertThat(org(owner).get("planLimit").longValue()).isEqualTo(1000);
        assertThat(webhooks.actions(owner.orgId())).contains("billing.webhook.subscription.canceled");
    }

    @Test
    void aCheckoutForAnOrganizationThatDoesNotExistIsIgnoredWithoutAudit() {
        String eventId = BillingFixtures.stripeId("evt");
        String missingOrg = "0190a0b0-0000-7000-8000-00000000dead";

        Reply reply = webhooks.post(StripePayloads.checkoutCompleted(eventId, webhooks.now(), missingOrg,
                BillingFixtures.stripeId("cus"), BillingFixtures.stripeId("sub"), "paid"));
        webhooks.runJobs();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(webhooks.rows(eventId)).isEqualTo(1);
        assertThat(webhooks.state(eventId)).isEqualTo("ignored");
        assertThat(webhooks.actions(missingOrg)).isEmpty();
    }

    @Test
    void anUnknownEventTypeIsAcknowledgedAndIgnored() {
        String eventId = BillingFixtures.stripeId("evt");

        Reply reply = webhooks.post(StripePayloads.otherEvent("customer.created", eventId, webhooks.now()));
        webhooks.runJobs();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(webhooks.state(eventId)).isEqualTo("ignored");
    }

    @Test
    void aFailedPaymentIsAuditedAndNotifiesOwnersAndBillingMembers() {
        Account owner = accounts.register();
        Account biller = accounts.register();
        Account member = accounts.register();
        accounts.addMember(owner, biller, "BILLING");
        accounts.addMember(owner, member, "MEMBER");
        String customerId = BillingFixtures.stripeId("cus");
        String subscriptionId = BillingFixtures.stripeId("sub");
        webhooks.post(subscriptionEvent("customer.subscription.created", BillingFixtures.stripeId("evt"),
                webhooks.now(), subscriptionId, customerId, "active", owner.orgId()));
        webhooks.runJobs();
        String eventId = BillingFixtures.stripeId("evt");

        webhooks.post(StripePayloads.invoice("invoice.payment_failed", eventId, webhooks.now(), "in_failed1",
                customerId, subscriptionId, 0));
        webhooks.runJobs();

        assertThat(webhooks.state(eventId)).isEqualTo("processed");
        assertThat(webhooks.actions(owner.orgId())).contains("billing.invoice.payment_failed");
        List<Notification> sent = app.bean(BillingTestConfiguration.RecordingNotifications.class).sent().stream()
                .filter((notification) -> notification.orgId().toString().equals(owner.orgId())).toList();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).kind()).isEqualTo(Notification.PAYMENT_FAILED);
        assertThat(sent.get(0).recipients()).containsExactlyInAnyOrder(owner.email(), biller.email());
    }

    @Test
    void aPoisonEventEndsDeadWithoutBlockingOthersAndARedeliveryRearmsIt() {
        Account owner = accounts.register();
        String poisonId = BillingFixtures.stripeId("evt");
        String customerId = BillingFixtures.stripeId("cus");
        // No organization can be resolved: no metadata, and nobody owns the subscription or customer yet.
        String poison = StripePayloads.invoice("invoice.paid", poisonId, webhooks.now(), "in_poison", customerId,
                BillingFixtures.stripeId("sub"), 2000);
        webhooks.post(poison);
        webhooks.runJobs();
        StripeEventService events = app.bean(StripeEventService.class);
        for (int attempt = 2; attempt <= 8; attempt++) {
            assertThat(webhooks.state(poisonId)).isEqualTo("failed");
            app.clock().advance(Duration.ofHours(2));
            assertThat(events.dispatch(Duration.ofSeconds(5), 1000)).isPositive();
            webhooks.runJobs();
        }
        String healthyId = BillingFixtures.stripeId("evt");
        webhooks.post(subscriptionEvent("customer.subscription.created", healthyId, webhooks.now(),
                BillingFixtures.stripeId("sub"), BillingFixtures.stripeId("cus"), "active", owner.orgId()));
        webhooks.runJobs();

        assertThat(webhooks.state(poisonId)).isEqualTo("dead");
        assertThat(webhooks.jdbc().sql("select attempts from stripe_event where stripe_event_id = :id")
                .param("id", poisonId).query(Integer.class).single()).isEqualTo(8);
        assertThat(webhooks.state(healthyId)).isEqualTo("processed");
        app.clock().advance(Duration.ofHours(2));
        assertThat(events.dispatch(Duration.ofSeconds(5), 1000)).isZero();
        Reply redelivered = webhooks.post(poison.replace("\"created\": " + webhooks.now().minus(Duration.ofHours(16))
                .getEpochSecond(), "\"created\": " + webhooks.now().getEpochSecond()));
        assertThat(redelivered.body()).isEqualTo("{\"received\":true,\"duplicate\":true}");
        assertThat(webhooks.state(poisonId)).isEqualTo("received");
    }

    @Test
    void withTheQueueDownAStoredEventIsStillAcknowledgedAndDispatchedLater() {
        Account owner = accounts.register();
        String eventId = BillingFixtures.stripeId("evt");
        webhooks.queue().down(true);

        Reply reply = webhooks.post(subscriptionEvent("customer.subscription.created", eventId, webhooks.now(),
                BillingFixtures.stripeId("sub"), BillingFixtures.stripeId("cus"), "active", owner.orgId()));
        webhooks.queue().down(false);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(webhooks.state(eventId)).isEqualTo("received");
        assertThat(webhooks.queue().requests()).isEmpty();
        app.clock().advanceSeconds(10);
        assertThat(app.bean(StripeEventService.class).dispatch(Duration.ofSeconds(5), 1000)).isPositive();
        webhooks.runJobs();
        assertThat(webhooks.state(eventId)).isEqualTo("processed");
    }

    @Test
    void withTheDatabaseDownTheDeliveryFailsWith503SoStripeRetries() {
        app.bean(BillingTestConfiguration.SwitchableInbox.class).down(true);
        String eventId = BillingFixtures.stripeId("evt");

        Reply reply = webhooks.post(StripePayloads.otherEvent("customer.created", eventId, webhooks.now()));

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.json().get("code").stringValue()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(reply.body()).doesNotContain("Connection refused");
        assertThat(webhooks.rows(eventId)).isZero();
        assertThat(webhooks.queue().requests()).isEmpty();
    }

    @Test
    void aBodyOverTheLimitIs413() {
        byte[] body = new byte[2 * 1024 * 1024];
        Arrays.fill(body, (byte) ' ');

        Reply reply = webhooks.post(body, StripePayloads.signature(Webhooks.SECRET, webhooks.now(), body));

        assertThat(reply.status()).isEqualTo(413);
    }

    private static JsonNode status(Account owner) {
        Reply reply = app.http().get("/billing/status").bearer(owner.token()).org(owner.orgId()).send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }
}
