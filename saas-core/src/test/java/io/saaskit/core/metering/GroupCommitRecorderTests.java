package io.saaskit.core.metering;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.saaskit.core.memory.InMemoryUsageEventStore;
import io.saaskit.core.shared.GroupCommitSettings;
import io.saaskit.core.shared.ServiceUnavailableException;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.testing.ForwardingUsageEventStore;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class GroupCommitRecorderTests {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final OrgId org = new OrgId(UUID.randomUUID());

    @Test
    void aRecordedEventIsInTheStoreWhenRecordReturns() {
        InMemoryUsageEventStore store = new InMemoryUsageEventStore();
        try (GroupCommitRecorder recorder = new GroupCommitRecorder(store, GroupCommitRecorder.defaultSettings())) {
            UsageEvent event = event("k1");

            assertThat(recorder.record(event)).isTrue();
            assertThat(store.findByIdempotencyKey(this.org, "k1")).contains(event);
        }
    }

    @Test
    void aTakenIdempotencyKeyIsReportedAsNotInserted() {
        InMemoryUsageEventStore store = new InMemoryUsageEventStore();
        try (GroupCommitRecorder recorder = new GroupCommitRecorder(store, GroupCommitRecorder.defaultSettings())) {
            recorder.record(event("same"));

            assertThat(recorder.record(event("same"))).isFalse();
        }
    }

    @Test
    void concurrentRequestsShareTransactions() throws Exception {
        CountingStore store = new CountingStore(Duration.ofMillis(20));
        GroupCommitSettings settings = new GroupCommitSettings(500, Duration.ZERO, 1, Duration.ofSeconds(10));
        int requests = 40;
        ExecutorService executor = Executors.newFixedThreadPool(requests);
        try (GroupCommitRecorder recorder = new GroupCommitRecorder(store, settings)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String key = "k" + i;
                outcomes.add(executor.submit(() -> {
                    start.await();
                    return recorder.record(event(key));
                }));
            }
            start.countDown();
            for (Future<Boolean> outcome : outcomes) {
                assertThat(outcome.get(30, TimeUnit.SECONDS)).isTrue();
            }
        }
        finally {
            executor.shutdownNow();
        }

        assertThat(store.events.get()).isEqualTo(requests);
        assertThat(store.batches.get()).as("batches for %d events", requests).isLessThan(requests / 2);
    }

    @Test
    void lingeringCollectsEventsThatArriveShortlyAfterTheFirst() throws Exception {
        CountingStore store = new CountingStore(Duration.ZERO);
        GroupCommitSettings settings = new GroupCommitSettings(500, Duration.ofMillis(300), 1, Duration.ofSeconds(10));
        try (GroupCommitRecorder recorder = new GroupCommitRecorder(store, settings)) {
            CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> recorder.record(event("a")));
            Thread.sleep(50);
            CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> recorder.record(event("b")));

            assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(second.get(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(store.batches.get()).isEqualTo(1);
    }

    @Test
    void aFailedBatchFailsEveryRequestInIt() {
        ForwardingUsageEventStore failing = new ForwardingUsageEventStore(new InMemoryUsageEventStore()) {
            @Override
            public Set<UUID> insertBatch(List<UsageEvent> events) {
                throw new IllegalStateException("disk full");
            }
        };
        try (GroupCommitRecorder recorder = new GroupCommitRecorder(failing, GroupCommitRecorder.defaultSettings())) {
            assertThatExceptionOfType(ServiceUnavailableException.class).isThrownBy(() -> recorder.record(event("x")))
                    .satisfies((ex) -> assertThat(ex.getCause()).hasMessage("disk full"));
        }
    }

    @Test
    void anEventTheStoreRefusesFailsOnlyItsOwnRequestNotTheRestOfItsBatch() throws Exception {
        InMemoryUsageEventStore backing = new InMemoryUsageEventStore();
        ForwardingUsageEventStore refusingBad = new ForwardingUsageEventStore(backing) {
            @Override
            public Set<UUID> insertBatch(List<UsageEvent> events) {
                if (events.stream().anyMatch((e) -> e.idempotencyKey().equals("bad"))) {
                    throw new RejectedUsageEventException();
                }
                return super.insertBatch(events);
            }
        };
        GroupCommitSettings settings = new GroupCommitSettings(500, Duration.ofMillis(200), 1, Duration.ofSeconds(10));
        try (GroupCommitRecorder recorder = new GroupCommitRecorder(refusingBad, settings)) {
            CompletableFuture<Boolean> good = CompletableFuture.supplyAsync(() -> recorder.record(event("good")));
            CompletableFuture<Boolean> bad = CompletableFuture.supplyAsync(() -> recorder.record(event("bad")));
            CompletableFuture<Boolean> other = CompletableFuture.supplyAsync(() -> recorder.record(event("other")));

            assertThat(good.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(other.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(bad).failsWithin(Duration.ofSeconds(10))
                    .withThrowableThat().havingCause().isInstanceOf(RejectedUsageEventException.class);
        }
        assertThat(backing.findByIdempotencyKey(this.org, "good")).isPresent();
        assertThat(backing.findByIdempotencyKey(this.org, "other")).isPresent();
        assertThat(backing.findByIdempotencyKey(this.org, "bad")).isEmpty();
    }

    @Test
    void anEventNotTakenBeforeTheTimeoutIsWithdrawnAndNeverWritten() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch firstBatchStarted = new CountDownLatch(1);
        InMemoryUsageEventStore backing = new InMemoryUsageEventStore();
        ForwardingUsageEventStore stalling = new ForwardingUsageEventStore(backing) {
            @Override
            public Set<UUID> insertBatch(List<UsageEvent> events) {
                firstBatchStarted.countDown();
                await(release);
                return super.insertBatch(events);
            }
        };
        GroupCommitSettings settings = new GroupCommitSettings(1, Duration.ZERO, 1, Duration.ofMillis(200));
        try (GroupCommitRecorder recorder = new GroupCommitRecorder(stalling, settings)) {
            CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> recorder.record(event("first")));
            assertThat(firstBatchStarted.await(10, TimeUnit.SECONDS)).isTrue();

            assertThatExceptionOfType(ServiceUnavailableException.class)
                    .isThrownBy(() -> recorder.record(event("late")));
            release.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS)).as("taken before the timeout: waits for its outcome")
                    .isTrue();
        }
        assertThat(backing.findByIdempotencyKey(this.org, "late")).isEmpty();
        assertThat(backing.findByIdempotencyKey(this.org, "first")).isPresent();
    }

    @Test
    void closeWritesQueuedEventsAndRefusesNewOnes() {
        InMemoryUsageEventStore store = new InMemoryUsageEventStore();
        GroupCommitRecorder recorder = new GroupCommitRecorder(store, GroupCommitRecorder.defaultSettings());
        recorder.record(event("before"));

        recorder.close();

        assertThat(store.findByIdempotencyKey(this.org, "before")).isPresent();
        assertThatExceptionOfType(ServiceUnavailableException.class).isThrownBy(() -> recorder.record(event("after")));
    }

    @Test
    void settingsAreChecked() {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new GroupCommitSettings(0, Duration.ZERO, 1, Duration.ofSeconds(1)));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new GroupCommitSettings(1, Duration.ofMillis(-1), 1, Duration.ofSeconds(1)));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new GroupCommitSettings(1, Duration.ZERO, 1, Duration.ZERO));
    }

    /** A client event, the kind a store finds by its idempotency key. */
    private UsageEvent event(String key) {
        return new UsageEvent(UUID.randomUUID(), this.org, "emails.sent", 1, NOW, NOW, null, key, "ab".repeat(32), null,
                null);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** Counts batches and events, taking a while per batch as a database would. */
    private static final class CountingStore extends ForwardingUsageEventStore {

        private final AtomicInteger batches = new AtomicInteger();

        private final AtomicInteger events = new AtomicInteger();

        private final Duration perBatch;

        CountingStore(Duration perBatch) {
            super(new InMemoryUsageEventStore());
            this.perBatch = perBatch;
        }

        @Override
        public Set<UUID> insertBatch(List<UsageEvent> batch) {
            this.batches.incrementAndGet();
            this.events.addAndGet(batch.size());
            try {
                Thread.sleep(this.perBatch.toMillis());
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            return super.insertBatch(batch);
        }
    }
}
