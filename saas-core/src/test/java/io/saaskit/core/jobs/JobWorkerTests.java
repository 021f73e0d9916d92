package io.saaskit.core.jobs;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.saaskit.core.memory.InMemoryJobQueue;
import io.saaskit.core.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JobWorkerTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final MutableClock clock = new MutableClock();

    private final RecordingListener listener = new RecordingListener();

    private final List<JobWorker> workers = new ArrayList<>();

    @AfterEach
    void stopWorkers() {
        this.workers.forEach((worker) -> worker.stop(Duration.ZERO));
    }

    private JobWorker worker(InMemoryJobQueue queue, int concurrency, Duration lease, JobHandler... handlers) {
        JobWorker worker = new JobWorker(queue, List.of(handlers), this.listener, this.clock,
                new WorkerSettings(concurrency, lease, Duration.ofMillis(20)));
        this.workers.add(worker);
        return worker;
    }

    private static JobHandler handler(String type, Consumer<Job> body) {
        return new JobHandler() {

            @Override
            public String type() {
                return type;
            }

            @Override
            public void handle(Job job) {
                body.accept(job);
            }
        };
    }

    private static void enqueue(InMemoryJobQueue queue, String type, int count) {
        for (int i = 0; i < count; i++) {
            queue.enqueue(new JobRequest(JobRequest.MAINTENANCE, type, "{\"i\":" + i + "}"));
        }
    }

    @Test
    void everyJobRunsOnItsTypesHandlerAndIsCompleted() throws Exception {
        InMemoryJobQueue queue = new InMemoryJobQueue(this.clock, JobRetryPolicy.defaults());
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(6);
        enqueue(queue, "a", 3);
        enqueue(queue, "b", 3);

        worker(queue, 2, Duration.ofMinutes(1), handler("a", (job) -> {
            ran.add("a" + job.payload());
            done.countDown();
        }), handler("b", (job) -> {
            ran.add("b" + job.payload());
            done.countDown();
        })).start();

        assertThat(done.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(ran).hasSize(6).contains("a{\"i\":0}", "b{\"i\":2}");
        awaitIdle();
        this.clock.advance(Duration.ofHours(1));
        assertThat(queue.claim(10, Duration.ofMinutes(1))).isEmpty();
        assertThat(this.listener.succeeded).hasValue(6);
    }

    @Test
    void noMoreThanTheConcurrencyRunAtOnce() throws Exception {
        InMemoryJobQueue queue = new InMemoryJobQueue(this.clock, JobRetryPolicy.defaults());
        AtomicInteger running = new AtomicInteger();
        AtomicInteger highest = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(12);
        enqueue(queue, "slow", 12);

        worker(queue, 3, Duration.ofMinutes(1), handler("slow", (job) -> {
            highest.accumulateAndGet(running.incrementAndGet(), Math::max);
            sleep(50);
            running.decrementAndGet();
            done.countDown();
        })).start();

        assertThat(done.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(highest).hasValue(3);
    }

    @Test
    void aFailingHandlerFailsTheAttemptAndTheLastAttemptEndsDead() throws Exception {
        InMemoryJobQueue queue = new InMemoryJobQueue(this.clock,
                new JobRetryPolicy(2, Duration.ofSeconds(10), Duration.ofSeconds(10)));
        enqueue(queue, "broken", 1);
        JobWorker worker = worker(queue, 1, Duration.ofMinutes(1), handler("broken", (job) -> {
            throw new IllegalStateException("attempt " + job.attempt() + " failed");
        }));
        worker.start();

        awaitCount(this.listener.failed, 1);
        assertThat(queue.counts()).isEqualTo(new JobCounts(1, 0));
        this.clock.advance(Duration.ofSeconds(13));
        awaitCount(this.listener.failed, 2);

        assertThat(this.listener.dead).hasValue(1);
        assertThat(queue.counts()).isEqualTo(new JobCounts(0, 1));
        assertThat(queue.deadLetters(1)).singleElement().satisfies((dead) -> assertThat(dead.lastError())
                .isEqualTo("java.lang.IllegalStateException: attempt 2 failed"));
    }

    @Test
    void aJobOfAnUnhandledTypeEndsInTheDeadLettersWithoutBlockingOthers() throws Exception {
        InMemoryJobQueue queue = new InMemoryJobQueue(this.clock,
                new JobRetryPolicy(1, Duration.ofSeconds(10), Duration.ofSeconds(10)));
        enqueue(queue, "unknown", 1);
        enqueue(queue, "known", 3);
        CountDownLatch known = new CountDownLatch(3);

        worker(queue, 1, Duration.ofMinutes(1), handler("known", (job) -> known.countDown())).start();

        assertThat(known.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        awaitCount(this.listener.dead, 1);
        assertThat(queue.deadLetters(1)).singleElement().satisfies((dead) -> assertThat(dead.lastError())
                .contains("No handler for job type unknown"));
    }

    @Test
    void stopWaitsForRunningJobsToFinish() throws Exception {
        InMemoryJobQueue queue = new InMemoryJobQueue(this.clock, JobRetryPolicy.defaults());
        CountDownLatch started = new CountDownLatch(1);
        enqueue(queue, "slow", 1);
        JobWorker worker = worker(queue, 1, Duration.ofMinutes(1), handler("slow", (job) -> {
            started.countDown();
            sleep(300);
        }));
        worker.start();
        assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        assertThat(worker.stop(WAIT)).isZero();

        assertThat(this.listener.succeeded).hasValue(1);
        assertThat(worker.isRunning()).isFalse();
        this.clock.advance(Duration.ofHours(1));
        assertThat(queue.claim(10, Duration.ofMinutes(1))).isEmpty();
    }

    @Test
    void jobsStillRunningAtTheTimeoutGoBackWithoutTheAttemptCounted() throws Exception {
        InMemoryJobQueue queue = new InMemoryJobQueue(this.clock, JobRetryPolicy.defaults());
        CountDownLatch started = new CountDownLatch(2);
        enqueue(queue, "stuck", 2);
        JobWorker worker = worker(queue, 2, Duration.ofMinutes(1), handler("stuck", (job) -> {
            started.countDown();
            sleep(30_000);
        }));
        worker.start();
        assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        assertThat(worker.stop(Duration.ofMillis(200))).isEqualTo(2);

        assertThat(this.listener.released).hasValue(2);
        assertThat(this.listener.succeeded).hasValue(0);
        assertThat(queue.claim(10, Duration.ofMinutes(1))).hasSize(2)
                .allSatisfy((job) -> assertThat(job.job().attempt()).isEqualTo(1));
    }

    @Test
    void theLeaseIsExtendedWhileAJobRuns() throws Exception {
        InMemoryJobQueue queue = new InMemoryJobQueue(Clock.systemUTC(), JobRetryPolicy.defaults());
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        enqueue(queue, "long", 1);
        worker(queue, 1, Duration.ofMillis(300), handler("long", (job) -> {
            started.countDown();
            await(release);
        })).start();
        assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        sleep(1000);
        assertThat(queue.claim(10, Duration.ofMinutes(1))).as("still leased after three leases").isEmpty();
        release.countDown();
        awaitCount(this.listener.succeeded, 1);
        assertThat(this.listener.leaseLost).hasValue(0);
    }

    @Test
    void twoHandlersOfOneTypeAreRefused() {
        InMemoryJobQueue queue = new InMemoryJobQueue(this.clock, JobRetryPolicy.defaults());

        assertThatIllegalArgumentException().isThrownBy(() -> worker(queue, 1, Duration.ofMinutes(1),
                handler("same", (job) -> { }), handler("same", (job) -> { })))
                .withMessageContaining("Two handlers for job type same");
    }

    private void awaitIdle() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (this.workers.stream().anyMatch((worker) -> worker.running() > 0) && System.nanoTime() < deadline) {
            sleep(10);
        }
    }

    private static void awaitCount(AtomicInteger counter, int expected) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (counter.get() < expected && System.nanoTime() < deadline) {
            sleep(10);
        }
        assertThat(counter).hasValue(expected);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** Counts what the worker reports. */
    private static final class RecordingListener implements JobListener {

        private final AtomicInteger succeeded = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();
        private final AtomicInteger dead = new AtomicInteger();
        private final AtomicInteger released = new AtomicInteger();
        private final AtomicInteger leaseLost = new AtomicInteger();

        @Override
        public void succeeded(Job job, Duration took) {
            this.succeeded.incrementAndGet();
        }

        @Override
        public void failed(Job job, RuntimeException error, boolean dead) {
            if (dead) {
                this.dead.incrementAndGet();
            }
            this.failed.incrementAndGet();
        }

        @Override
        public void released(Job job) {
            this.released.incrementAndGet();
        }

        @Override
        public void leaseLost(Job job) {
            this.leaseLost.incrementAndGet();
        }
    }
}
