package io.saaskit.boot.web.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.saaskit.core.shared.port.ReadinessProbe;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadinessChecksTests {

    @Test
    void knownChecksComeFirstAndRedisIsDisabledWhenAbsent() {
        try (ReadinessChecks checks = new ReadinessChecks(
                List.of(probe("migrations", true), probe("custom", true), probe("database", true)),
                Duration.ofSeconds(2))) {
            Map<String, String> result = checks.run();

            assertThat(result).containsExactly(Map.entry("database", "up"), Map.entry("redis", "disabled"),
                    Map.entry("migrations", "up"), Map.entry("custom", "up"));
            assertThat(ReadinessChecks.allUp(result)).isTrue();
        }
    }

    @Test
    void aFailingOrThrowingProbeIsDown() {
        ReadinessProbe throwing = new ReadinessProbe() {

            @Override
            public String name() {
                return "redis";
            }

            @Override
            public boolean isUp(Duration timeout) {
                throw new IllegalStateException("boom");
            }
        };
        try (ReadinessChecks checks = new ReadinessChecks(List.of(probe("database", false), throwing),
                Duration.ofSeconds(2))) {
            Map<String, String> result = checks.run();

            assertThat(result).containsEntry("database", "down").containsEntry("redis", "down");
            assertThat(ReadinessChecks.allUp(result)).isFalse();
        }
    }

    @Test
    void aHangingProbeIsDownAfterTheTimeout() {
        ReadinessProbe hanging = new ReadinessProbe() {

            @Override
            public String name() {
                return "database";
            }

            @Override
            public boolean isUp(Duration timeout) {
                try {
                    Thread.sleep(10_000);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                return true;
            }
        };
        try (ReadinessChecks checks = new ReadinessChecks(List.of(hanging, probe("migrations", true)),
                Duration.ofMillis(200))) {
            long start = System.nanoTime();

            Map<String, String> result = checks.run();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(result).containsEntry("database", "down").containsEntry("migrations", "up");
        }
    }

    @Test
    void concurrentCallersShareOneRun() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        ReadinessProbe slow = counting("database", runs, Duration.ofMillis(300));
        int callers = 40;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try (ReadinessChecks checks = new ReadinessChecks(List.of(slow), Duration.ofSeconds(2), Duration.ZERO)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Map<String, String>>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return checks.run();
                }));
            }
            start.countDown();
            for (Future<Map<String, String>> result : results) {
                assertThat(result.get(5, TimeUnit.SECONDS)).containsEntry("database", "up");
            }
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(runs.get()).as("probe runs for %d simultaneous callers", callers).isLessThanOrEqualTo(2);
    }

    @Test
    void aReportIsReusedForTheConfiguredTimeThenRefreshed() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        AtomicBoolean up = new AtomicBoolean(true);
        ReadinessProbe switchable = new ReadinessProbe() {

            @Override
            public String name() {
                return "database";
            }

            @Override
            public boolean isUp(Duration timeout) {
                runs.incrementAndGet();
                return up.get();
            }
        };
        try (ReadinessChecks checks = new ReadinessChecks(List.of(switchable), Duration.ofSeconds(2),
                Duration.ofMillis(300))) {
            Map<String, String> first = checks.run();
            up.set(false);
            Map<String, String> reused = checks.run();
            Thread.sleep(400);
            Map<String, String> refreshed = checks.run();

            assertThat(first).containsEntry("database", "up");
            assertThat(reused).containsEntry("database", "up");
            assertThat(refreshed).containsEntry("database", "down");
            assertThat(runs.get()).isEqualTo(2);
        }
    }

    @Test
    void hangingProbesNeverHoldMoreThanTheBoundedThreads() {
        ReadinessProbe hanging = new ReadinessProbe() {

            @Override
            public String name() {
                return "database";
            }

            @Override
            public boolean isUp(Duration timeout) {
                // Ignores interrupts, like a thread blocked in socket I/O.
                long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
                    try {
                        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(left) + 1);
                    }
                    catch (InterruptedException ex) {
                        // keep hanging
                    }
                }
                return true;
            }
        };
        Set<Thread> before = readinessThreads();
        try (ReadinessChecks checks = new ReadinessChecks(List.of(hanging, probe("migrations", true)),
                Duration.ofMillis(50), Duration.ZERO)) {
            long start = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                assertThat(checks.run()).containsEntry("database", "down");
            }

            assertThat(newSince(before)).hasSizeLessThanOrEqualTo(ReadinessChecks.maxThreads(2));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void closingStopsTheThreads() throws InterruptedException {
        Set<Thread> before = readinessThreads();
        ReadinessChecks checks = new ReadinessChecks(List.of(probe("database", true), probe("migrations", true)),
                Duration.ofSeconds(2), Duration.ZERO);
        checks.run();
        Set<Thread> threads = newSince(before);

        checks.close();

        assertThat(threads).isNotEmpty();
        for (Thread thread : threads) {
            thread.join(2000);
            assertThat(thread.isAlive()).as(thread.getName()).isFalse();
        }
        assertThat(checks.run()).containsEntry("database", "down");
    }

    private static Set<Thread> readinessThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter((thread) -> thread.getName().startsWith("saaskit-readiness-") && thread.isAlive())
                .collect(Collectors.toCollection(HashSet::new));
    }

    private static Set<Thread> newSince(Set<Thread> before) {
        Set<Thread> threads = readinessThreads();
        threads.removeAll(before);
        return threads;
    }

    private static ReadinessProbe counting(String name, AtomicInteger runs, Duration delay) {
        return new ReadinessProbe() {

            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean isUp(Duration timeout) {
                runs.incrementAndGet();
                try {
                    Thread.sleep(delay.toMillis());
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                return true;
            }
        };
    }

    private static ReadinessProbe probe(String name, boolean up) {
        return new ReadinessProbe() {

            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean isUp(Duration timeout) {
                return up;
            }
        };
    }
}
