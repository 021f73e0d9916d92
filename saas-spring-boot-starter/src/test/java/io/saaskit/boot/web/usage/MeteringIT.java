package io.saaskit.boot.web.usage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.saaskit.boot.web.testing.Account;
import io.saaskit.boot.web.testing.Accounts;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RunningApp;
import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Metered API calls over HTTP against PostgreSQL (quota counted in PostgreSQL): what is counted, what is refused,
 * and how usage shows (product spec §6, scenarios 17, 18, 20, 63, 64, 66, 68, 69).
 */
class MeteringIT {

    static RunningApp app;

    static Accounts accounts;

    @BeforeAll
    static void start() {
        startApp();
    }

    static void startApp(String... properties) {
        List<String> all = new ArrayList<>(List.of(MeteredTestRoutes.SOURCE, "saaskit.rate-limit.api-key.limit=1000"));
        all.addAll(List.of(properties));
        app = RunningApp.start(all.toArray(String[]::new));
        accounts = new Accounts(app);
    }

    /** The organization's usage events in the database. */
    long storedEvents(String orgId) {
        return UsageRows.events(app, orgId);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void anOverrideLimitOfOneAdmitsOneCallThenRefusesWithUsageLimit() {
        Account owner = accounts.register();
        Keys key = Keys.create(app, owner);

        Reply override = app.http().post("/admin/plan").bearer(owner.token()).org(owner.orgId())
                .json("{\"plan\":\"tiny\",\"planLimit\":1}").send();
        Reply first = key.data(app);
        Reply second = key.data(app);

        assertThat(override.status()).isEqualTo(200);
        assertThat(override.json().get("plan").stringValue()).isEqualTo("tiny");
        assertThat(override.json().get("planLimit").longValue()).isEqualTo(1);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().get("orgId").stringValue()).isEqualTo(owner.orgId());
        assertThat(second.status()).isEqualTo(429);
        JsonNode problem = second.json();
        assertThat(problem.get("code").stringValue()).isEqualTo("USAGE_LIMIT");
        assertThat(problem.get("detail").stringValue()).isEqualTo("Usage limit exceeded");
        assertThat(problem.get("metric").stringValue()).isEqualTo("api_requests");
        assertThat(problem.get("used").longValue()).isEqualTo(1);
        assertThat(problem.get("limit").longValue()).isEqualTo(1);
        assertThat(problem.get("requestId").isString()).isTrue();
        assertThat(storedEvents(owner.orgId())).isEqualTo(1);
    }

    @Test
    void aUsageLimitRefusalRetriesAfterThePeriodEndAndCountsNothing() {
        Account owner = accounts.register();
        Keys key = Keys.create(app, owner);
        setLimit(owner, 1);
        key.data(app);

        Reply refused = key.data(app);
        Reply again = key.data(app);

        Instant periodEnd = Instant.parse(refused.json().get("periodEnd").stringValue());
        long secondsToEnd = (Duration.between(app.clock().instant(), periodEnd).toMillis() + 999) / 1000;
        assertThat(periodEnd).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
        assertThat(refused.header("Retry-After")).isEqualTo(Long.toString(secondsToEnd));
        assertThat(refused.json().get("retryAfterSec").longValue()).isEqualTo(secondsToEnd);
        assertThat(refused.header("RateLimit-Policy")).contains("\"usage\";q=1;w=" + (31 * 86_400));
        assertThat(refused.header("RateLimit")).contains("\"usage\";r=0;t=" + secondsToEnd);
        assertThat(again.status()).isEqualTo(429);
        assertThat(summary(owner).get("used").longValue()).isEqualTo(1);
        assertThat(storedEvents(owner.orgId())).isEqualTo(1);
        assertThat(UsageRows.audited(app, owner.orgId(), "usage.limit.reached")).isEqualTo(1);
    }

