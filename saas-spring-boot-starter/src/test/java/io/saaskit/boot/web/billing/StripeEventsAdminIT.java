package io.saaskit.boot.web.billing;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.saaskit.boot.web.testing.Account;
import io.saaskit.boot.web.testing.Accounts;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RunningApp;
import io.saaskit.core.audit.AuditHashes;
import io.saaskit.core.billing.StripeEventService;
import io.saaskit.core.billing.port.StripeEventInbox;
import io.saaskit.core.jobs.JobRequest;
import io.saaskit.core.testing.BillingFixtures;
import io.saaskit.core.testing.StripePayloads;
import io.saaskit.core.testing.StripeStub;
import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The operator endpoints over HTTP (auth A): the webhook inbox list and replay, and reconciliation against a
 * Stripe stub whose subscription differs from the database (§7.6, §7.7; acceptance 13.6 #79, #81, 13.9 #94). Events
 * die after one attempt here ({@code saaskit.stripe.max-attempts=1}).
 */
class StripeEventsAdminIT {

    private static final String TOKEN = "admin-token-for-tests-0123456789";

    private static StripeStub stub;

    private static RunningApp app;

    private static Accounts accounts;

    private static Webhooks webhooks;

    @BeforeAll
    static void start() {
        stub = StripeStub.start();
        app = Webhooks.startWithStub(stub, "saaskit.stripe.api-key=sk_test_admin_it", "saaskit.stripe.max-attempts=1",
                "saaskit.admin.token=" + TOKEN);
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
        webhooks.runJobs();
    }

    private static Reply get(String path) {
        return app.http().get(path).bearer(TOKEN).send();
    }

    private static Reply post(String path) {
        return app.http().post(path).bearer(TOKEN).send();
    }

    private static String poison(String eventId, String customerId) {
        return StripePayloads.invoice("invoice.paid", eventId, webhooks.now(), "in_" + eventId.substring(4),
                customerId, BillingFixtures.stripeId("sub"), 2000);
    }

    @Test
    void theOperatorEndpointsNeedTheAdminToken() {
        for (String path : List.of("/admin/stripe-events", "/admin/stripe-events/evt_x/replay", "/admin/reconcile")) {
            boolean isGet = path.equals("/admin/stripe-events");
            Reply missing = isGet ? app.http().get(path).send() : app.http().post(path).send();
            Reply wrong = isGet ? app.http().get(path).bearer(TOKEN + "x").send()
                    : app.http().post(path).bearer(TOKEN + "x").send();
            assertThat(missing.status()).as(path).isEqualTo(401);
            assertThat(wrong.status()).as(path).isEqualTo(401);
            assertThat(wrong.mediaType()).isEqualTo("application/problem+json");
            assertThat(wrong.json().get("detail").stringValue()).isEqualTo("Unauthorized");
        }
        assertThat(get("/admin/stripe-events").status()).isEqualTo(200);
    }

    @Test
    void aDeadEventIsListedAndReplayedOnceItsOrganizationIsKnown() {
        Account owner = accounts.register();
        String eventId = BillingFixtures.stripeId("evt");
        String customerId = BillingFixtures.stripeId("cus");
        webhooks.post(poison(eventId, customerId));
        webhooks.runJobs();

        JsonNode dead = get("/admin/stripe-events?state=dead&limit=500").json();
        JsonNode listed = find(dead, eventId);
        assertThat(listed).isNotNull();
        assertThat(listed.get("state").stringValue()).isEqualTo("dead");
        assertThat(listed.get("attempts").intValue()).isEqualTo(1);
        assertThat(listed.get("lastError").stringValue()).isEqualTo("No organization linked to the event yet");
        assertThat(listed.get("type").stringValue()).isEqualTo("invoice.paid");
        assertThat(listed.get("orgId").isNull()).isTrue();
        assertThat(find(get("/admin/stripe-events?state=processed").json(), eventId)).isNull();

        // The customer becomes the organization's; the replay then resolves the event.
        webhooks.jdbc().sql("update organization set stripe_customer_id = :c where id = cast(:id as uuid)")
                .param("c", customerId).param("id", owner.orgId()).update();
        Reply replay = post("/admin/stripe-events/" + eventId + "/replay");
        webhooks.runJobs();

        assertThat(replay.status()).as(replay.toString()).isEqualTo(202);
        assertThat(replay.json().get("state").stringValue()).isEqualTo("received");
        assertThat(replay.json().get("id").stringValue()).isEqualTo(listed.get("id").stringValue());
        assertThat(webhooks.state(eventId)).isEqualTo("processed");
        assertThat(webhooks.actions(owner.orgId())).contains("billing.invoice.paid", "billing.webhook.processed");
        post("/admin/stripe-events/" + eventId + "/replay");
        webhooks.runJobs();
        assertThat(webhooks.actions(owner.orgId())).contains("billing.webhook.replayed");
    }

    @Test
    void aReplayWritesItsEffectsOnceWithItsOwnRequestIdAndANoOpReplayWritesNothing() {
        Account owner = accounts.register();
        String eventId = BillingFixtures.stripeId("evt");
        String customerId = BillingFixtures.stripeId("cus");
        webhooks.post(poison(eventId, customerId));
        webhooks.runJobs();
        assertThat(webhooks.state(eventId)).isEqualTo("dead");
        webhooks.jdbc().sql("update organization set stripe_customer_id = :c where id = cast(:id as uuid)")
                .param("c", customerId).param("id", owner.orgId()).update();

        Reply first = app.http().post("/admin/stripe-events/" + eventId + "/replay").bearer(TOKEN)
                .header("X-Request-Id", "replay-req-1").send();
        webhooks.runJobs();
        Reply second = app.http().post("/admin/stripe-events/" + eventId + "/replay").bearer(TOKEN)
                .header("X-Request-Id", "replay-req-2").send();
        webhooks.runJobs();

        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(202);
        assertThat(webhooks.state(eventId)).isEqualTo("processed");
        List<String> rows = webhooks.jdbc().sql("select action || ' ' || coalesce(request_id, '-') from audit_log"
                + " where org_id = cast(:org as uuid) and action like 'billing.%' order by seq")
                .param("org", owner.orgId()).query(String.class).list();
        assertThat(rows).containsExactly("billing.invoice.paid replay-req-1", "billing.webhook.processed replay-req-1",
                "billing.webhook.replayed replay-req-2");
    }

    @Test
    void aReplayWithTheQueueDownIsAcceptedOnceAndTheDispatcherEnqueuesIt() {
        Account owner = accounts.register();
        String eventId = BillingFixtures.stripeId("evt");
        webhooks.post(StripePayloads.subscriptionEvent("customer.subscription.updated", eventId, webhooks.now(),
                StripePayloads.subscription(BillingFixtures.stripeId("sub"), BillingFixtures.stripeId("cus"),
                        "price_pro", "active", webhooks.now(), webhooks.now().plusSeconds(86_400), owner.orgId())));
        webhooks.runJobs();
        assertThat(webhooks.state(eventId)).isEqualTo("processed");

        webhooks.queue().down(true);
        Reply replay;
        try {
            replay = post("/admin/stripe-events/" + eventId + "/replay");
        }
        finally {
            webhooks.queue().down(false);
        }

        assertThat(replay.status()).as(replay.toString()).isEqualTo(202);
        assertThat(replay.json().get("state").stringValue()).isEqualTo("received");
        assertThat(replay.json().get("id").stringValue()).isEqualTo(app.bean(StripeEventInbox.class)
                .findByStripeEventId(eventId).orElseThrow().id().toString());
        assertThat(webhooks.state(eventId)).isEqualTo("received");
        assertThat(webhooks.queue().requests()).isEmpty();
        assertThat(webhooks.actions(owner.orgId())).filteredOn("billing.webhook.replayed"::equals).hasSize(1);
        app.clock().advance(Duration.ofMinutes(1));
        assertThat(app.bean(StripeEventService.class).dispatch(Duration.ofSeconds(5), 1000)).isPositive();
        webhooks.runJobs();
        assertThat(webhooks.state(eventId)).isEqualTo("processed");
    }

    @Test
    void aReplayIsRefusedWhileAWorkerHoldsTheEventAndUnknownEventsAre404() {
        String eventId = BillingFixtures.stripeId("evt");
        webhooks.post(StripePayloads.otherEvent("customer.created", eventId, webhooks.now()));
        webhooks.queue().drain();
        StripeEventInbox inbox = app.bean(StripeEventInbox.class);
        UUID id = inbox.findByStripeEventId(eventId).orElseThrow().id();
        Instant now = webhooks.now();
        inbox.claim(id, now, now.plusSeconds(300));

        Reply busy = post("/admin/stripe-events/" + eventId + "/replay");
        Reply unknown = post("/admin/stripe-events/evt_unknown/replay");

        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.json().get("code").stringValue()).isEqualTo("CONFLICT");
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void badListQueriesAre400() {
        for (String query : List.of("state=bogus", "limit=0", "limit=501", "limit=abc", "limit=")) {
            Reply reply = get("/admin/stripe-events?" + query);
            assertThat(reply.status()).as(query).isEqualTo(400);
            assertThat(reply.json().get("code").stringValue()).as(query).isEqualTo("VALIDATION_FAILED");
            assertThat(reply.json().get("errors").get(0).get("field").stringValue()).as(query)
                    .isEqualTo(query.substring(0, query.indexOf('=')));
        }
        assertThat(get("/admin/stripe-events?state=received&limit=1").json().size()).isLessThanOrEqualTo(1);
    }

    @Test
    void reconciliationRepairsADifferingSubscriptionAndAuditsIt() {
        Account owner = accounts.register();
        app.http().post("/billing/checkout").bearer(owner.token()).org(owner.orgId()).send();
        String customer = webhooks.jdbc()
                .sql("select stripe_customer_id from organization where id = cast(:id as uuid)")
                .param("id", owner.orgId()).query(String.class).single();
        String subscriptionId = BillingFixtures.stripeId("sub");
        Instant start = webhooks.now().minusSeconds(3600);
        Instant end = webhooks.now().plusSeconds(30L * 86_400);
        stub.putSubscription(subscriptionId, customer, StripePayloads.subscription(subscriptionId, customer,
                "price_pro", "incomplete", start, end, owner.orgId()));
        webhooks.post(StripePayloads.checkoutCompleted(BillingFixtures.stripeId("evt"), webhooks.now(),
                owner.orgId(), customer, subscriptionId, "unpaid"));
        webhooks.runJobs();
        assertThat(webhooks.subscriptionStatus(subscriptionId)).isEqualTo("incomplete");
        Instant renewedEnd = end.truncatedTo(ChronoUnit.SECONDS).plusSeconds(30L * 86_400);
        stub.putSubscription(subscriptionId, customer, StripePayloads.subscription(subscriptionId, customer,
                "price_pro", "active", start, renewedEnd, owner.orgId()));

        Reply queued = post("/admin/reconcile?orgId=" + owner.orgId());
        List<JobRequest> jobs = webhooks.queue().requests();
        webhooks.runJobs();

        assertThat(queued.status()).isEqualTo(202);
        assertThat(queued.body()).isEqualTo("{\"queued\":true}");
        assertThat(jobs).extracting(JobRequest::type).contains("billing-reconcile");
        assertThat(webhooks.subscriptionStatus(subscriptionId)).isEqualTo("active");
        assertThat(webhooks.actions(owner.orgId())).contains("billing.subscription.reconciled");
        String metadata = webhooks.jdbc().sql("select metadata::text from audit_log where org_id = cast(:id as uuid)"
                + " and action = 'billing.subscription.reconciled'").param("id", owner.orgId())
                .query(String.class).single();
        assertThat(metadata).contains("\"status\"").contains("\"before\": \"incomplete\"")
                .contains("\"after\": \"active\"");
        // Times in the audit format, with milliseconds (§0.3).
        assertThat(metadata).contains("\"currentPeriodEnd\": {\"after\": \"" + AuditHashes.timestamp(renewedEnd)
                + "\", \"before\": \"" + AuditHashes.timestamp(end.truncatedTo(ChronoUnit.SECONDS)) + "\"}");
        assertThat(AuditHashes.timestamp(renewedEnd)).endsWith(".000Z");
        // The worker's audit row carries the id of the admin request that asked for the run (§8.1, §13.7 case 87).
        String requestId = webhooks.jdbc().sql("select request_id from audit_log where org_id = cast(:id as uuid)"
                + " and action = 'billing.subscription.reconciled'").param("id", owner.orgId())
                .query(String.class).single();
        assertThat(requestId).isNotBlank().isEqualTo(queued.header("X-Request-Id"));
        JsonNode org = app.http().get("/org").bearer(owner.token()).org(owner.orgId()).send().json().get("org");
        assertThat(org.get("plan").stringValue()).isEqualTo("pro");
    }

    @Test
    void reconcilingWithoutAnOrganizationQueuesEveryOrganization() {
        webhooks.queue().drain();

        Reply queued = post("/admin/reconcile");

        assertThat(queued.status()).isEqualTo(202);
        assertThat(queued.body()).isEqualTo("{\"queued\":true}");
        assertThat(webhooks.queue().requests()).extracting(JobRequest::type, JobRequest::payload)
                .containsExactly(tuple("billing-reconcile",
                        "{\"requestId\":\"" + queued.header("X-Request-Id") + "\"}"));
    }

    @Test
    void reconcilingAnUnknownOrMalformedOrganizationIs404() {
        assertThat(post("/admin/reconcile?orgId=not-a-uuid").status()).isEqualTo(404);
        assertThat(post("/admin/reconcile?orgId=" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(post("/admin/reconcile").status()).isEqualTo(202);
    }

    private static JsonNode find(JsonNode rows, String stripeEventId) {
        for (JsonNode row : rows) {
            if (row.get("stripeEventId").stringValue().equals(stripeEventId)) {
                return row;
            }
        }
        return null;
    }
}
