package io.saaskit.boot.web.usage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.saaskit.adapters.redis.testing.TestRedis;
import io.saaskit.boot.web.testing.Account;
import io.saaskit.boot.web.testing.Accounts;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RunningApp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quotas are exact across instances: two applications share one database (and, in the Redis variant, one Redis),
 * and racing calls against a small limit admit exactly the limit (scenario 65). Rate-limited calls are not billed
 * (scenario 64).
 */
class MeteringAcrossInstancesIT {

    @Test
    void twentyConcurrentCallsAcrossTwoInstancesAdmitExactlyTheLimitWithPostgres() throws Exception {
        try (RunningApp a = RunningApp.start(MeteredTestRoutes.SOURCE);
                RunningApp b = RunningApp.start(a.database(), MeteredTestRoutes.SOURCE)) {
            raceAcross(a, b);
        }
    }

    @Test
    void twentyConcurrentCallsAcrossTwoInstancesAdmitExactlyTheLimitWithRedis() throws Exception {
        String url = "saaskit.redis.url=" + TestRedis.url();
        String prefix = "saaskit.redis.key-prefix=" + TestRedis.uniquePrefix();
        try (RunningApp a = RunningApp.start(MeteredTestRoutes.SOURCE, url, prefix);
                RunningApp b = RunningApp.start(a.database(), MeteredTestRoutes.SOURCE, url, prefix)) {
            raceAcross(a, b);
        }
    }

    private static void raceAcross(RunningApp a, RunningApp b) throws Exception {
        Account owner = new Accounts(a).register();
        Keys key = Keys.create(a, owner);
        Reply override = a.http().post("/admin/plan").bearer(owner.token()).org(owner.orgId())
                .json("{\"plan\":\"tiny\",\"planLimit\":5}").send();
        assertThat(override.status()).isEqualTo(200);
        ExecutorService executor = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<CompletableFuture<Reply>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                RunningApp target = (i % 2 == 0) ? a : b;
                calls.add(CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return key.data(target);
                }, executor));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<Reply> call : calls) {
                Reply reply = call.get();
                statuses.add(reply.status());
                if (reply.status() == 429) {
                    assertThat(reply.json().get("code").stringValue()).isEqualTo("USAGE_LIMIT");
                }
            }

            assertThat(statuses).filteredOn((s) -> s == 200).hasSize(5);
            assertThat(statuses).filteredOn((s) -> s == 429).hasSize(15);
        }
        finally {
            executor.shutdownNow();
        }
        Reply summary = b.http().get("/usage/summary").bearer(owner.token()).org(owner.orgId()).send();
        assertThat(summary.json().get("used").longValue()).isEqualTo(5);
        assertThat(UsageRows.events(a, owner.orgId())).isEqualTo(5);
    }

    @Test
    void rateLimitedCallsAreNotBilled() {
        try (RunningApp app = RunningApp.start(MeteredTestRoutes.SOURCE, "saaskit.rate-limit.api-key.limit=2")) {
            Account owner = new Accounts(app).register();
            Keys key = Keys.create(app, owner);

            List<Integer> statuses = List.of(key.data(app).status(), key.data(app).status(), key.data(app).status());
            Reply limited = key.data(app);

            assertThat(statuses).containsExactly(200, 200, 429);
            assertThat(limited.json().get("code").stringValue()).isEqualTo("RATE_LIMIT");
            assertThat(limited.json().get("detail").stringValue()).isEqualTo("API key rate limit exceeded");
            assertThat(limited.header("Retry-After")).isNotNull();
            Reply summary = app.http().get("/usage/summary").bearer(owner.token()).org(owner.orgId()).send();
            assertThat(summary.json().get("used").longValue()).isEqualTo(2);
            assertThat(UsageRows.events(app, owner.orgId())).isEqualTo(2);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
