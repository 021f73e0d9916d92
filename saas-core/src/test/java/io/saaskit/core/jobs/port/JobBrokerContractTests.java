package io.saaskit.core.jobs.port;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.saaskit.core.jobs.ClaimedJob;
import io.saaskit.core.jobs.DeadJob;
import io.saaskit.core.jobs.Job;
import io.saaskit.core.jobs.JobCounts;
import io.saaskit.core.jobs.JobHandler;
import io.saaskit.core.jobs.JobListener;
import io.saaskit.core.jobs.JobRequest;
import io.saaskit.core.jobs.JobRetryPolicy;
import io.saaskit.core.jobs.JobWorker;
import io.saaskit.core.jobs.WorkerSettings;
import io.saaskit.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link JobBroker} must show: at-least-once delivery under leases, leases extended by a
 * running worker, a job whose lease ran out (its worker crashed) reclaimed by another worker as the next attempt,
 * retries after the {@link #RETRY} backoff, dead letters after the last attempt, a poison job never holding back the
 * others, released jobs coming back without the attempt counted (also when a {@link JobWorker} stops in the middle
 * of a job), and concurrent claimers never sharing a job.
 *
 * <p>Extend it once per implementation. {@link #broker()} and {@link #otherWorker()} are two workers on the same,
 * initially empty, queue store, built with {@link #RETRY} and taking time from {@link #clock}. Implementations
 * whose leases follow the server's own clock (Redis streams) override {@link #passLeaseTime(Duration)} to also
 * wait; the leases used here are short for that reason.
 */
public abstract class JobBrokerContractTests {

    /** The retry policy implementations under test must use. */
    protected static final JobRetryPolicy RETRY = new JobRetryPolicy(3, Duration.ofSeconds(10), Duration.ofMinutes(1));

    /** The lease most tests claim with. */
    protected static final Duration LEASE = Duration.ofMillis(600);

    /** The clock the implementation takes time from. */
    protected final MutableClock clock = new MutableClock();

    /**
     * A worker on the store under test; every call returns the same one within a test.
     * @return the broker
     */
    protected abstract JobBroker broker();

    /**
     * A second worker (another process, or another consumer) on the same store; the same one within a test.
     * @return the broker
     */
    protected abstract JobBroker otherWorker();

    /**
     * Lets lease time pass. The default moves {@link #clock}; implementations whose leases follow the server's
     * clock also wait that long.
     * @param time how much
     */
    protected void passLeaseTime(Duration time) {
        this.clock.advance(time);
    }

    @Test
    void jobsEnqueuedTogetherAreEachDeliveredOnceWithTheirOwnRequest() {
        List<JobRequest> requests = List.of(new JobRequest(JobRequest.STRIPE_EVENTS, "stripe-event", "{\"n\":1}"),
                new JobRequest(JobRequest.MAINTENANCE, "session-cleanup", "{\"n\":2}"),
                new JobRequest(JobRequest.STRIPE_EVENTS, "stripe-event", "{\"n\":3}"));

        broker().enqueueAll(requests);

        List<ClaimedJob> claimed = broker().claim(10, LEASE);
        assertThat(claimed).extracting((delivery) -> delivery.job().queue() + " " + delivery.job().payload())
                .containsExactlyInAnyOrder("stripe-events {\"n\":1}", "maintenance {\"n\":2}",
                        "stripe-events {\"n\":3}");
        assertThat(claimed).allSatisfy((delivery) -> assertThat(delivery.job().attempt()).isEqualTo(1));
        assertThat(broker().claim(10, LEASE)).isEmpty();
    }

    @Test
    void anEnqueuedJobIsDeliveredWithItsRequestAsTheFirstAttempt() {
        broker().enqueue(new JobRequest(JobRequest.MAINTENANCE, "session-cleanup", "{\"n\":1}"));

        List<ClaimedJob> claimed = broker().claim(10, LEASE);

        assertThat(claimed).singleElement().satisfies((delivery) -> {
            Job job = delivery.job();
            assertThat(job.queue()).isEqualTo(JobRequest.MAINTENANCE);
            assertThat(job.type()).isEqualTo("session-cleanup");
            assertThat(job.payload()).isEqualTo("{\"n\":1}");
            assertThat(job.attempt()).isEqualTo(1);
            assertThat(job.id()).isNotBlank();
        });
    }

    @Test
    void payloadsComeBackVerbatim() {
        String payload = "{\"text\":\"line one\\nline two\",\"raw\":\"é€😀\n\t\",\"pad\":\"" + "x".repeat(60_000) + "\"}";
        broker().enqueue(new JobRequest(JobRequest.STRIPE_EVENTS, "stripe-event", payload));

        assertThat(broker().claim(1, LEASE)).singleElement()
                .satisfies((delivery) -> assertThat(delivery.job().payload()).isEqualTo(payload));
    }

    @Test
    void jobsOfEveryQueueAreClaimed() {
        broker().enqueue(new JobRequest(JobRequest.MAINTENANCE, "a", "{}"));
        broker().enqueue(new JobRequest(JobRequest.USAGE_ROLLUPS, "b", "{}"));
        broker().enqueue(new JobRequest("custom-queue", "c", "{}"));

        List<ClaimedJob> claimed = broker().claim(10, LEASE);

        assertThat(claimed).extracting((delivery) -> delivery.job().queue())
                .containsExactlyInAnyOrder(JobRequest.MAINTENANCE, JobRequest.USAGE_ROLLUPS, "custom-queue");
    }

    @Test
    void aClaimTakesAtMostTheRequestedNumberOfJobs() {
        for (int i = 0; i < 5; i++) {
            broker().enqueue(new JobRequest(JobRequest.MAINTENANCE, "job", "{\"i\":" + i + "}"));
        }

        assertThat(broker().claim(2, LEASE)).hasSize(2);
        assertThat(otherWorker().claim(10, LEASE)).hasSize(3);
        assertThat(broker().claim(10, LEASE)).isEmpty();
    }

    @Test
    void aLeasedJobIsInvisibleToOtherWorkers() {
        broker().enqueue(new JobRequest(JobRequest.MAINTENANCE, "job", "{}"));
        assertThat(broker().claim(1, LEASE)).hasSize(1);

        assertThat(otherWorker().claim(10, LEASE)).isEmpty();
        assertThat(broker().claim(10, LEASE)).isEmpty();
    }

    @Test
    void aCompletedJobIsNeverDeliveredAgain() {
        broker().enqueue(new JobRequest(JobRequest.MAINTENANCE, "job", "{}"));
        ClaimedJob delivery = broker().claim(1, LEASE).get(0);

        assertThat(broker().complete(delivery)).isTrue();
        passLeaseTime(LEASE.multipliedBy(2));

        assertThat(otherWorker().claim(10, LEASE)).isEmpty();
        assertThat(broker().counts()).isEqualTo(new JobCounts(0, 0));
    }

    @Test
    void aJobLeftByACrashedWorkerIsReclaimedByAnotherAsTheNextAttempt() {
        broker().enqueue(new JobRequest(JobRequest.MAINTENANCE, "job", "{\"x\":1}"));
        ClaimedJob first = broker().claim(1, LEASE).get(0);

        passLeaseTime(LEASE.plusMillis(200));
        List<ClaimedJob> reclaimed = otherWorker().claim(10, LEASE);

        assertThat(reclaimed).singleElement().satisfies((delivery) -> {
            assertThat(delivery.job().id()).isEqualTo(first.job().id());
            assertThat(delivery.job().payload()).isEqualTo("{\"x\":1}");
            assertThat(delivery.job().attempt()).isEqualTo(2);
        });
        assertThat(broker().complete(first)).as("the crashed worker's late completion").isFalse();
        assertThat(otherWorker().complete(reclaimed.get(0))).isTrue();
        passLeaseTime(LEASE.multipliedBy(2));
        assertThat(broker().claim(10, LEASE)).isEmpty();
    }

    @Test
    void extendingALeaseKeepsTheJobInvisible() {
        broker().enqueue(new JobRequest(JobRequest.MAINTENANCE, "job", "{}"));
        ClaimedJob delivery = broker().claim(1, LEASE).get(0);

        passLeaseTime(LEASE.dividedBy(2));
        assertThat(broker().extend(delivery, LEASE)).isTrue();
        passLeaseTime(LEASE.dividedBy(2).plusMillis(150));
        assertThat(otherWorker().claim(10, LEASE)).as("within the extended lease").isEmpty();

        passLeaseTime(LEASE.dividedBy(2).plusMillis(150));
        assertThat(otherWorker().claim(10, LEASE)).as("after the extended lease").hasSize(1);
        assertThat(broker().extend(delivery, LEASE)).as("a lost lease cannot be extended").isFalse();
    }

    @Test
    void aFailedJobIsRetriedAfterItsBackoffAsTheNextAttempt() {
        broker().enqueue(new JobRequest(JobRequest.MAINTENANCE, "job", "{}"));
        ClaimedJob delivery = broker().claim(1, LEASE).get(0);

        assertThat(broker().fail(delivery, "boom")).isFalse();
        assertThat(broker().counts()).isEqualTo(new JobCounts(1, 0));

        this.clock.advance(Duration.ofSeconds(7));
        assertThat(broker().claim(10, LEASE)).as("before the backoff (10 s - 20 %)").isEmpty();

        this.clock.advance(Duration.ofSeconds(6));
        List<ClaimedJob> retried = otherWorker().claim(10, LEASE);
        assertThat(retried).singleElement().satisfies((again) -> {
            assertThat(again.job().id()).isEqualTo(delivery.job().id());
            assertThat(again.job().attempt()).isEqualTo(2);
        });
        assertThat(broker().complete(delivery)).as("the failed delivery is settled").isFalse();
    }

    @Test
    void theBackoffGrowsWithEveryFailure() {
        broker().enqueue(new JobRequest(JobRequest.MAINTENANCE, "job", "{}"));
        broker().fail(broker().claim(1, LEASE).get(0), "first");
        this.clock.advance(Duration.ofSeconds(13));
        broker().fail(broker().claim(1, LEASE).get(0), "second");

        this.clock.advance(Duration.ofSeconds(15));
        assertThat(broker().claim(10, LEASE)).as("before the second backoff (20 s - 20 %)").isEmpty();

        this.clock.advance(Duration.ofSeconds(10));
        assertThat(broker().claim(10, LEASE)).singleElement()
                .satisfies((delivery) -> assertThat(delivery.job().attempt()).isEqualTo(3));
    }

    @Test
    void aJobFailingEveryAttemptEndsInTheDeadLettersAndIsNotDeliveredAgain() {
        broker().enqueue(new JobRequest(JobRequest.MAINTENANCE, "poison", "{\"p\":true}"));
        List<Boolean> outcomes = new ArrayList<>();
        for (int attempt = 1; attempt <= RETRY.maxAttempts(); attempt++) {
            ClaimedJob delivery = broker().claim(1, LEASE).get(0);
            assertThat(delivery.job().attempt()).isEqualTo(attempt);
            outcomes.add(broker().fail(delivery, "failure " + attempt));
            this.clock.advance(Duration.ofMinutes(2));
        }

        assertThat(outcomes).containsExactly(false, false, true);
        passLeaseTime(LEASE.multipliedBy(2));
        this.clock.advance(Duration.ofHours(2));
        assertThat(broker().claim(10, LEASE)).isEmpty();
        assertThat(broker().counts()).isEqualTo(new JobCounts(0, 1));
        List<DeadJob> dead = broker().deadLetters(10);
        assertThat(dead).singleElement().satisfies((job) -> {
            assertThat(job.job().type()).isEqualTo("poison");
            assertThat(job.job().payload()).isEqualTo("{\"p\":true}");
            assertThat(job.job().attempt()).isEqualTo(3);
            assertThat(job.lastError()).isEqualTo("failure 3");
        });
    }

    @Test
    void aPoisonJobDoesNotHoldBackTheOthers() {
        broker().enqueue(new JobRequest(JobRequest.MAINTENANCE, "poison", "{}"));
        for (int i = 0; i < 3; i++) {
            this.clock.advance(Duration.ofMillis(10));
            broker().enqueue(new JobRequest(JobRequest.MAINTENANCE, "good", "{\"i\":" + i + "}"));
        }

        ClaimedJob poison = broker().claim(1, LEASE).get(0);
        assertThat(poison.job().type()).isEqualTo("poison");
        broker().fail(poison, "poisoned");

        List<ClaimedJob> others = broker().claim(10, LEASE);
        assertThat(others).hasSize(3).allSatisfy((job) -> assertThat(job.job().type()).isEqualTo("good"));
    }

    @Test
    void aReleasedJobIsClaimableAtOnceWithoutTheAttemptCounted() {
        broker().enqueue(new JobRequest(JobRequest.MAINTENANCE, "job", "{}"));
        ClaimedJob delivery = broker().claim(1, LEASE).get(0);

        broker().release(delivery);

        assertThat(otherWorker().claim(10, LEASE)).singleElement().satisfies((again) -> {
            assertThat(again.job().id()).isEqualTo(delivery.job().id());
            assertThat(again.job().attempt()).isEqualTo(1);
        });
        assertThat(broker().complete(delivery)).as("the released delivery is settled").isFalse();
    }

    @Test
    void aLeaseLostOnTheLastAttemptSendsTheJobToTheDeadLetters() {
        broker().enqueue(new JobRequest(JobRequest.MAINTENANCE, "crasher", "{}"));
        for (int attempt = 1; attempt < RETRY.maxAttempts(); attempt++) {
            assertThat(broker().claim(1, LEASE)).hasSize(1);
            passLeaseTime(LEASE.plusMillis(200));
        }
        assertThat(broker().claim(1, LEASE)).singleElement()
                .satisfies((delivery) -> assertThat(delivery.job().attempt()).isEqualTo(RETRY.maxAttempts()));

        passLeaseTime(LEASE.plusMillis(200));

        assertThat(otherWorker().claim(10, LEASE)).isEmpty();
        assertThat(broker().counts().dead()).isEqualTo(1);
        assertThat(broker().deadLetters(10)).singleElement()
                .satisfies((dead) -> assertThat(dead.job().type()).isEqualTo("crasher"));
    }

    @Test
    void aWorkerStoppedMidJobGivesItBackWithoutCountingTheAttempt() throws Exception {
        broker().enqueue(new JobRequest(JobRequest.MAINTENANCE, "slow", "{}"));
        CountDownLatch started = new CountDownLatch(1);
        JobHandler slow = new JobHandler() {

            @Override
            public String type() {
                return "slow";
            }

            @Override
            public void handle(Job job) {
                started.countDown();
                try {
                    Thread.sleep(30_000);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        JobWorker worker = new JobWorker(broker(), List.of(slow), JobListener.NONE, this.clock,
                new WorkerSettings(2, LEASE, Duration.ofMillis(20)));
        worker.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(worker.stop(Duration.ofMillis(300))).isEqualTo(1);

        assertThat(otherWorker().claim(10, LEASE)).singleElement().satisfies((delivery) -> {
            assertThat(delivery.job().type()).isEqualTo("slow");
            assertThat(delivery.job().attempt()).isEqualTo(1);
        });
        assertThat(broker().counts()).isEqualTo(new JobCounts(0, 0));
    }

    @Test
    void concurrentWorkersNeverShareAJob() throws Exception {
        int jobs = 200;
        for (int i = 0; i < jobs; i++) {
            broker().enqueue(new JobRequest(JobRequest.MAINTENANCE, "job", "{\"i\":" + i + "}"));
        }
        List<String> delivered = Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                JobBroker worker = (t % 2 == 0) ? broker() : otherWorker();
                done.add(threads.submit(() -> {
                    List<ClaimedJob> claimed;
                    while (!(claimed = worker.claim(7, Duration.ofMinutes(5))).isEmpty()) {
                        for (ClaimedJob job : claimed) {
                            delivered.add(job.job().id());
                            worker.complete(job);
                        }
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        }
        finally {
            threads.shutdownNow();
        }

        Set<String> distinct = new HashSet<>(delivered);
        assertThat(delivered).hasSize(jobs);
        assertThat(distinct).hasSize(jobs);
    }
}
