package io.saaskit.core.ratelimit;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.saaskit.core.ratelimit.port.RateLimiter;

/**
 * A {@link RateLimiter} that counts hits locally and reconciles them with a shared limiter at a fixed interval, so
 * that a hot bucket costs the shared store one round trip per interval instead of one per hit. Meant for the
 * metered {@code api_key} scope; the auth scopes stay exact per attempt on the shared limiter.
 *
 * <p>Per bucket it keeps the last count known from the shared store, the reset time of that window and the hits
 * admitted here since the last sync. A hit is admitted locally while {@code sharedCount + unsynced + 1 < limit}; the
 * hit that would take the last unit of the window goes to the shared store synchronously, carrying the unsynced
 * hits with it, so a bucket near its limit is decided on the shared count and not on a stale local one. A
 * background daemon thread, every {@code syncInterval}, pushes each bucket's unsynced hits with one multi-hit call
 * ({@link RateLimiter#hit(RateLimitRule, String, long)}) and takes the count it returns as the new shared count. A
 * bucket seen for the first time, whose window has ended, or idle for a whole interval is synced synchronously on
 * its next hit: the first hit of a window costs one round trip and opens the window in the shared store. The
 * bucket's other hits wait for that first answer, so no hit is decided locally on a count that misses hits the
 * shared store took meanwhile.
 *
 * <p><b>Bound.</b> On one instance nothing else writes the shared counts, so the limit holds exactly. With N
 * instances, each admits at most {@code limit - (the shared count it last saw)}, so in one window the hits admitted
 * beyond the limit are at most the hits the other instances admitted between two syncs of this one (at most one
 * interval plus one round trip), and never more than {@code (N - 1) * limit}.
 *
 * <p><b>Outages.</b> A synchronous sync fails as the wrapped limiter does (fail open: admitted; fail closed:
 * {@link io.saaskit.core.shared.ServiceUnavailableException}). When a background push fails, the bucket is dropped
 * (its unsynced hits are not counted in the shared store) and its next hit syncs synchronously, so it fails the same
 * way.
 */
public final class ReconcilingRateLimiter implements RateLimiter, AutoCloseable {

    private static final System.Logger logger = System.getLogger(ReconcilingRateLimiter.class.getName());

    /** Marks a hit that would take the last unit of a window: the shared store decides it. */
    private static final RateLimitDecision NEAR_LIMIT =
            new RateLimitDecision.Limited(new RateLimitRule("near-limit", 1, Duration.ofSeconds(1)), Duration.ZERO);

    private final RateLimiter shared;

    private final Clock clock;

    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private final ScheduledExecutorService syncer;

