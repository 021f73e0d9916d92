package io.saaskit.boot.web.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.saaskit.boot.web.support.JsonTimestamps;
import io.saaskit.boot.web.testing.Account;
import io.saaskit.boot.web.testing.Accounts;
import io.saaskit.boot.web.testing.RecordingJobQueue;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RunningApp;
import io.saaskit.boot.web.usage.MeteredTestRoutes;
import io.saaskit.core.billing.InboxState;
import io.saaskit.core.billing.Subscription;
import io.saaskit.core.billing.port.StripeEventInbox;
import io.saaskit.core.billing.port.SubscriptionRepository;
import io.saaskit.core.jobs.ClaimedJob;
import io.saaskit.core.jobs.JobRequest;
import io.saaskit.core.jobs.port.JobBroker;
import io.saaskit.core.jobs.port.JobQueue;
import io.saaskit.core.membership.MembershipId;
import io.saaskit.core.membership.MembershipStatus;
import io.saaskit.core.membership.port.MembershipRepository;
import io.saaskit.core.metering.Period;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.testing.BillingFixtures;
import io.saaskit.core.testing.Fixtures;
import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /admin/orgs/:orgId/summary} over HTTP against PostgreSQL (§10.1; acceptance 13.1 #7 and 13.9 #94):
 * the admin token, unknown and malformed ids, and each part of the summary following the rows the organization's
 * activity creates, without seeing another organization's. Separate applications cover an unset token, a deployment
 * without billing or job broker, and the admin endpoint group switched off.
 */
class OrganizationSummaryIT {

    private static final String TOKEN = "admin-token-for-summary-tests-0123456789";

    private static RunningApp app;

    private static Accounts accounts;

    @BeforeAll
    static void start() {
        app = RunningApp.start(MeteredTestRoutes.SOURCE, "saaskit.admin.token=" + TOKEN,
                "saaskit.worker.max-attempts=2", "saaskit.worker.retry-delay=1s",
                "saaskit.plans.default-plan=free", "saaskit.plans.catalogue.free.limits[api_requests]=1000",
                "saaskit.plans.catalogue.pro.stripe-price-id=price_pro",
                "saaskit.plans.catalogue.pro.limits[api_requests]=100000");
        accounts = new Accounts(app);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static Reply summary(RunningApp target, String orgId) {
        return target.http().get("/admin/orgs/" + orgId + "/summary").bearer(TOKEN).send();
    }

    private static JsonNode summary(String orgId) {
        Reply reply = summary(app, orgId);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    @Test
    void seedCase7WithoutAHeaderIs401AndWithTheTokenTheNewOrganizationsSummary() {
        Account owner = accounts.register();

        Reply missing = app.http().get("/admin/orgs/" + owner.orgId() + "/summary").send();
        Reply ok = summary(app, owner.orgId());

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.mediaType()).isEqualTo("application/problem+json");
        assertThat(missing.json().get("detail").stringValue()).isEqualTo("Unauthorized");
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        JsonNode body = ok.json();
        assertThat(body.propertyNames()).containsExactly("org", "memberCount", "subscription", "usage", "webhooks",
                "jobs");
        assertThat(body.get("org").get("id").stringValue()).isEqualTo(owner.orgId());
        assertThat(body.get("org").get("plan").stringValue()).isEqualTo("free");
        assertThat(body.get("org").get("planLimit").longValue()).isEqualTo(1000);
        assertThat(body.get("org").get("name").isString()).isTrue();
        assertThat(body.get("memberCount").longValue()).isEqualTo(1);
        assertThat(body.get("subscription").isNull()).isTrue();
        JsonNode usage = body.get("usage");
        Period month = Period.calendarMonthOf(app.clock().instant());
        assertThat(usage.get("used").longValue()).isZero();
        assertThat(usage.get("limit").longValue()).isEqualTo(1000);
        assertThat(usage.get("periodStart").stringValue()).isEqualTo(JsonTimestamps.format(month.start()));
        assertThat(usage.get("periodEnd").stringValue()).isEqualTo(JsonTimestamps.format(month.end()));
        assertThat(usage.get("cycleStart").stringValue()).isEqualTo(usage.get("periodStart").stringValue());
        JsonNode webhooks = body.get("webhooks");
        assertThat(webhooks.propertyNames()).containsExactly("backlog", "failed", "dead", "oldestPendingAt",
                "unresolvedGlobal");
        assertThat(webhooks.get("backlog").longValue()).isZero();
        assertThat(webhooks.get("failed").longValue()).isZero();
        assertThat(webhooks.get("dead").longValue()).isZero();
        assertThat(webhooks.get("oldestPendingAt").isNull()).isTrue();
        assertThat(body.get("jobs").propertyNames()).containsExactly("failed", "dead");
    }

    @Test
    void aWrongTokenIs401LikeAMissingOneAndTheTokenIsCheckedBeforeTheId() {
        Account owner = accounts.register();
        String path = "/admin/orgs/" + owner.orgId() + "/summary";

        Reply wrong = app.http().get(path).bearer(TOKEN + "x").send();
        Reply prefix = app.http().get(path).bearer(TOKEN.substring(0, TOKEN.length() - 1)).send();
        Reply basic = app.http().get(path).header("Authorization", "Basic " + TOKEN).send();
        Reply session = app.http().get(path).bearer(owner.token()).send();
        Reply unknownWithoutToken = app.http().get("/admin/orgs/" + UUID.randomUUID() + "/summary").send();

        for (Reply reply : List.of(wrong, prefix, basic, session, unknownWithoutToken)) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
            assertThat(reply.json().get("code").stringValue()).isEqualTo("UNAUTHORIZED");
            assertThat(reply.json().get("detail").stringValue()).isEqualTo("Unauthorized");
        }
        assertThat(wrong.bodyWithoutRequestId()).isEqualTo(prefix.bodyWithoutRequestId())
                .isEqualTo(basic.bodyWithoutRequestId()).isEqualTo(session.bodyWithoutRequestId());
    }

    @Test
    void theTokenIsComparedAsConstantTimeDigests() {
        assertThat(app.bean(AdminTokenAuthenticator.class).toString())
                .isEqualTo("AdminTokenAuthenticator[configured=true]").doesNotContain(TOKEN);
        assertThat(app.context().getBeansOfType(AdminTokenAuthenticator.class)).hasSize(1);
    }

    @Test
    void unknownAndMalformedOrganizationIdsAre404Problems() {
        for (String id : List.of(UUID.randomUUID().toString(), "not-a-uuid", "1", "00000000-0000-0000-0000",
                "%27%20or%201=1", "x".repeat(300))) {
            Reply reply = summary(app, id);
            assertThat(reply.status()).as(id).isEqualTo(404);
            assertThat(reply.mediaType()).as(id).isEqualTo("application/problem+json");
            assertThat(reply.json().get("detail").stringValue()).as(id).isEqualTo("Organization not found");
        }
    }

    @Test
    void memberCountCountsOnlyActiveMembershipsOfTheOrganization() {
        Account owner = accounts.register();
        Account other = accounts.register();
        String memberId = accounts.addMember(owner, accounts.register(), "MEMBER");
        accounts.addMember(owner, accounts.register(), "READONLY");
        accounts.addMember(owner, other, "ADMIN");
        assertThat(summary(owner.orgId()).get("memberCount").longValue()).isEqualTo(4);

        MembershipRepository memberships = app.bean(MembershipRepository.class);
        OrgId orgId = OrgId.parse(owner.orgId()).orElseThrow();
        memberships.update(orgId, Fixtures.withStatus(memberships.findById(orgId,
                new MembershipId(UUID.fromString(memberId))).orElseThrow(), MembershipStatus.SUSPENDED, app.clock()));

        assertThat(summary(owner.orgId()).get("memberCount").longValue()).isEqualTo(3);
        assertThat(summary(other.orgId()).get("memberCount").longValue()).as("the other org's own count")
                .isEqualTo(1);
    }

    @Test
    void usageUsedGrowsWithMeteredCallsOfTheOrganizationOnly() {
        Account owner = accounts.register();
        Account other = accounts.register();
        Reply key = app.http().post("/api-keys").bearer(owner.token()).org(owner.orgId())
                .json("{\"name\":\"summary_key\"}").send();
        assertThat(key.status()).as(key.toString()).isEqualTo(201);
        String secret = key.json().get("secret").stringValue();

        for (int i = 0; i < 3; i++) {
            Reply data = app.http().get("/data").bearer(secret).send();
            assertThat(data.status()).as(data.toString()).isEqualTo(200);
        }

        JsonNode usage = summary(owner.orgId()).get("usage");
        assertThat(usage.get("used").longValue()).isEqualTo(3);
        assertThat(usage.get("limit").longValue()).isEqualTo(1000);
        JsonNode ownSummary = app.http().get("/usage/summary").bearer(owner.token()).org(owner.orgId()).send().json();
        assertThat(ownSummary.get("used").longValue()).as("the same figure as the org's own summary").isEqualTo(3);
        assertThat(summary(other.orgId()).get("usage").get("used").longValue()).isZero();
    }

    @Test
    void anEntitledSubscriptionIsShownAndDecidesThePlanAndThePeriod() {
        Account owner = accounts.register();
        OrgId orgId = OrgId.parse(owner.orgId()).orElseThrow();
        Subscription subscription = BillingFixtures.subscription(app.clock(), orgId, "active");
        app.bean(SubscriptionRepository.class).save(orgId, subscription);
        // Past the plan cache, as a webhook's processing would invalidate it.
        app.clock().advanceSeconds(2);

        JsonNode body = summary(owner.orgId());

        JsonNode shown = body.get("subscription");
        assertThat(shown.get("id").stringValue()).isEqualTo(subscription.id().toString());
        assertThat(shown.get("status").stringValue()).isEqualTo("active");
        assertThat(shown.get("currentPeriodStart").stringValue())
                .isEqualTo(JsonTimestamps.format(subscription.currentPeriodStart()));
        assertThat(shown.get("currentPeriodEnd").stringValue())
                .isEqualTo(JsonTimestamps.format(subscription.currentPeriodEnd()));
        assertThat(body.get("org").get("plan").stringValue()).isEqualTo("pro");
        assertThat(body.get("org").get("planLimit").longValue()).isEqualTo(100_000);
        assertThat(body.get("usage").get("limit").longValue()).isEqualTo(100_000);
        assertThat(body.get("usage").get("periodStart").stringValue()).isEqualTo(shown.get("currentPeriodStart")
                .stringValue());
        assertThat(body.get("usage").get("periodEnd").stringValue()).isEqualTo(shown.get("currentPeriodEnd")
                .stringValue());
        assertThat(body.get("usage").get("cycleStart").stringValue()).isEqualTo(shown.get("currentPeriodStart")
                .stringValue());
    }

    @Test
    void webhooksCountTheOrganizationsInboxRowsAndTheUnresolvedOnes() {
        Account owner = accounts.register();
        Account other = accounts.register();
        OrgId orgId = OrgId.parse(owner.orgId()).orElseThrow();
        StripeEventInbox inbox = app.bean(StripeEventInbox.class);
        long unresolvedBefore = summary(owner.orgId()).get("webhooks").get("unresolvedGlobal").longValue();
        Instant firstReceived = app.clock().instant();
        UUID failed = inbox.insert(BillingFixtures.inboxEvent(app.clock(), "invoice.paid")).inboxId();
        app.clock().advanceSeconds(5);
        UUID dead = inbox.insert(BillingFixtures.inboxEvent(app.clock(), "invoice.paid")).inboxId();
        UUID processed = inbox.insert(BillingFixtures.inboxEvent(app.clock(), "invoice.paid")).inboxId();
        inbox.insert(BillingFixtures.inboxEvent(app.clock(), "invoice.paid"));
        inbox.fail(failed, 1, InboxState.FAILED, "boom", app.clock().instant().plusSeconds(60), orgId);
        inbox.fail(dead, 2, InboxState.DEAD, "boom", null, orgId);
        inbox.complete(processed, InboxState.PROCESSED, orgId, app.clock().instant());

        JsonNode webhooks = summary(owner.orgId()).get("webhooks");
        JsonNode others = summary(other.orgId()).get("webhooks");

        assertThat(webhooks.get("backlog").longValue()).isEqualTo(1);
        assertThat(webhooks.get("failed").longValue()).isEqualTo(1);
        assertThat(webhooks.get("dead").longValue()).isEqualTo(1);
        assertThat(webhooks.get("oldestPendingAt").stringValue()).isEqualTo(JsonTimestamps.format(firstReceived));
        assertThat(webhooks.get("unresolvedGlobal").longValue()).isEqualTo(unresolvedBefore + 1);
        assertThat(others.get("backlog").longValue()).isZero();
        assertThat(others.get("failed").longValue()).isZero();
        assertThat(others.get("dead").longValue()).isZero();
        assertThat(others.get("oldestPendingAt").isNull()).isTrue();
    }

    @Test
    void jobsCountTheQueuesFailedAndDeadJobs() {
        Account owner = accounts.register();
        JobBroker broker = app.bean(JobBroker.class);
        JsonNode before = summary(owner.orgId()).get("jobs");
        String type = "summary-it-" + UUID.randomUUID();
        broker.enqueue(new JobRequest(JobRequest.MAINTENANCE, type, "{\"n\":1}"));
        broker.enqueue(new JobRequest(JobRequest.MAINTENANCE, type, "{\"n\":2}"));
        failOnce(broker, type, 2);
        JsonNode afterFirst = summary(owner.orgId()).get("jobs");
        app.clock().advance(Duration.ofSeconds(5));
        failOnce(broker, type, 1);

        JsonNode afterSecond = summary(owner.orgId()).get("jobs");

        assertThat(afterFirst.get("failed").longValue()).isEqualTo(before.get("failed").longValue() + 2);
        assertThat(afterFirst.get("dead").longValue()).isEqualTo(before.get("dead").longValue());
        assertThat(afterSecond.get("failed").longValue()).isEqualTo(before.get("failed").longValue() + 1);
        assertThat(afterSecond.get("dead").longValue()).isEqualTo(before.get("dead").longValue() + 1);
    }

    /** Claims due jobs, fails up to {@code count} of the given type and gives the others back. */
    private static void failOnce(JobBroker broker, String type, int count) {
        List<ClaimedJob> claimed = new ArrayList<>(broker.claim(100, Duration.ofMinutes(1)));
        int failed = 0;
        for (ClaimedJob job : claimed) {
            if (job.job().type().equals(type) && failed < count) {
                broker.fail(job, "failed on purpose");
                failed++;
            }
            else {
                broker.release(job);
            }
        }
        assertThat(failed).isEqualTo(count);
    }

    @Test
    void withoutAConfiguredTokenTheSummaryIs403() {
        try (RunningApp unset = RunningApp.start()) {
            Account owner = new Accounts(unset).register();

            Reply withBearer = summary(unset, owner.orgId());
            Reply without = unset.http().get("/admin/orgs/" + owner.orgId() + "/summary").send();

            for (Reply reply : List.of(withBearer, without)) {
                assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
                assertThat(reply.mediaType()).isEqualTo("application/problem+json");
                assertThat(reply.json().get("detail").stringValue()).isEqualTo("Internal admin token not configured");
            }
        }
    }

    @Test
    void withoutBillingOrAJobBrokerTheSummaryHasNoSubscriptionAndZeroCounts() {
        try (RunningApp bare = RunningApp.startWith(new Class<?>[] { QueueWithoutBroker.class },
                "saaskit.stripe.enabled=false", "saaskit.admin.token=" + TOKEN)) {
            Account owner = new Accounts(bare).register();
            assertThat(bare.context().getBeanProvider(JobBroker.class).getIfAvailable()).isNull();
            assertThat(bare.context().getBeanProvider(StripeEventInbox.class).getIfAvailable()).isNull();

            Reply reply = summary(bare, owner.orgId());
            Reply wrong = bare.http().get("/admin/orgs/" + owner.orgId() + "/summary").bearer("nope").send();
            Reply unknown = summary(bare, UUID.randomUUID().toString());

            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            JsonNode body = reply.json();
            assertThat(body.get("org").get("id").stringValue()).isEqualTo(owner.orgId());
            assertThat(body.get("memberCount").longValue()).isEqualTo(1);
            assertThat(body.get("subscription").isNull()).isTrue();
            assertThat(body.get("usage").get("limit").longValue()).isEqualTo(1000);
            assertThat(body.get("webhooks").toString()).isEqualTo(
                    "{\"backlog\":0,\"failed\":0,\"dead\":0,\"oldestPendingAt\":null,\"unresolvedGlobal\":0}");
            assertThat(body.get("jobs").toString()).isEqualTo("{\"failed\":0,\"dead\":0}");
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(unknown.status()).isEqualTo(404);
        }
    }

    @Test
    void theAdminEndpointGroupSwitchedOffAnswers404() {
        try (RunningApp off = RunningApp.start("saaskit.http.admin.enabled=false", "saaskit.admin.token=" + TOKEN)) {
            Account owner = new Accounts(off).register();

            Reply reply = summary(off, owner.orgId());

            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.json().get("detail").stringValue()).startsWith("Route GET /admin/orgs/");
            assertThat(off.http().get("/org").bearer(owner.token()).send().status()).isEqualTo(200);
        }
    }

    /** A job queue that is not a broker, as an application might provide: the worker side is absent. */
    @Configuration(proxyBeanMethods = false)
    static class QueueWithoutBroker {

        @Bean
        JobQueue testJobQueue() {
            return new RecordingJobQueue();
        }
    }
}
