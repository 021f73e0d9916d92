package io.saaskit.boot.web.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.saaskit.core.shared.port.ReadinessProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every {@link ReadinessProbe} in parallel, each bounded by a timeout, and reports each as {@code up} or
 * {@code down}. A probe that throws or overruns counts as down, so a hung dependency can never hang
 * {@code /ready}. Without a probe named {@code redis}, the report says {@code "redis":"disabled"}.
 */
public final class ReadinessChecks implements AutoCloseable {

    /** The value of a passing check. */
    public static final String UP = "up";

    /** The value of a failing check. */
    public static final String DOWN = "down";

    private static final String REDIS = "redis";

    private static final List<String> KNOWN_ORDER = List.of("database", REDIS, "migrations");

    private static final Logger logger = LoggerFactory.getLogger(ReadinessChecks.class);

    private final List<ReadinessProbe> probes;

    private final Duration timeout;

    private final ExecutorService executor = Executors.newCachedThreadPool(new DaemonThreads());

    /**
     * Creates the checks.
     * @param probes the probes
     * @param timeout the time each probe may take
     */
    public ReadinessChecks(List<ReadinessProbe> probes, Duration timeout) {
        this.probes = List.copyOf(probes);
        this.timeout = timeout;
    }

    /**
     * Runs every probe.
     * @return each probe's name and {@code up} or {@code down}, plus {@code redis: disabled} when there is no
     * Redis probe
     */
    public Map<String, String> run() {
        List<Future<Boolean>> futures = new ArrayList<>();
        for (ReadinessProbe probe : this.probes) {
            futures.add(this.executor.submit(() -> probe.isUp(this.timeout)));
        }
        long deadline = System.nanoTime() + this.timeout.toNanos();
        Map<String, String> results = new LinkedHashMap<>();
        for (int i = 0; i < this.probes.size(); i++) {
            String name = this.probes.get(i).name();
            results.put(name, outcome(name, futures.get(i), deadline) ? UP : DOWN);
        }
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
        return checks;
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
