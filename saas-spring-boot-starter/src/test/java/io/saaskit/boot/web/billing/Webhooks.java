package io.saaskit.boot.web.billing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.saaskit.boot.billing.BillingReconcileJobHandler;
import io.saaskit.boot.billing.StripeEventJobHandler;
import io.saaskit.boot.web.testing.RecordingJobQueue;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RunningApp;
import io.saaskit.core.jobs.Job;
import io.saaskit.core.jobs.JobRequest;
import io.saaskit.core.testing.StripePayloads;
import io.saaskit.core.testing.StripeStub;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Drives the webhook of a running test application: posts signed deliveries, runs the jobs they enqueued through
 * the real handlers, and reads what the database holds.
 */
final class Webhooks {

    /** The signing secret the test applications accept (after a rotated-out one). */
    static final String SECRET = "whsec_test_billing_0123456789";

    /** Properties that configure the webhook secrets (two, as during a rotation) and a priced catalogue. */
    static final String[] PROPERTIES = { "saaskit.stripe.webhook-secret=whsec_test_rotated_out," + SECRET,
        "saaskit.plans.default-plan=free", "saaskit.plans.catalogue.free.limits[api_requests]=1000",
        "saaskit.plans.catalogue.pro.stripe-price-id=price_pro",
        "saaskit.plans.catalogue.pro.limits[api_requests]=100000" };

    private final RunningApp app;

    Webhooks(RunningApp app) {
        this.app = app;
    }

    /**
     * Starts the billing test application with {@link #PROPERTIES}, the given properties and the stub as Stripe's
     * API base.
     */
    static RunningApp startWithStub(StripeStub stub, String... properties) {
        List<String> all = new ArrayList<>(List.of(PROPERTIES));
        all.addAll(List.of(properties));
        all.add("saaskit.stripe.api-base=" + stub.baseUrl());
        return RunningApp.startWith(new Class<?>[] { BillingTestConfiguration.class }, all.toArray(String[]::new));
    }

    Reply post(String payload) {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        return post(body, StripePayloads.signature(SECRET, this.app.clock().instant(), body));
    }

    Reply post(byte[] body, String signature) {
        return this.app.http().post("/billing/webhook").header("Stripe-Signature", signature)
                .body("application/json; charset=utf-8", body).send();
    }

    RecordingJobQueue queue() {
        return this.app.bean(RecordingJobQueue.class);
    }

    /** Runs every enqueued job through its handler, as a worker would, until none is left. */
    int runJobs() {
        int ran = 0;
        List<JobRequest> jobs;
        while (!(jobs = queue().drain()).isEmpty()) {
            for (JobRequest request : jobs) {
                Job job = new Job(UUID.randomUUID().toString(), request.queue(), request.type(), request.payload(), 1);
                if (request.type().equals("stripe-event")) {
                    this.app.bean(StripeEventJobHandler.class).handle(job);
                }
                else {
                    this.app.bean(BillingReconcileJobHandler.class).handle(job);
                }
                ran++;
            }
        }
        return ran;
    }

    Instant now() {
        return this.app.clock().instant();
    }

    String state(String stripeEventId) {
        return jdbc().sql("select state from stripe_event where stripe_event_id = :id").param("id", stripeEventId)
                .query(String.class).single();
    }

    long rows(String stripeEventId) {
        return jdbc().sql("select count(*) from stripe_event where stripe_event_id = :id").param("id", stripeEventId)
                .query(Long.class).single();
    }

    long inboxRows() {
        return jdbc().sql("select count(*) from stripe_event").query(Long.class).single();
    }

    List<String> actions(String orgId) {
        return jdbc().sql("select action from audit_log where org_id = cast(:org as uuid) order by created_at, id")
                .param("org", orgId).query(String.class).list();
    }

    String subscriptionStatus(String subscriptionId) {
        return jdbc().sql("select status from subscription where stripe_subscription_id = :id")
                .param("id", subscriptionId).query(String.class).single();
    }

    JdbcClient jdbc() {
        return JdbcClient.create(this.app.database().dataSource());
    }
}
