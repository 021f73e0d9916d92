package io.saaskit.core.jobs;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed job is tried again, and when it is given up: after attempt {@code n} fails, the next one waits
 * {@code min(maxDelay, firstDelay · 2^(n−1))} ± 20 % jitter; after {@code maxAttempts} attempts it goes to the dead
 * letters. A lease that ran out (the worker crashed or hung) counts as a failed attempt too.
 *
 * @param maxAttempts attempts before a job is dead, at least 1
 * @param firstDelay the wait after the first failure, positive
 * @param maxDelay the longest wait, not shorter than {@code firstDelay}
 */
public record JobRetryPolicy(int maxAttempts, Duration firstDelay, Duration maxDelay) {

    /** The jitter applied to every delay, as a fraction of it. */
    public static final double JITTER = 0.2;

    public JobRetryPolicy {
        Objects.requireNonNull(firstDelay, "firstDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts is at least 1");
        }
        if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("firstDelay is positive and maxDelay not shorter");
        }
    }

    /**
     * The default policy: 8 attempts, 10 s after the first failure, at most 1 h.
     * @return the policy
     */
    public static JobRetryPolicy defaults() {
        return new JobRetryPolicy(8, Duration.ofSeconds(10), Duration.ofHours(1));
    }

    /**
     * Whether a job whose attempt failed may be tried again.
     * @param attempt the number of the attempt that failed
     * @return true while attempts are left
     */
    public boolean retries(int attempt) {
        return attempt < this.maxAttempts;
    }

    /**
     * The wait before the next attempt, with random jitter.
     * @param attempt the number of the attempt that failed, from 1
     * @return the delay
     */
    public Duration delayAfter(int attempt) {
        return delayAfter(attempt, ThreadLocalRandom.current().nextDouble(-1.0, 1.0));
    }

    /**
     * The wait before the next attempt, with the given jitter.
     * @param attempt the number of the attempt that failed, from 1
     * @param jitter where in the jitter range the delay falls, from −1 (20 % shorter) to 1 (20 % longer)
     * @return the delay, at least one millisecond
     */
    public Duration delayAfter(int attempt, double jitter) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt starts at 1");
        }
        double clamped = Math.max(-1.0, Math.min(1.0, jitter));
        long first = this.firstDelay.toMillis();
        long max = this.maxDelay.toMillis();
        int doublings = Math.min(attempt - 1, 62);
        long base = (first > (max >> doublings)) ? max : Math.min(max, first << doublings);
        long jittered = Math.round(base * (1.0 + JITTER * clamped));
        return Duration.ofMillis(Math.max(1, jittered));
    }
}