    /**
     * Creates the limiter and starts its sync thread.
     * @param shared the shared limiter the counts are reconciled with
     * @param clock the clock the local windows are measured on
     * @param syncInterval how often unsynced hits are pushed; positive
     */
    public ReconcilingRateLimiter(RateLimiter shared, Clock clock, Duration syncInterval) {
        this.shared = Objects.requireNonNull(shared, "shared");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (syncInterval.isZero() || syncInterval.isNegative()) {
            throw new IllegalArgumentException("syncInterval must be positive");
        }
        this.syncer = Executors.newSingleThreadScheduledExecutor((task) -> {
            Thread thread = new Thread(task, "saaskit-rate-limit-sync");
            thread.setDaemon(true);
            return thread;
        });
        long nanos = syncInterval.toNanos();
        this.syncer.scheduleWithFixedDelay(this::syncQuietly, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public RateLimitDecision hit(RateLimitRule rule, String bucketKey) {
        while (true) {
            Instant now = this.clock.instant();
            Bucket bucket = this.buckets.get(bucketKey);
            if (bucket == null) {
                Bucket fresh = new Bucket(rule);
                bucket = this.buckets.putIfAbsent(bucketKey, fresh);
                if (bucket == null) {
                    return open(fresh, rule, bucketKey, now);
                }
            }
            bucket.awaitOpen();
            RateLimitDecision decision = bucket.tryLocal(rule, now);
            if (decision == NEAR_LIMIT) {
                return flushHit(bucket, rule, bucketKey, now);
            }
            if (decision != null) {
                return decision;
            }
            // retired or window over: the bucket is (being) replaced, go to the shared store
            this.buckets.remove(bucketKey, bucket);
        }
    }

    /**
     * Passes a batch straight to the shared limiter (hits counted elsewhere are not reconciled locally).
     */
    @Override
    public RateLimitDecision hit(RateLimitRule rule, String bucketKey, long hits) {
        return this.shared.hit(rule, bucketKey, hits);
    }

    /**
     * Pushes every bucket's unsynced hits to the shared limiter now and refreshes the shared counts; the sync
     * thread calls it every interval. Buckets whose window has ended or that saw no hit since the last sync are
     * dropped.
     */
    public void sync() {
        for (Map.Entry<String, Bucket> entry : this.buckets.entrySet()) {
            Bucket bucket = entry.getValue();
            long hits = bucket.takeUnsynced(this.clock.instant());
            if (hits < 0) {
                this.buckets.remove(entry.getKey(), bucket);
                continue;
            }
            if (hits == 0) {
                continue;
            }
            Instant now = this.clock.instant();
            RateLimitDecision decision;
            try {
                decision = this.shared.hit(bucket.rule(), entry.getKey(), hits);
            }
            catch (RuntimeException ex) {
                bucket.retire();
                this.buckets.remove(entry.getKey(), bucket);
                logger.log(Level.WARNING, "Rate-limit sync failed (" + ex.getClass().getSimpleName()
                        + "); the next hit of the bucket goes to the shared store");
                continue;
            }
            bucket.synced(hits, decision, now);
        }
    }

    /**
     * Stops the sync thread after a last sync.
     */
    @Override
    public void close() {
        this.syncer.shutdown();
        try {
            this.syncer.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        syncQuietly();
    }

    private void syncQuietly() {
        try {
            sync();
        }
        catch (RuntimeException ex) {
            logger.log(Level.WARNING, "Rate-limit sync failed: " + ex.getClass().getSimpleName());
        }
    }

    /**
     * The first hit of a bucket goes to the shared store, which opens or reports the window; the bucket's other hits
     * wait for that answer, so they are decided on a count that includes every hit the store has taken.
     */
    private RateLimitDecision open(Bucket bucket, RateLimitRule rule, String bucketKey, Instant now) {
        try {
            RateLimitDecision decision = this.shared.hit(rule, bucketKey, 1);
            bucket.open(sharedCount(rule, decision), now.plus(decision.resetAfter()));
            return decision;
        }
        catch (RuntimeException ex) {
            bucket.retire();
            this.buckets.remove(bucketKey, bucket);
            throw ex;
        }
        finally {
            bucket.opened.countDown();
        }
    }

    /**
     * Pushes the bucket's unsynced hits together with this one and decides this hit on the shared answer.
     */
    private RateLimitDecision flushHit(Bucket bucket, RateLimitRule rule, String bucketKey, Instant now) {
        long hits = bucket.takeForFlush();
        RateLimitDecision decision;
        try {
            decision = this.shared.hit(rule, bucketKey, hits);
        }
        catch (RuntimeException ex) {
            bucket.retire();
            this.buckets.remove(bucketKey, bucket);
            throw ex;
        }
        bucket.synced(hits, decision, now);
        return decision;
    }

    private static long sharedCount(RateLimitRule rule, RateLimitDecision decision) {
        if (decision instanceof RateLimitDecision.Allowed allowed) {
            return rule.limit() - allowed.remaining();
        }
        return rule.limit();
    }

    /** The local view of one bucket; every method holds the bucket's lock. */
    private static final class Bucket {

        private RateLimitRule rule;

        private long sharedCount;

        private Instant resetAt;

        /** Admitted here, not yet pushed. */
        private long unsynced;

        /** Pushed, not yet acknowledged: counted locally until the push returns. */
        private long inFlight;

        private boolean active = true;

        private boolean retired;

        /** Released once the first hit's answer (or failure) is in; no hit is decided locally before. */
        private final CountDownLatch opened = new CountDownLatch(1);

        /** A bucket whose window the shared store opens (or reports) on its first hit. */
        Bucket(RateLimitRule rule) {
            this.rule = rule;
            this.resetAt = Instant.MAX;
        }

        /** Waits for the first hit's answer; it comes within the shared store's own timeout. */
        void awaitOpen() {
            boolean interrupted = false;
            while (true) {
                try {
                    this.opened.await();
                    break;
                }
                catch (InterruptedException ex) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized void open(long count, Instant resetAt) {
            this.sharedCount = count;
            this.resetAt = resetAt;
        }

        synchronized RateLimitRule rule() {
            return this.rule;
        }

        /** The local decision, or null when the bucket cannot decide (retired, or its window is over). */
        synchronized RateLimitDecision tryLocal(RateLimitRule rule, Instant now) {
            if (this.retired || !this.resetAt.isAfter(now)) {
                this.retired = true;
                return null;
            }
            this.rule = rule;
            this.active = true;
            Duration resetAfter = Duration.between(now, this.resetAt);
            long counted = this.sharedCount + this.inFlight + this.unsynced;
            if (counted >= rule.limit()) {
                return new RateLimitDecision.Limited(rule, resetAfter);
            }
            if (counted + 1 >= rule.limit()) {
                return NEAR_LIMIT;
            }
            this.unsynced++;
            return new RateLimitDecision.Allowed(rule, rule.limit() - counted - 1, resetAfter);
        }

        /**
         * Takes the hits to push; -1 when the bucket is dropped (window over, or no hit since the last sync and none
         * in flight). A bucket whose last-unit push is still on its way stays: a new bucket would open on a shared
         * count that misses the hits of that push, and admit them again.
         */
        synchronized long takeUnsynced(Instant now) {
            if (this.retired || !this.resetAt.isAfter(now)
                    || (!this.active && this.unsynced == 0 && this.inFlight == 0)) {
                this.retired = true;
                return -1;
            }
            this.active = false;
            long hits = this.unsynced;
            this.inFlight += hits;
            this.unsynced = 0;
            return hits;
        }

        /** Takes the unsynced hits plus the current one, for a synchronous push. */
        synchronized long takeForFlush() {
            long hits = this.unsynced + 1;
            this.inFlight += hits;
            this.unsynced = 0;
            return hits;
        }

        synchronized void synced(long hits, RateLimitDecision decision, Instant now) {
            this.inFlight -= hits;
            observe(this.rule, sharedCount(this.rule, decision), now.plus(decision.resetAfter()));
        }

        /** Takes a count read from the shared store, unless the bucket is retired. */
        private void observe(RateLimitRule rule, long count, Instant resetAt) {
            if (this.retired) {
                return;
            }
            if (resetAt.isAfter(this.resetAt.plus(rule.window().dividedBy(2)))) {
                // the shared window rolled over: the new count replaces the old window's
                this.sharedCount = count;
                this.resetAt = resetAt;
            }
            else {
                this.sharedCount = Math.max(this.sharedCount, count);
            }
        }

        synchronized void retire() {
            this.retired = true;
        }
    }
}
