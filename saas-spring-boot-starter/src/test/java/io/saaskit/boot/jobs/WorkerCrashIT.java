package io.saaskit.boot.jobs;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.saaskit.adapters.jdbc.JdbcJobQueue;
import io.saaskit.adapters.jdbc.JdbcSchemaMigrator;
import io.saaskit.adapters.jdbc.testing.TestPostgres;
import io.saaskit.adapters.redis.RedisConnections;
import io.saaskit.adapters.redis.RedisJobQueue;
import io.saaskit.adapters.redis.RedisSettings;
import io.saaskit.adapters.redis.testing.TestRedis;
import io.saaskit.boot.web.testing.ChildJvms;
import io.saaskit.core.jobs.JobCounts;
import io.saaskit.core.jobs.JobRequest;
import io.saaskit.core.jobs.JobRetryPolicy;
import io.saaskit.core.jobs.port.JobBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker process killed with SIGKILL in the middle of a batch of 1000 jobs, then started again: every job's
 * effect is applied exactly once (the handler is idempotent and records its effects in PostgreSQL), none is lost,
 * and the queue ends empty. The jobs the killed worker held come back when their lease ends. Runs for the
 * PostgreSQL and the Redis queue, each worker a real child JVM.
 */
class WorkerCrashIT {

    private static final int JOBS = 1000;

    private static final Duration WAIT = Duration.ofSeconds(120);

    private final ChildJvms children = new ChildJvms();

    @AfterEach
    void killChildren() {
        this.children.close();
    }

    @Test
    void aKilledWorkerOnThePostgresQueueLosesNothingAndAppliesNothingTwice() throws Exception {
        TestPostgres.Database database = database();
        JobBroker queue = new JdbcJobQueue(database.dataSource(), Clock.systemUTC(), JobRetryPolicy.defaults());

        crashAndRecover(database, queue, List.of("jdbc"));

        assertThat(JdbcClient.create(database.dataSource()).sql("select count(*) from job").query(Long.class)
                .single()).isZero();
    }

    @Test
    void aKilledWorkerOnTheRedisQueueLosesNothingAndAppliesNothingTwice() throws Exception {
        TestPostgres.Database database = database();
        RedisSettings settings = TestRedis.settings();
        try (RedisConnections connections = new RedisConnections(settings)) {
            JobBroker queue = new RedisJobQueue(connections, Clock.systemUTC(), JobRetryPolicy.defaults());

            crashAndRecover(database, queue, List.of("redis"), settings.url().toString(), settings.keyPrefix());

            assertThat(queue.counts()).isEqualTo(new JobCounts(0, 0));
            assertThat(queue.claim(10, Duration.ofMinutes(1))).isEmpty();
        }
    }

    private static TestPostgres.Database database() {
        TestPostgres.Database database = TestPostgres.createDatabase();
        new JdbcSchemaMigrator(database.dataSource()).migrate();
        JdbcClient jdbc = JdbcClient.create(database.dataSource());
        jdbc.sql("create table crash_effect (payload text primary key)").update();
        jdbc.sql("create table crash_delivery (payload text not null)").update();
        jdbc.sql("create table crash_total (total int not null)").update();
        jdbc.sql("insert into crash_total values (0)").update();
        return database;
    }

    private void crashAndRecover(TestPostgres.Database database, JobBroker queue, List<String> kind,
            String... redis) throws Exception {
        JdbcClient jdbc = JdbcClient.create(database.dataSource());
        for (int i = 0; i < JOBS; i++) {
            queue.enqueue(new JobRequest(JobRequest.MAINTENANCE, CrashTestWorker.TYPE, "{\"job\":" + i + "}"));
        }
        List<String> arguments = new ArrayList<>(kind);
        arguments.addAll(List.of(database.jdbcUrl(), database.username(), database.password()));
        arguments.addAll(List.of(redis));

        Process first = this.children.start(CrashTestWorker.class, "first", "128m", arguments);
        await(() -> count(jdbc, "select count(*) from crash_effect") >= 300, "300 effects before the kill");
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(ChildJvms.KILLED);
        long beforeRestart = count(jdbc, "select count(*) from crash_effect");
        assertThat(beforeRestart).as("killed in the middle of the batch").isBetween(300L, JOBS - 1L);

        this.children.start(CrashTestWorker.class, "second", "128m", arguments);
        await(() -> count(jdbc, "select count(*) from crash_effect") == JOBS, "every effect after the restart");
        Thread.sleep(CrashTestWorker.LEASE.toMillis() * 2);

        assertThat(count(jdbc, "select count(*) from crash_effect")).isEqualTo(JOBS);
        assertThat(count(jdbc, "select total from crash_total")).as("each effect applied once").isEqualTo(JOBS);
        assertThat(count(jdbc, "select count(distinct payload) from crash_delivery")).isEqualTo(JOBS);
        assertThat(count(jdbc, "select count(*) from crash_delivery")).isGreaterThanOrEqualTo(JOBS);
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        ChildJvms.await(condition, WAIT, what);
    }
}
