package io.saaskit.core.jobs;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import io.saaskit.core.memory.InMemoryJobQueue;
import io.saaskit.core.memory.InMemorySchedulerLockStore;
import io.saaskit.core.memory.InMemoryTransactionRunner;
import io.saaskit.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class JobSchedulerTests {

    private static final JobRequest ROLLUP = new JobRequest(JobRequest.USAGE_ROLLUPS, "usage-rollup", "{}");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T01:59:00Z"));

    private final InMemoryJobQueue queue = new InMemoryJobQueue(this.clock, JobRetryPolicy.defaults());

    private final InMemorySchedulerLockStore locks = new InMemorySchedulerLockStore();

    /** Every day at 02:00 UTC, as the cron expression {@code 0 0 2 * * *} would say. */
    private static final JobSchedule DAILY_AT_TWO = new JobSchedule() {

        @Override
        public Instant nextAfter(Instant after) {
            ZonedDateTime time = after.atZone(ZoneOffset.UTC);
            ZonedDateTime today = time.toLocalDate().atTime(2, 0).atZone(ZoneOffset.UTC);
            return (today.toInstant().isAfter(after) ? today : today.plusDays(1)).toInstant();
        }

        @Override
        public String expression() {
            return "0 0 2 * * *";
        }
    };

    private JobScheduler scheduler(ScheduledJob... jobs) {
        return new JobScheduler(List.of(jobs), this.locks, this.queue, new InMemoryTransactionRunner(), this.clock);
    }

    @Test
    void aScheduleSeenForTheFirstTimeWaitsForItsNextTrigger() {
        JobScheduler scheduler = scheduler(new ScheduledJob("usage-rollup", DAILY_AT_TWO, ROLLUP));

        assertThat(scheduler.tick()).isEmpty();
        this.clock.advance(Duration.ofSeconds(59));
        assertThat(scheduler.tick()).isEmpty();
        this.clock.advance(Duration.ofSeconds(1));

        assertThat(scheduler.tick()).containsExactly("usage-rollup");
        assertThat(this.queue.claim(10, Duration.ofMinutes(1))).singleElement()
                .satisfies((job) -> assertThat(job.job().type()).isEqualTo("usage-rollup"));
    }

    @Test
    void twoSchedulersFireEachTriggerOnce() {
        JobScheduler first = scheduler(new ScheduledJob("usage-rollup", DAILY_AT_TWO, ROLLUP));
        JobScheduler second = scheduler(new ScheduledJob("usage-rollup", DAILY_AT_TWO, ROLLUP));
        first.tick();
        second.tick();
        int fired = 0;
        for (int day = 0; day < 3; day++) {
            this.clock.advance(Duration.ofDays(1));
            fired += first.tick().size() + second.tick().size();
        }

        assertThat(fired).isEqualTo(3);
        assertThat(this.queue.claim(10, Duration.ofMinutes(1))).hasSize(3);
    }

    @Test
    void triggersMissedWhileNoSchedulerRanFireOnceAtTheNextStart() {
        scheduler(new ScheduledJob("usage-rollup", DAILY_AT_TWO, ROLLUP)).tick();
        this.clock.advance(Duration.ofDays(3));

        JobScheduler restarted = scheduler(new ScheduledJob("usage-rollup", DAILY_AT_TWO, ROLLUP));

        assertThat(restarted.tick()).containsExactly("usage-rollup");
        assertThat(restarted.tick()).isEmpty();
        assertThat(this.queue.claim(10, Duration.ofMinutes(1))).hasSize(1);
    }

    @Test
    void aFixedRateScheduleFiresOnEveryMultipleOfItsPeriod() {
        JobScheduler scheduler = scheduler(new ScheduledJob("stripe-dispatch", JobSchedule.every(Duration.ofSeconds(5)),
                new JobRequest(JobRequest.MAINTENANCE, "stripe-dispatch", "{}")));
        scheduler.tick();
        int fired = 0;
        for (int second = 0; second < 20; second++) {
            this.clock.advance(Duration.ofSeconds(1));
            fired += scheduler.tick().size();
        }

        assertThat(fired).isEqualTo(4);
    }

    @Test
    void aFailingScheduleDoesNotStopTheOthers() {
        JobSchedule broken = new JobSchedule() {

            @Override
            public Instant nextAfter(Instant after) {
                throw new IllegalStateException("broken schedule");
            }

            @Override
            public String expression() {
                return "broken";
            }
        };
        JobScheduler scheduler = scheduler(new ScheduledJob("broken", broken, ROLLUP),
                new ScheduledJob("usage-rollup", DAILY_AT_TWO, ROLLUP));
        assertThatIllegalStateException().isThrownBy(scheduler::tick);
        this.clock.advance(Duration.ofMinutes(2));

        assertThatIllegalStateException().isThrownBy(scheduler::tick)
                .withMessage("broken schedule");
        assertThat(this.queue.claim(10, Duration.ofMinutes(1))).hasSize(1);
    }

    @Test
    void scheduleNamesAreUnique() {
        assertThatIllegalArgumentException().isThrownBy(() -> scheduler(
                new ScheduledJob("usage-rollup", DAILY_AT_TWO, ROLLUP),
                new ScheduledJob("usage-rollup", DAILY_AT_TWO, ROLLUP)));
    }
}
