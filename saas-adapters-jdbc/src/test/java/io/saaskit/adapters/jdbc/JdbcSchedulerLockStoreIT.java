package io.saaskit.adapters.jdbc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.saaskit.core.jobs.JobRequest;
import io.saaskit.core.jobs.JobRetryPolicy;
import io.saaskit.core.jobs.JobSchedule;
import io.saaskit.core.jobs.JobScheduler;
import io.saaskit.core.jobs.ScheduledJob;
import io.saaskit.core.jobs.port.SchedulerLockStore;
import io.saaskit.core.jobs.port.SchedulerLockStoreContractTests;
import io.saaskit.core.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduler-lock contract on PostgreSQL, plus schedulers of several instances taking each trigger once and
 * enqueueing it in the same transaction.
 */
class JdbcSchedulerLockStoreIT extends SchedulerLockStoreContractTests {

    private final JdbcSchedulerLockStore store =
            new JdbcSchedulerLockStore(SharedDatabase.get().dataSource(), Clock.systemUTC());

    private final JdbcSchedulerLockStore other =
            new JdbcSchedulerLockStore(SharedDatabase.get().dataSource(), Clock.systemUTC());

    @Override
    protected SchedulerLockStore store() {
        return this.store;
    }

    @Override
    protected SchedulerLockStore otherInstance() {
        return this.other;
    }

    @Test
    void twoInstancesSchedulersRunEachTriggerOnceWithTheJobInTheSameTransaction() throws Exception {
        OwnedDatabase database = OwnedDatabase.withTenantRole(8).migrated(JdbcSettings.defaults());
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T01:59:59Z"));
        JobSchedule nightly = new DailySchedule();
        List<JobScheduler> instances = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            instances.add(new JobScheduler(
                    List.of(new ScheduledJob("usage-rollup", nightly,
                            new JobRequest(JobRequest.USAGE_ROLLUPS, "usage-rollup", "{}"))),
                    new JdbcSchedulerLockStore(database.dataSource(), clock),
                    new JdbcJobQueue(database.dataSource(), clock, JobRetryPolicy.defaults()),
                    new JdbcTransactionRunner(database.dataSource()), clock));
        }
        ExecutorService threads = Executors.newFixedThreadPool(2);
        int fired = 0;
        try {
            instances.forEach(JobScheduler::tick);
            for (int day = 0; day < 5; day++) {
                clock.advance(Duration.ofDays(1));
                List<Callable<Integer>> ticks = new ArrayList<>();
                for (JobScheduler scheduler : instances) {
                    ticks.add(() -> scheduler.tick().size());
                }
                for (Future<Integer> result : threads.invokeAll(ticks)) {
                    fired += result.get();
                }
            }
        }
        finally {
            threads.shutdownNow();
        }

        assertThat(fired).isEqualTo(5);
        assertThat(JdbcClient.create(database.admin()).sql("select count(*) from job where type = 'usage-rollup'")
                .query(Long.class).single()).isEqualTo(5);
    }

    /** Every day at 02:00 UTC. */
    private static final class DailySchedule implements JobSchedule {

        @Override
        public Instant nextAfter(Instant after) {
            ZonedDateTime today = after.atZone(ZoneOffset.UTC).toLocalDate().atTime(2, 0).atZone(ZoneOffset.UTC);
            return (today.toInstant().isAfter(after) ? today : today.plusDays(1)).toInstant();
        }

        @Override
        public String expression() {
            return "0 0 2 * * *";
        }
    }
}