    @Test
    void dataResponsesCarryTheApiKeyAndUsageRateLimitEntries() {
        Account owner = accounts.register();
        Keys key = Keys.create(app, owner);

        Reply reply = key.data(app);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("RateLimit-Policy")).contains("\"api_key\";q=1000").contains("\"usage\";q=1000;w=");
        assertThat(reply.header("RateLimit")).contains("\"usage\";r=999;t=");
    }

    @Test
    void parallelCallsWithinTheLimitAreAllAdmittedAndShowInUsage() throws Exception {
        Account owner = accounts.register();
        Keys key = Keys.create(app, owner);
        ExecutorService executor = Executors.newFixedThreadPool(10);
        try {
            List<CompletableFuture<Reply>> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> key.data(app), executor));
            }
            for (CompletableFuture<Reply> call : calls) {
                assertThat(call.get().status()).isEqualTo(200);
            }
        }
        finally {
            executor.shutdownNow();
        }

        JsonNode rows = usage(owner, "").json();
        assertThat(rows.size()).isEqualTo(1);
        assertThat(rows.get(0).get("metric").stringValue()).isEqualTo("api_requests");
        assertThat(rows.get(0).get("quantity").longValue()).isEqualTo(10);
        assertThat(rows.get(0).get("date").stringValue()).isEqualTo("2026-03-01T00:00:00.000Z");
        assertThat(rows.get(0).get("orgId").stringValue()).isEqualTo(owner.orgId());
        assertThat(summary(owner).get("used").longValue()).isEqualTo(10);
        assertThat(storedEvents(owner.orgId())).isEqualTo(10);
    }

    @Test
    void usageFiltersByMetricWithPerKeyRowsAndAll() {
        Account owner = accounts.register();
        Keys key = Keys.create(app, owner);
        key.data(app);
        key.data(app);

        JsonNode perKey = usage(owner, "?metric=api_key:" + key.id()).json();
        JsonNode all = usage(owner, "?metric=*").json();

        assertThat(perKey.size()).isEqualTo(1);
        assertThat(perKey.get(0).get("quantity").longValue()).isEqualTo(2);
        assertThat(all.size()).isEqualTo(2);
        assertThat(usage(owner, "?metric=api_requests&days=1").json().get(0).get("quantity").longValue())
                .isEqualTo(2);
        JsonNode summary = summary(owner);
        assertThat(summary.get("metric").stringValue()).isEqualTo("api_requests");
        assertThat(summary.get("plan").stringValue()).isEqualTo("free");
        assertThat(summary.get("limit").longValue()).isEqualTo(1000);
        assertThat(summary.get("remaining").longValue()).isEqualTo(998);
        assertThat(summary.get("periodStart").stringValue()).isEqualTo("2026-03-01T00:00:00.000Z");
        assertThat(summary.get("periodEnd").stringValue()).isEqualTo("2026-04-01T00:00:00.000Z");
    }

    @Test
    void sessionCallsAreNeverMetered() {
        Account owner = accounts.register();

        Reply org = app.http().get("/org").bearer(owner.token()).org(owner.orgId()).send();

        assertThat(org.status()).isEqualTo(200);
        assertThat(summary(owner).get("used").longValue()).isZero();
        assertThat(usage(owner, "").json().size()).isZero();
        assertThat(storedEvents(owner.orgId())).isZero();
    }

    @Test
    void aHandlerThatFailsWith5xxIsNotCounted() {
        Account owner = accounts.register();
        Keys key = Keys.create(app, owner);

        Reply before = app.http().get("/data").bearer(key.secret())
                .header(MeteredTestRoutes.FAIL_HEADER, "before-record").send();
        Reply after = app.http().get("/data").bearer(key.secret())
                .header(MeteredTestRoutes.FAIL_HEADER, "after-record").send();

        assertThat(before.status()).isEqualTo(500);
        assertThat(after.status()).isEqualTo(500);
        assertThat(after.body()).doesNotContain("test failure");
        assertThat(storedEvents(owner.orgId())).isZero();
        assertThat(summary(owner).get("used").longValue()).isZero();
        setLimit(owner, 1);
        assertThat(key.data(app).status()).as("the failed calls gave their quota back").isEqualTo(200);
    }

    @Test
    void badDaysAreRefusedWithTheFieldDays() {
        Account owner = accounts.register();

        for (String days : List.of("abc", "0", "367", "-1", "1.5", "")) {
            Reply reply = usage(owner, "?days=" + days);
            assertThat(reply.status()).as(days).isEqualTo(400);
            assertThat(reply.json().get("code").stringValue()).isEqualTo("VALIDATION_FAILED");
            assertThat(reply.json().get("errors").get(0).get("field").stringValue()).isEqualTo("days");
        }
        assertThat(usage(owner, "?days=366").status()).isEqualTo(200);
    }

    @Test
    void usageNeedsUsageRead() {
        Account owner = accounts.register();
        Account member = accounts.register();
        accounts.addMember(owner, member, "MEMBER");

        Reply daily = app.http().get("/usage").bearer(member.token()).org(owner.orgId()).send();
        Reply summary = app.http().get("/usage/summary").bearer(member.token()).org(owner.orgId()).send();

        assertThat(daily.status()).isEqualTo(403);
        assertThat(daily.json().get("requiredPermission").stringValue()).isEqualTo("usage.read");
        assertThat(summary.status()).isEqualTo(403);
        assertThat(app.http().get("/usage").send().status()).isEqualTo(401);
    }

    @Test
    void usageAnswersWithAJsonContentTypeAndNoBody() {
        Account owner = accounts.register();

        Reply reply = app.http().get("/usage").bearer(owner.token()).org(owner.orgId())
                .header("Content-Type", "application/json").send();

        assertThat(reply.status()).isEqualTo(200);
    }

    @Test
    void invalidKeysAreRefusedBeforeMetering() {
        Reply reply = app.http().get("/data").bearer("invalid_key").send();

        assertThat(reply.status()).isEqualTo(401);
    }

    private static void setLimit(Account owner, long limit) {
        Reply reply = app.http().post("/admin/plan").bearer(owner.token()).org(owner.orgId())
                .json("{\"plan\":\"tiny\",\"planLimit\":" + limit + "}").send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }

    private static JsonNode summary(Account owner) {
        Reply reply = app.http().get("/usage/summary").bearer(owner.token()).org(owner.orgId()).send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    private static Reply usage(Account owner, String query) {
        return app.http().get("/usage" + query).bearer(owner.token()).org(owner.orgId()).send();
    }
}
