package io.saaskit.adapters.jdbc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import io.saaskit.core.ratelimit.RateLimitDecision;
import io.saaskit.core.ratelimit.RateLimitRule;
import io.saaskit.core.ratelimit.port.RateLimiter;
import io.saaskit.core.shared.ServiceUnavailableException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link RateLimiter} on the PostgreSQL table {@code rate_limit_bucket}, shared by every instance on the database;
 * the store used when Redis is not configured.
 *
 * <p>Each hit is one upsert: a missing bucket, or one whose window has closed ({@code reset_at <= now}), starts a
 * new window of one hit ending at {@code now + window}; otherwise the count goes up and the window stays. The row
 * lock taken by {@code ON CONFLICT DO UPDATE} serializes racing hits, so the limit holds exactly. Time comes from
 * the given clock (truncated to PostgreSQL's microseconds), so instances should keep their clocks in sync; a skew
 * only shifts when a window is seen to close. Closed windows are deleted by {@link #deleteExpired(Instant)}.
 *
 * <p>When the database cannot be reached the limiter fails open by default (the hit is admitted as the first of a
 * fresh window and an error is logged at most once every few seconds, without the bucket key); configured to fail
 * closed, it throws {@link ServiceUnavailableException} (503).
 */
public final class JdbcRateLimiter implements RateLimiter {

    private static final Log logger = LogFactory.getLog(JdbcRateLimiter.class);

    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);

    private static final String HIT = """
            insert into rate_limit_bucket as bucket (key, count, reset_at)
            values (:key, :hits, :resetAt)
            on conflict (key) do update
               set count = case when bucket.reset_at <= :now then excluded.count
                                else bucket.count + excluded.count end,
                   reset_at = case when bucket.reset_at <= :now then excluded.reset_at else bucket.reset_at end
            returning count, reset_at
            """;

    private static final String DELETE_EXPIRED = """
            delete from rate_limit_bucket where reset_at <= :now
            """;

    private final JdbcClient jdbc;

    private final Clock clock;

    private final boolean failOpen;

    private final AtomicLong nextFailureLog = new AtomicLong(System.nanoTime());

    private final AtomicLong unloggedFailures = new AtomicLong();

    /**
     * Creates the limiter.
     * @param dataSource the database holding the saaskit schema (migration V3)
     * @param clock the time windows are measured on
     * @param failOpen whether hits are admitted (true) or refused with {@link ServiceUnavailableException} (false)
     *                 while the database cannot be reached
     */
    public JdbcRateLimiter(DataSource dataSource, Clock clock, boolean failOpen) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.failOpen = failOpen;
    }

    @Override
    public RateLimitDecision hit(RateLimitRule rule, String bucketKey) {
        return hit(rule, bucketKey, 1);
    }

    /**
     * {@inheritDoc} One upsert whatever the number of hits: it adds them to the row.
     */
    @Override
    public RateLimitDecision hit(RateLimitRule rule, String bucketKey, long hits) {
        if (hits < 1) {
            throw new IllegalArgumentException("hits must be at least 1");
        }
        Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
        Window window;
        try {
            window = this.jdbc.sql(HIT)
                    .param("key", bucketKey)
                    .param("hits", hits)
                    .param("now", Columns.timestamp(now))
                    .param("resetAt", Columns.timestamp(now.plus(rule.window())))
                    .query((row, rowNumber) -> new Window(row.getLong("count"), Columns.instant(row, "reset_at")))
                    .single();
        }
        catch (DataAccessResourceFailureException | TransientDataAccessException ex) {
            return storeUnavailable(rule, hits, ex);
        }
        Duration resetAfter = Duration.between(now, window.resetAt());
        if (resetAfter.isNegative()) {
            resetAfter = Duration.ZERO;
        }
        if (window.count() > rule.limit()) {
            return new RateLimitDecision.Limited(rule, resetAfter);
        }
        return new RateLimitDecision.Allowed(rule, rule.limit() - window.count(), resetAfter);
    }

    /**
     * Deletes the buckets whose window has closed; run periodically (the session-cleanup job).
     * @param now the current time
     * @return how many buckets were deleted
     */
    public int deleteExpired(Instant now) {
        return this.jdbc.sql(DELETE_EXPIRED).param("now", Columns.timestamp(now)).update();
    }

    private RateLimitDecision storeUnavailable(RateLimitRule rule, long hits, RuntimeException failure) {
        logFailure(failure);
        if (this.failOpen) {
            return new RateLimitDecision.Allowed(rule, Math.max(0, rule.limit() - hits), rule.window());
        }
        throw new ServiceUnavailableException(failure);
    }

    /** At most one error line every few seconds; the message of a data access failure holds no bucket key. */
    private void logFailure(RuntimeException failure) {
        long now = System.nanoTime();
        long next = this.nextFailureLog.get();
        if (now - next < 0 || !this.nextFailureLog.compareAndSet(next, now + LOG_INTERVAL_NANOS)) {
            this.unloggedFailures.incrementAndGet();
            return;
        }
        long skipped = this.unloggedFailures.getAndSet(0);
        logger.error("PostgreSQL rate-limit store unavailable (" + failure.getClass().getSimpleName() + "); "
                + (this.failOpen ? "requests are admitted without rate limit (fail open)"
                        : "rate-limited requests are refused with 503 (fail closed)")
                + ((skipped > 0) ? " [" + skipped + " more failures since the last report]" : ""));
    }

    @Override
    public String toString() {
        return "JdbcRateLimiter[failOpen=" + this.failOpen + "]";
    }

    private record Window(long count, Instant resetAt) {
    }
}
