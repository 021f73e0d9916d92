package io.saaskit.boot.web.billing;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.saaskit.adapters.jdbc.testing.TestPostgres;
import io.saaskit.adapters.redis.testing.TestRedis;
import io.saaskit.boot.web.testing.Accounts;
import io.saaskit.boot.web.testing.ChildJvms;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RunningApp;
import io.saaskit.core.testing.BillingFixtures;
import io.saaskit.core.testing.StripePayloads;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance of the webhook inbox under a worker crash (issue 4, M3): 1000 genuinely signed subscription events
 * for 100 organizations (ten each, posted in shuffled order) and one poison event are received over HTTP; a worker
 * process (a child JVM running the starter with its worker and Stripe dispatcher) is killed with SIGKILL once about
 * 30 % of the events are processed, then started again. Every event ends {@code processed} with exactly one
 * {@code billing.webhook.processed} audit row, each organization's subscription holds its newest event's state, and
 * the poison event, which names no known organization, retries once and ends {@code dead} without holding up the
 * others. Runs with the PostgreSQL and the Redis job queue.
 */
class WebhookWorkerCrashIT {

    private static final int ORGS = 100;

    private static final int EVENTS_PER_ORG = 10;

    private static final int EVENTS = ORGS * EVENTS_PER_ORG;

    private static final Duration WAIT = Duration.ofSeconds(90);

    private static final List<String> STATUSES = List.of("active", "past_due", "trialing", "unpaid", "incomplete");

    private static final Instant PERIOD_START = Instant.parse("2026-03-01T00:00:00Z");

    private static final String PROCESSED = "select count(*) from stripe_event where state = 'processed'";

    private final ChildJvms children = new ChildJvms();

    @AfterEach
    void killChildren() {
        this.children.close();
    }

    @Test
    void aKilledWorkerOnThePostgresQueueAppliesEveryEventOnceAndBuriesThePoison() throws Exception {
        crashAndRecover(List.of());
    }

    @Test
    void aKilledWorkerOnTheRedisQueueAppliesEveryEventOnceAndBuriesThePoison() throws Exception {
        crashAndRecover(List.of("saaskit.redis.url=" + TestRedis.url(),
                "saaskit.redis.key-prefix=" + TestRedis.uniquePrefix()));
    }

    private void crashAndRecover(List<String> queue) throws Exception {
        TestPostgres.Database database = TestPostgres.createDatabase();
        JdbcClient jdbc = JdbcClient.create(database.dataSource());
        Map<String, Newest> newest = new HashMap<>();
        String poisonId = receive(database, queue, newest);
        assertThat(count(jdbc, "select count(*) from stripe_event where state = 'received'")).isEqualTo(EVENTS + 1);

        List<String> arguments = workerArguments(database, queue);
        Process first = this.children.start(WebhookWorkerApplication.class, "webhook-worker-first", "256m", arguments);
        ChildJvms.await(() -> count(jdbc, PROCESSED) >= EVENTS * 3 / 10, WAIT, "30 % of the events processed");
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(ChildJvms.KILLED);
        assertThat(count(jdbc, PROCESSED)).as("killed in the middle of the batch").isBetween(EVENTS * 3L / 10,
                EVENTS - 1L);

        this.children.start(WebhookWorkerApplication.class, "webhook-worker-second", "256m", arguments);
        ChildJvms.await(() -> count(jdbc, PROCESSED) == EVENTS, WAIT, "every event processed after the restart");
        assertThat(state(jdbc, poisonId)).as("the poison event did not hold up the others").isIn("failed",
                "processing", "dead");
        ChildJvms.await(() -> "dead".equals(state(jdbc, poisonId)), WAIT, "the poison event dead");

        assertThat(count(jdbc, "select count(*) from stripe_event")).isEqualTo(EVENTS + 1);
        assertThat(count(jdbc, PROCESSED)).isEqualTo(EVENTS);
        assertThat(jdbc.sql("select attempts, last_error, org_id is null from stripe_event "
                + "where stripe_event_id = :id").param("id", poisonId).query((rs, row) -> List.of(rs.getInt(1),
                        rs.getString(2), rs.getBoolean(3))).single())
                .containsExactly(2, "No organization linked to the event yet", true);
        assertThat(count(jdbc, "select count(*) from audit_log where action = 'billing.webhook.processed'"))
                .as("one processed audit row per event").isEqualTo(EVENTS);
        assertThat(count(jdbc, "select count(distinct metadata->>'stripeEventId') from audit_log "
                + "where action = 'billing.webhook.processed'")).isEqualTo(EVENTS);
        assertThat(count(jdbc, "select count(*) from audit_log where action like 'billing.webhook.subscription.%'"))
                .as("one subscription audit row per event").isEqualTo(EVENTS);
        assertThat(count(jdbc, "select count(*) from audit_log a join stripe_event e on e.id::text = a.target_id "
                + "where a.action = 'billing.webhook.processed' and e.org_id = a.org_id "
                + "and e.stripe_event_id = a.metadata->>'stripeEventId'")).isEqualTo(EVENTS);
        assertThat(count(jdbc, "select count(*) from subscription")).isEqualTo(ORGS);
        Map<String, Newest> stored = new HashMap<>();
        jdbc.sql("select org_id::text, stripe_subscription_id, status, state_as_of from subscription")
                .query((rs) -> {
                    stored.put(rs.getString(1), new Newest(rs.getString(2), rs.getString(3),
                            rs.getTimestamp(4).toInstant()));
                });
        assertThat(stored).as("each organization holds its newest event's state").isEqualTo(newest);
    }

