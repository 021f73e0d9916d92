package io.saaskit.boot.web;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import io.saaskit.boot.jobs.SessionCleanupJobHandler;
import io.saaskit.boot.web.testing.Account;
import io.saaskit.boot.web.testing.Accounts;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RunningApp;
import io.saaskit.boot.web.testing.RowCounts;
import io.saaskit.core.jobs.JobWorker;
import io.saaskit.core.jobs.port.JobQueue;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The process modes on a real PostgreSQL: a worker-only process ({@code saaskit.web.enabled=false}) answers only
 * {@code /health} and {@code /ready} and runs the jobs an API-only process ({@code saaskit.worker.enabled=false})
 * enqueues; the API-only process runs none itself.
 */
class ProcessModesIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void aWorkerOnlyProcessServesOnlyHealthAndReadyAndAnswers404ToEverythingElse() {
        try (RunningApp worker = RunningApp.start("saaskit.web.enabled=false", "saaskit.worker.enabled=true")) {
            assertThat(worker.http().get("/health").send().status()).isEqualTo(200);
            Reply ready = worker.http().get("/ready").send();
            assertThat(ready.status()).as(ready.toString()).isEqualTo(200);

            Reply[] refused = {
                worker.http().post("/auth/register")
                        .json("{\"email\":\"a@example.com\",\"password\":\"StrongPass1!\",\"orgName\":\"Org\"}").send(),
                worker.http().get("/auth/me").send(),
                worker.http().get("/org").send(),
                worker.http().get("/usage").send(),
                worker.http().get("/api-keys").send(),
                worker.http().get("/anything-else").send(),
                worker.http().get("/health/extra").send(),
            };
            for (Reply reply : refused) {
                assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
                assertThat(reply.mediaType()).isEqualTo("application/problem+json");
            }
            assertThat(refused[1].json().get("detail").stringValue()).isEqualTo("Route GET /auth/me not found");
            assertThat(RowCounts.of(worker.database().dataSource())).containsEntry("app_user", 0L);
            assertThat(worker.bean(JobWorker.class).isRunning()).isTrue();
        }
    }

    @Test
    void jobsEnqueuedByAnApiOnlyProcessRunOnAWorkerOnlyProcess() {
        try (RunningApp api = RunningApp.start("saaskit.worker.enabled=false");
                RunningApp worker = RunningApp.start(api.database(), "saaskit.web.enabled=false",
                        "saaskit.worker.enabled=true", "saaskit.worker.poll-interval=100ms")) {
            JdbcClient database = JdbcClient.create(api.database().dataSource());
            assertThat(api.context().getBeansOfType(JobWorker.class)).isEmpty();
            Account account = new Accounts(api).register();
            assertThat(api.http().get("/auth/me").bearer(account.token()).send().status()).isEqualTo(200);
            assertThat(database.sql("select count(*) from session").query(Long.class).single()).isEqualTo(1);

            // Past the session's absolute lifetime on the worker's clock, the hourly cleanup deletes it.
            worker.clock().advance(Duration.ofDays(8));
            api.bean(JobQueue.class).enqueue(SessionCleanupJobHandler.REQUEST);

            awaitZero(database, "select count(*) from job");
            assertThat(database.sql("select count(*) from session").query(Long.class).single()).isZero();
            assertThat(api.http().get("/auth/me").bearer(account.token()).send().status()).isEqualTo(401);
        }
    }

    @Test
    void anApiOnlyProcessLeavesItsJobsQueued() throws Exception {
        try (RunningApp api = RunningApp.start("saaskit.worker.enabled=false")) {
            api.bean(JobQueue.class).enqueue(SessionCleanupJobHandler.REQUEST);
            Thread.sleep(1500);

            assertThat(JdbcClient.create(api.database().dataSource()).sql("select state from job")
                    .query(String.class).list()).containsExactly("ready");
        }
    }

    @Test
    void theSessionCleanupAlsoDeletesClosedRateLimitWindowsAndEndedWriteGatesOfThePostgresStores() {
        try (RunningApp worker = RunningApp.start("saaskit.web.enabled=false", "saaskit.worker.enabled=true",
                "saaskit.rate-limit.store=postgres",
                "saaskit.worker.poll-interval=100ms")) {
            JdbcClient database = JdbcClient.create(worker.database().dataSource());
            Instant now = worker.clock().instant();
            database.sql("insert into rate_limit_bucket (key, count, reset_at) values ('closed', 1, :closed), "
                    + "('open', 1, :open)")
                    .param("closed", Timestamp.from(now.minusSeconds(1)))
                    .param("open", Timestamp.from(now.plusSeconds(60)))
                    .update();
            database.sql("insert into write_gate (gate_key, closed_until) values ('ended', :closed), "
                    + "('closed', :open)")
                    .param("closed", Timestamp.from(now.minusSeconds(1)))
                    .param("open", Timestamp.from(now.plusSeconds(60)))
                    .update();

            worker.bean(JobQueue.class).enqueue(SessionCleanupJobHandler.REQUEST);

            awaitZero(database, "select count(*) from job");
            assertThat(database.sql("select key from rate_limit_bucket").query(String.class).list())
                    .containsExactly("open");
            assertThat(database.sql("select gate_key from write_gate").query(String.class).list())
                    .containsExactly("closed");
        }
    }

    private static void awaitZero(JdbcClient database, String count) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (database.sql(count).query(Long.class).single() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        assertThat(database.sql(count).query(Long.class).single()).as(count).isZero();
    }
}
