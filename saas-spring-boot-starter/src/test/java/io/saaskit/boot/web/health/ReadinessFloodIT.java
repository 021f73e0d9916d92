package io.saaskit.boot.web.health;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.saaskit.boot.web.testing.RunningApp;
import io.saaskit.core.shared.port.ReadinessProbe;
import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /ready} under a flood of unauthenticated calls, with the real PostgreSQL probes plus one that counts its
 * runs: every call is answered 200 while the database is healthy, the probes run a handful of times rather than
 * once per call, and no threads pile up (only the bounded readiness executor, stopped when the application closes).
 */
class ReadinessFloodIT {

    private static final int CALLS = 200;

    private static final AtomicInteger COUNTED_RUNS = new AtomicInteger();

    @Test
    void aFloodOfParallelCallsIsAnsweredFromSharedBoundedChecks() throws Exception {
        Set<Thread> readinessThreads;
        try (RunningApp app = RunningApp.startWith(new Class<?>[] { CountingProbeConfiguration.class })) {
            int port = ((WebServerApplicationContext) app.context()).getWebServer().getPort();
            assertThat(app.http().get("/ready").send().status()).isEqualTo(200);
            Map<String, Integer> threadsBefore = threadsByKind();
            int jvmThreadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            int runsBefore = COUNTED_RUNS.get();

            long start = System.nanoTime();
            List<Integer> statuses = flood(port);
            long elapsedSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

            Map<String, Integer> threadsAfter = threadsByKind();
            int jvmThreadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
            readinessThreads = readinessThreads();
            assertThat(statuses).hasSize(CALLS).containsOnly(200);
            assertThat(COUNTED_RUNS.get() - runsBefore).as("probe runs for %d calls in %ds", CALLS, elapsedSeconds)
                    .isLessThanOrEqualTo((int) elapsedSeconds + 2);
            assertThat(readinessThreads).as("readiness threads")
                    .hasSizeLessThanOrEqualTo(ReadinessChecks.maxThreads(3));
            assertThat(delta(threadsBefore, threadsAfter, "other"))
                    .as("threads other than the server's workers, %s before, %s after", threadsBefore, threadsAfter)
                    .isLessThanOrEqualTo(ReadinessChecks.maxThreads(3));
            // The server's worker pool may grow to serve 200 connections and the test's client has its threads;
            // nothing else grows with the calls.
            assertThat(jvmThreadsAfter - jvmThreadsBefore - delta(threadsBefore, threadsAfter, "server")
                    - delta(threadsBefore, threadsAfter, "client")).as("JVM thread count growth")
                    .isLessThanOrEqualTo(ReadinessChecks.maxThreads(3));
        }
        for (Thread thread : readinessThreads) {
            thread.join(5000);
            assertThat(thread.isAlive()).as("%s after the application closed", thread.getName()).isFalse();
        }
    }

    private static List<Integer> flood(int port) throws Exception {
        ExecutorService clientThreads = Executors.newFixedThreadPool(4, (task) -> {
            Thread thread = new Thread(task, "flood-client");
            thread.setDaemon(true);
            return thread;
        });
        try {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientThreads)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready"))
                    .timeout(Duration.ofSeconds(30)).build();
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                calls.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                        .thenApply(HttpResponse::statusCode));
            }
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<Integer> call : calls) {
                statuses.add(call.get(60, TimeUnit.SECONDS));
            }
            return statuses;
        }
        finally {
            clientThreads.shutdownNow();
        }
    }

    private static int delta(Map<String, Integer> before, Map<String, Integer> after, String kind) {
        return after.getOrDefault(kind, 0) - before.getOrDefault(kind, 0);
    }

    private static Set<Thread> readinessThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter((thread) -> thread.isAlive() && thread.getName().startsWith("saaskit-readiness"))
                .collect(Collectors.toCollection(HashSet::new));
    }

    /** Live threads by kind: the server's request workers, the test's HTTP client, and everything else. */
    private static Map<String, Integer> threadsByKind() {
        Function<Thread, String> kind = (thread) -> {
            String name = thread.getName();
            if (name.startsWith("http-nio-") && name.contains("-exec-")) {
                return "server";
            }
            return (name.startsWith("flood-client") || name.startsWith("HttpClient-")) ? "client" : "other";
        };
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .collect(Collectors.groupingBy(kind, Collectors.summingInt((thread) -> 1)));
    }

    /** A third probe that counts how often the readiness checks actually run. */
    @Configuration(proxyBeanMethods = false)
    static class CountingProbeConfiguration {

        @Bean
        ReadinessProbe countingProbe() {
            return new ReadinessProbe() {

                @Override
                public String name() {
                    return "counted";
                }

                @Override
                public boolean isUp(Duration timeout) {
                    COUNTED_RUNS.incrementAndGet();
                    return true;
                }
            };
        }
    }
}
