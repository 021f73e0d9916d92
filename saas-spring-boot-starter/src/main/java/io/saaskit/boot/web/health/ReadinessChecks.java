package io.saaskit.boot.web.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.saaskit.core.shared.port.ReadinessProbe;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every {@link ReadinessProbe} in parallel, each bounded by a timeout, and reports each as {@code up} or
 * {@code down}. A probe that throws or overruns counts as down, so a hung dependency can never hang
 * {@code /ready}. Without a probe named {@code redis}, the report says {@code "redis":"disabled"}.
 *
 * <p>{@code /ready} is public, so a flood of calls must not multiply the work: concurrent callers share one
 * in-flight run, and its report is reused for a short while (one second by default). The probes run on a small
 * executor of daemon threads, at most two per probe (a hung probe holds its thread past the timeout, so the next
 * run still finds free ones); when even those are taken the probe counts as down. The timeout lives here alone:
 * probes may be plain blocking checks. {@link #close()} (called when the application context closes) stops the
 * threads.
 */
public final class ReadinessChecks implements AutoCloseable {

    /** The value of a passing check. */
    public static final String UP = "up";

    /** The value of a failing check. */
    public static final String DOWN = "down";

    private static final String REDIS = "redis";

    private static final List<String> KNOWN_ORDER = List.of("database", REDIS, "migrations");

    /** How long a report is reused unless told otherwise. */
    public static final Duration DEFAULT_REUSE = Duration.ofSeconds(1);

    private static final Logger logger = LoggerFactory.getLogger(ReadinessChecks.class);

    private final List<ReadinessProbe> probes;

    private final Duration timeout;

    private final long reuseNanos;

    private final ThreadPoolExecutor executor;

    private final Object lock = new Object();

    private @Nullable Map<String, String> lastReport;

    private long lastReportAt;

    private @Nullable CompletableFuture<Map<String, String>> inFlight;

    /**
     * Creates the checks, reusing each report for {@link #DEFAULT_REUSE}.
     * @param probes the probes
     * @param timeout the time each probe may take
     */
    public ReadinessChecks(List<ReadinessProbe> probes, Duration timeout) {
        this(probes, timeout, DEFAULT_REUSE);
    }

    /**
     * Creates the checks.
     * @param probes the probes
     * @param timeout the time each probe may take
     * @param reuseFor how long a report answers later calls ({@link Duration#ZERO} to run the probes for every
     * call that does not overlap a running one)
     */
    public ReadinessChecks(List<ReadinessProbe> probes, Duration timeout, Duration reuseFor) {
        this.probes = List.copyOf(probes);
        this.timeout = timeout;
        this.reuseNanos = reuseFor.toNanos();
        int threads = maxThreads(this.probes.size());
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                new DaemonThreads());
        this.executor.allowCoreThreadTimeOut(true);
    }

    /**
     * The most threads the probes of a set of checks ever use.
     * @param probeCount how many probes there are
     * @return the bound
     */
    public static int maxThreads(int probeCount) {
        return Math.max(1, probeCount) * 2;
    }

    /**
     * Reports every probe: the recent report when there is one, else the outcome of the run in flight, else of a
     * new run.
     * @return each probe's name and {@code up} or {@code down}, plus {@code redis: disabled} when there is no
     * Redis probe
     */
    public Map<String, String> run() {
        CompletableFuture<Map<String, String>> shared;
        boolean leader = false;
        synchronized (this.lock) {
            Map<String, String> recent = this.lastReport;
            if (recent != null && System.nanoTime() - this.lastReportAt < this.reuseNanos) {
                return recent;
            }
            if (this.inFlight == null) {
                this.inFlight = new CompletableFuture<>();
                leader = true;
            }
            shared = this.inFlight;
        }
        return leader ? lead(shared) : follow(shared);
    }

    private Map<String, String> lead(CompletableFuture<Map<String, String>> shared) {
        Map<String, String> report = allDown();
        try {
            report = runProbes();
            return report;
        }
        finally {
            synchronized (this.lock) {
                this.lastReport = report;
                this.lastReportAt = System.nanoTime();
                this.inFlight = null;
            }
            shared.complete(report);
        }
    }

    private Map<String, String> follow(CompletableFuture<Map<String, String>> shared) {
        try {
            // The leader's run is bounded by the timeout; the margin only guards against the unforeseen.
            return shared.get(this.timeout.toNanos() + TimeUnit.SECONDS.toNanos(1), TimeUnit.NANOSECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return allDown();
        }
        catch (ExecutionException | TimeoutException ex) {
            return allDown();
        }
    }

    private Map<String, String> allDown() {
        Map<String, String> results = new LinkedHashMap<>();
        this.probes.forEach((probe) -> results.put(probe.name(), DOWN));
        return ordered(results);
    }

    private Map<String, String> runProbes() {
        List<@Nullable Future<Boolean>> futures = new ArrayList<>();
        for (ReadinessProbe probe : this.probes) {
            futures.add(submit(probe));
        }
        long deadline = System.nanoTime() + this.timeout.toNanos();
        Map<String, String> results = new LinkedHashMap<>();
        for (int i = 0; i < this.probes.size(); i++) {
            String name = this.probes.get(i).name();
            @Nullable Future<Boolean> future = futures.get(i);
            results.put(name, (future != null && outcome(name, future, deadline)) ? UP : DOWN);
        }
        return ordered(results);
    }

    private @Nullable Future<Boolean> submit(ReadinessProbe probe) {
        try {
            return this.executor.submit(() -> probe.isUp(this.timeout));
        }
        catch (RejectedExecutionException ex) {
            if (!this.executor.isShutdown()) {
                logger.warn("Readiness check {} could not start: earlier checks still hold every readiness thread",
                        probe.name());
            }
            return null;
        }
    }

    private static Map<String, String> ordered(Map<String, String> results) {
        Map<String, String> checks = new LinkedHashMap<>();
        for (String known : KNOWN_ORDER) {
            String result = results.remove(known);
            if (result != null) {
                checks.put(known, result);
            }
            else if (known.equals(REDIS)) {
                checks.put(REDIS, "disabled");
            }
        }
        checks.putAll(results);
        // Shared by every caller until it expires.
        return Collections.unmodifiableMap(checks);
    }

    /**
     * Whether every check in a report passed.
     * @param checks a report from {@link #run()}
     * @return true when nothing is down
     */
    public static boolean allUp(Map<String, String> checks) {
        return !checks.containsValue(DOWN);
    }

    private static boolean outcome(String name, Future<Boolean> future, long deadline) {
        try {
            long remaining = Math.max(0, deadline - System.nanoTime());
            return Boolean.TRUE.equals(future.get(remaining, TimeUnit.NANOSECONDS));
        }
        catch (TimeoutException ex) {
            future.cancel(true);
            logger.warn("Readiness check {} timed out", name);
            return false;
        }
        catch (ExecutionException ex) {
            logger.warn("Readiness check {} failed", name, ex.getCause());
            return false;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        this.executor.shutdownNow();
    }

    /** Names the probe threads and keeps them from holding the JVM open. */
    private static final class DaemonThreads implements ThreadFactory {

        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "saaskit-readiness-" + this.count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