    /**
     * Registers the organizations and posts the signed events through an API-only process on the same database
     * and queue; returns the poison event's id and fills each organization's newest state.
     */
    private static String receive(TestPostgres.Database database, List<String> queue, Map<String, Newest> newest)
            throws Exception {
        List<String> properties = new ArrayList<>(List.of(Webhooks.PROPERTIES));
        properties.addAll(queue);
        try (RunningApp app = RunningApp.start(database, properties.toArray(String[]::new))) {
            Accounts accounts = new Accounts(app);
            Webhooks webhooks = new Webhooks(app);
            Random random = new Random(42);
            Instant created = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
            List<String> bodies = new ArrayList<>();
            for (int org = 0; org < ORGS; org++) {
                String orgId = accounts.register().orgId();
                String subscriptionId = BillingFixtures.stripeId("sub");
                String customerId = BillingFixtures.stripeId("cus");
                for (int n = 0; n < EVENTS_PER_ORG; n++) {
                    String status = STATUSES.get(random.nextInt(STATUSES.size()));
                    Instant at = created.plusSeconds(n);
                    String type = (n == 0) ? "customer.subscription.created" : "customer.subscription.updated";
                    bodies.add(StripePayloads.subscriptionEvent(type, BillingFixtures.stripeId("evt"), at,
                            StripePayloads.subscription(subscriptionId, customerId, "price_pro", status,
                                    PERIOD_START, PERIOD_START.plus(Duration.ofDays(30 + n)), orgId)));
                    newest.put(orgId, new Newest(subscriptionId, status, at));
                }
            }
            // Registering moved the test clock a second each; the queued jobs must be due for the real-time worker.
            app.clock().set(Instant.now().truncatedTo(ChronoUnit.MILLIS));
            Collections.shuffle(bodies, random);
            // The poison goes first: its subscription names no organization and its customer is linked to none.
            String poisonId = BillingFixtures.stripeId("evt");
            bodies.add(0, StripePayloads.subscriptionEvent("customer.subscription.updated", poisonId, created,
                    StripePayloads.subscription(BillingFixtures.stripeId("sub"), BillingFixtures.stripeId("cus"),
                            "price_pro", "active", PERIOD_START, PERIOD_START.plus(Duration.ofDays(30)), null)));
            assertThat(webhooks.post(bodies.get(0)).status()).isEqualTo(200);
            ExecutorService senders = Executors.newFixedThreadPool(4);
            try {
                List<Future<Reply>> replies = new ArrayList<>();
                for (String body : bodies.subList(1, bodies.size())) {
                    replies.add(senders.submit(() -> webhooks.post(body)));
                }
                for (Future<Reply> reply : replies) {
                    assertThat(reply.get().status()).as(reply.get().toString()).isEqualTo(200);
                }
            }
            finally {
                senders.shutdownNow();
            }
            return poisonId;
        }
    }

    private static List<String> workerArguments(TestPostgres.Database database, List<String> queue) {
        List<String> properties = new ArrayList<>(List.of("server.port=0", "spring.main.banner-mode=off",
                "spring.datasource.url=" + database.jdbcUrl(), "spring.datasource.username=" + database.username(),
                "spring.datasource.password=" + database.password(), "spring.datasource.hikari.maximum-pool-size=8",
                "saaskit.session.secret=" + RunningApp.SECRET, "saaskit.rate-limit.store=memory",
                "saaskit.web-base-url=http://web.example.test:3000", "saaskit.api-base-url=http://api.example.test:4000",
                "saaskit.worker.enabled=true", "saaskit.worker.concurrency=5", "saaskit.worker.lease=2s",
                "saaskit.worker.dispatch-interval=1s", "saaskit.worker.poll-interval=50ms",
                "saaskit.stripe.max-attempts=2", "logging.level.root=warn"));
        properties.addAll(List.of(Webhooks.PROPERTIES));
        properties.addAll(queue);
        return properties.stream().map((property) -> "--" + property).toList();
    }

    private static String state(JdbcClient jdbc, String stripeEventId) {
        return jdbc.sql("select state from stripe_event where stripe_event_id = :id").param("id", stripeEventId)
                .query(String.class).single();
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    /** The state an organization's subscription must end in: that of its newest event. */
    private record Newest(String subscriptionId, String status, Instant asOf) {
    }
}
