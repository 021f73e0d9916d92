package io.saaskit.core.metering;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import io.saaskit.core.apikey.ApiKeyId;
import io.saaskit.core.memory.InMemoryUsageEventStore;
import io.saaskit.core.shared.ServiceUnavailableException;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.testing.ForwardingUsageEventStore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class UsageJournalTests {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.000001Z");

    private static final Period MARCH = new Period(Instant.parse("2026-03-01T00:00:00Z"),
            Instant.parse("2026-04-01T00:00:00Z"));

    private final OrgId org = new OrgId(UUID.randomUUID());

    @TempDir
    Path directory;

    @Test
    void appendedEventsReachTheStoreUnchanged() {
        InMemoryUsageEventStore store = new InMemoryUsageEventStore();
        try (UsageJournal journal = new UsageJournal(store, settings(64 * 1024, 1000, Duration.ofSeconds(10)))) {
            List<UsageEvent> events = List.of(routeEvent(this.org), routeEvent(this.org), clientEvent(this.org, "c-1"));
            events.forEach(journal::append);

            assertThat(journal.flush()).isTrue();
            assertThat(journal.backlog()).isZero();
            assertThat(store.sum(this.org, Metrics.API_REQUESTS, MARCH)).isEqualTo(2);
            assertThat(store.findByIdempotencyKey(this.org, "c-1")).contains(events.get(2));
        }
    }

    @Test
    void eventsOfManySegmentsAndThreadsAreShippedOnceEachAndTheirFilesDeleted() throws Exception {
        InMemoryUsageEventStore store = new InMemoryUsageEventStore();
        int threads = 8;
        int perThread = 1500;
        try (UsageJournal journal = new UsageJournal(store, settings(64 * 1024, 100, Duration.ofSeconds(10)))) {
            ExecutorService executor = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    done.add(executor.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            journal.append(routeEvent(this.org));
                        }
                    }));
                }
                for (Future<?> future : done) {
                    future.get(30, TimeUnit.SECONDS);
                }
            }
            finally {
                executor.shutdownNow();
            }

            assertThat(journal.flush()).isTrue();
            assertThat(store.sum(this.org, Metrics.API_REQUESTS, MARCH)).isEqualTo((long) threads * perThread);
            // 12,000 events of about 116 bytes took about 21 segments of 64 KiB; the shipped ones are gone.
            assertThat(segmentFiles()).hasSizeLessThanOrEqualTo(2);
        }
        assertThat(segmentFiles()).isEmpty();
    }

    @Test
    void whatAStoppedInstanceCouldNotShipIsShippedByTheNextOneAndItsDirectoryRemoved() {
        InMemoryUsageEventStore store = new InMemoryUsageEventStore();
        stopWithUnshipped(store, 500);
        assertThat(store.sum(this.org, Metrics.API_REQUESTS, MARCH)).isZero();
        assertThat(instanceDirectories()).hasSize(1);

        try (UsageJournal second = new UsageJournal(store, settings(64 * 1024, 1000, Duration.ofSeconds(10)))) {
            awaitTrue(() -> store.sum(this.org, Metrics.API_REQUESTS, MARCH) == 500);
            awaitTrue(() -> instanceDirectories().size() == 1);
        }
        assertThat(instanceDirectories()).isEmpty();
    }

    @Test
    void eventsAcknowledgedBeforeTheProcessIsKilledAreShippedAfterwards() throws Exception {
        InMemoryUsageEventStore store = new InMemoryUsageEventStore();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), KilledInstance.class.getName(), this.directory.toString(),
                this.org.toString(), "3000", store.storeId()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("appended");
        }
        finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }

        try (UsageJournal next = new UsageJournal(store, settings(64 * 1024, 1000, Duration.ofSeconds(10)))) {
            awaitTrue(() -> store.sum(this.org, Metrics.API_REQUESTS, MARCH) == 3000);
        }
    }

    @Test
    void aRecordTornByACrashIsSkippedAndTheRecordsAroundItShipped() throws IOException {
        InMemoryUsageEventStore store = new InMemoryUsageEventStore();
        SwitchableStore down = new SwitchableStore(store);
        down.available.set(false);
        UsageJournal first = new UsageJournal(down, settings(64 * 1024, 1000, Duration.ofMillis(200)));
        List<UsageEvent> events = List.of(routeEvent(this.org), routeEvent(this.org), routeEvent(this.org));
        events.forEach(first::append);
        first.close();
        Path segment = segmentFiles().get(0);
        int secondRecord = UsageJournalSegment.HEADER_BYTES + 8 + UsageEventCodec.encode(events.get(0)).length;
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(4).putInt(0, 0x0BADC0DE), secondRecord + 4);
        }

        try (UsageJournal second = new UsageJournal(store, settings(64 * 1024, 1000, Duration.ofSeconds(10)))) {
            awaitTrue(() -> instanceDirectories().size() == 1);
        }
        assertThat(store.sum(this.org, Metrics.API_REQUESTS, MARCH)).isEqualTo(2);
        assertThat(store.delete(this.org, events.get(1).id())).isFalse();
        assertThat(store.delete(this.org, events.get(2).id())).isTrue();
    }

    @Test
    void aDirectoryLeftByAnInstanceOfAnotherStoreWaitsForAnInstanceOfThatStore() {
        InMemoryUsageEventStore mine = new InMemoryUsageEventStore();
        InMemoryUsageEventStore theirs = new InMemoryUsageEventStore();
        stopWithUnshipped(theirs, 100);

        try (UsageJournal other = new UsageJournal(mine, settings(64 * 1024, 1000, Duration.ofSeconds(10)))) {
            other.append(routeEvent(this.org));
            assertThat(other.flush()).isTrue();
            assertThat(mine.sum(this.org, Metrics.API_REQUESTS, MARCH)).isEqualTo(1);
        }
        assertThat(instanceDirectories()).hasSize(1);

        try (UsageJournal next = new UsageJournal(theirs, settings(64 * 1024, 1000, Duration.ofSeconds(10)))) {
            awaitTrue(() -> theirs.sum(this.org, Metrics.API_REQUESTS, MARCH) == 100);
            awaitTrue(() -> instanceDirectories().size() == 1);
        }
        assertThat(instanceDirectories()).isEmpty();
        assertThat(mine.sum(this.org, Metrics.API_REQUESTS, MARCH)).isEqualTo(1);
    }

    @Test
    void aDirectoryWithAnEmptyStoreNoteIsShipped() throws IOException {
        InMemoryUsageEventStore store = new InMemoryUsageEventStore();
        stopWithUnshipped(store, 10);
        Files.writeString(instanceDirectories().get(0).resolve("store"), "");

        try (UsageJournal next = new UsageJournal(store, settings(64 * 1024, 1000, Duration.ofSeconds(10)))) {
            awaitTrue(() -> store.sum(this.org, Metrics.API_REQUESTS, MARCH) == 10);
        }
    }

    @Test
    void aDirectoryInUseByAnotherInstanceIsLeftAlone() {
        InMemoryUsageEventStore store = new InMemoryUsageEventStore();
        SwitchableStore down = new SwitchableStore(store);
        down.available.set(false);
        try (UsageJournal busy = new UsageJournal(down, settings(64 * 1024, 1000, Duration.ofMillis(200)));
                UsageJournal other = new UsageJournal(store, settings(64 * 1024, 1000, Duration.ofSeconds(10)))) {
            busy.append(routeEvent(this.org));
            other.append(routeEvent(this.org));

            assertThat(other.flush()).isTrue();
            assertThat(store.sum(this.org, Metrics.API_REQUESTS, MARCH)).isEqualTo(1);
            assertThat(busy.backlog()).isEqualTo(1);
        }
    }

    @Test
    void whileTheStoreIsDownFlushTimesOutAndTheEventsWaitForIt() {
        InMemoryUsageEventStore store = new InMemoryUsageEventStore();
        SwitchableStore flaky = new SwitchableStore(store);
        flaky.available.set(false);
        try (UsageJournal journal = new UsageJournal(flaky, settings(64 * 1024, 1000, Duration.ofMillis(300)))) {
            journal.append(routeEvent(this.org));
            journal.append(routeEvent(this.org));

            assertThat(journal.flush()).isFalse();
            assertThat(journal.backlog()).isEqualTo(2);

            flaky.available.set(true);
            awaitTrue(journal::flush);
            assertThat(store.sum(this.org, Metrics.API_REQUESTS, MARCH)).isEqualTo(2);
        }
    }

    @Test
    void filesAreForcedToTheDiskOnlyWhileShippingLags() throws InterruptedException {
        InMemoryUsageEventStore store = new InMemoryUsageEventStore();
        SwitchableStore flaky = new SwitchableStore(store);
        try (UsageJournal journal = new UsageJournal(flaky, settings(64 * 1024, 1000, Duration.ofSeconds(10)))) {
            for (int i = 0; i < 25; i++) {
                journal.append(routeEvent(this.org));
                Thread.sleep(100);
            }
            assertThat(journal.forces()).as("shipping keeps up").isZero();

            flaky.available.set(false);
            journal.append(routeEvent(this.org));
            awaitTrue(() -> journal.forces() > 0);

            flaky.available.set(true);
            awaitTrue(journal::flush);
            assertThat(store.sum(this.org, Metrics.API_REQUESTS, MARCH)).isEqualTo(26);
        }
    }

    @Test
    void aFullJournalRefusesEventsUntilTheStoreTakesThem() {
        InMemoryUsageEventStore store = new InMemoryUsageEventStore();
        SwitchableStore flaky = new SwitchableStore(store);
        flaky.available.set(false);
        UsageJournalSettings twoSegments = new UsageJournalSettings(this.directory, 64 * 1024, 2 * 64 * 1024, 1000,
                Duration.ofSeconds(10));
        try (UsageJournal journal = new UsageJournal(flaky, twoSegments)) {
            long accepted = 0;
            while (true) {
                try {
                    journal.append(routeEvent(this.org));
                    accepted++;
                }
                catch (ServiceUnavailableException full) {
                    break;
                }
            }
            assertThat(accepted).isBetween(1000L, 2 * 64 * 1024 / 80L);

            flaky.available.set(true);
            awaitTrue(journal::flush);
            assertThat(store.sum(this.org, Metrics.API_REQUESTS, MARCH)).isEqualTo(accepted);
            journal.append(routeEvent(this.org));
            assertThat(journal.flush()).isTrue();
        }
    }

    @Test
    void anEventTheStoreRefusesIsCountedAndSkippedWithoutHoldingUpTheOthers() {
        InMemoryUsageEventStore store = new InMemoryUsageEventStore();
        UsageEvent poisoned = routeEvent(this.org);
        ForwardingUsageEventStore refusing = new ForwardingUsageEventStore(store) {
            @Override
            public Set<UUID> insertBatch(List<UsageEvent> events) {
                if (events.contains(poisoned)) {
                    throw new RejectedUsageEventException();
                }
                return super.insertBatch(events);
            }
        };
        try (UsageJournal journal = new UsageJournal(refusing, settings(64 * 1024, 1000, Duration.ofSeconds(10)))) {
            journal.append(routeEvent(this.org));
            journal.append(poisoned);
            journal.append(routeEvent(this.org));

            assertThat(journal.flush()).isTrue();
            assertThat(journal.rejected()).isEqualTo(1);
            assertThat(store.sum(this.org, Metrics.API_REQUESTS, MARCH)).isEqualTo(2);
        }
    }

    @Test
    void aClosedJournalRefusesEvents() {
        UsageJournal journal = new UsageJournal(new InMemoryUsageEventStore(),
                settings(64 * 1024, 1000, Duration.ofSeconds(10)));
        journal.close();

        assertThatExceptionOfType(ServiceUnavailableException.class)
                .isThrownBy(() -> journal.append(routeEvent(this.org)));
    }

    private UsageJournalSettings settings(int segmentBytes, int maxBatch, Duration timeout) {
        return new UsageJournalSettings(this.directory, segmentBytes, 1024L * 1024 * 1024, maxBatch, timeout);
    }

    static UsageEvent routeEvent(OrgId org) {
        UUID id = UUID.randomUUID();
        return new UsageEvent(id, org, Metrics.API_REQUESTS, 1, NOW, NOW, new ApiKeyId(UUID.randomUUID()),
                "auto:" + id, null, "req", null);
    }

    static UsageEvent clientEvent(OrgId org, String key) {
        return new UsageEvent(UUID.randomUUID(), org, "emails.sent", 3, NOW, NOW, null, key, "ab".repeat(32),
                null, "{\"a\":1}");
    }

    /** Runs an instance of the store's journal that appends events while the store is down, and stops it. */
    private void stopWithUnshipped(InMemoryUsageEventStore store, int events) {
        SwitchableStore down = new SwitchableStore(store);
        down.available.set(false);
        UsageJournal stopped = new UsageJournal(down, settings(64 * 1024, 1000, Duration.ofMillis(200)));
        for (int i = 0; i < events; i++) {
            stopped.append(routeEvent(this.org));
        }
        stopped.close();
    }

    private List<Path> instanceDirectories() {
        try (Stream<Path> dirs = Files.list(this.directory)) {
            return dirs.filter(Files::isDirectory).toList();
        }
        catch (IOException ex) {
            throw new AssertionError(ex);
        }
    }

    private List<Path> segmentFiles() {
        try (Stream<Path> files = Files.walk(this.directory)) {
            return files.filter((file) -> file.getFileName().toString().startsWith("segment-")).sorted().toList();
        }
        catch (IOException ex) {
            throw new AssertionError(ex);
        }
    }

    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Condition not met within 20 s");
            }
            try {
                Thread.sleep(10);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new AssertionError(ex);
            }
        }
    }

    /** A store that fails every call as unreachable while switched off. */
    private static final class SwitchableStore extends ForwardingUsageEventStore {

        private final AtomicBoolean available = new AtomicBoolean(true);

        SwitchableStore(InMemoryUsageEventStore delegate) {
            super(delegate);
        }

        @Override
        public Set<UUID> insertBatch(List<UsageEvent> events) {
            if (!this.available.get()) {
                throw new ServiceUnavailableException(null);
            }
            return super.insertBatch(events);
        }
    }

    /**
     * The process {@link #eventsAcknowledgedBeforeTheProcessIsKilledAreShippedAfterwards} kills with SIGKILL: it
     * appends events to a journal whose store (of the id it is given) never answers, says so, and waits.
     */
    public static final class KilledInstance {

        private KilledInstance() {
        }

        public static void main(String[] args) throws InterruptedException {
            ForwardingUsageEventStore hanging = new ForwardingUsageEventStore(new InMemoryUsageEventStore()) {
                @Override
                public String storeId() {
                    return args[3];
                }

                @Override
                public Set<UUID> insertBatch(List<UsageEvent> events) {
                    try {
                        Thread.sleep(Long.MAX_VALUE);
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                    throw new ServiceUnavailableException(null);
                }
            };
            UsageJournal journal = new UsageJournal(hanging, UsageJournalSettings.defaults(Path.of(args[0])));
            OrgId org = OrgId.parse(args[1]).orElseThrow();
            for (int i = 0; i < Integer.parseInt(args[2]); i++) {
                journal.append(routeEvent(org));
            }
            System.out.println("appended");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
