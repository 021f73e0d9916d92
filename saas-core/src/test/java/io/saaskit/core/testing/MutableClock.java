package io.saaskit.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that tests set and advance by hand, so expiry rules can be driven without sleeping.
 *
 * <p>Thread-safe: the current instant is held in an atomic reference, so concurrent tests may read it while
 * another thread moves it. The zone is always UTC. The default start is a whole-millisecond instant, so values
 * survive a round trip through a database that stores microseconds.
 */
public final class MutableClock extends Clock {

    /** The instant a clock created with {@link #MutableClock()} starts at. */
    public static final Instant DEFAULT_START = Instant.parse("2026-03-01T12:00:00.000Z");

    private final AtomicReference<Instant> now;

    /**
     * A clock at {@link #DEFAULT_START}.
     */
    public MutableClock() {
        this(DEFAULT_START);
    }

    /**
     * A clock at the given instant.
     * @param start the initial instant
     */
    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
    }

    /**
     * Moves the clock to an instant (backwards too).
     * @param instant the new current instant
     */
    public void set(Instant instant) {
        this.now.set(Objects.requireNonNull(instant, "instant"));
    }

    /**
     * Moves the clock forward (or backward, for a negative amount).
     * @param amount how far
     * @return the new current instant
     */
    public Instant advance(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        return this.now.updateAndGet((current) -> current.plus(amount));
    }

    /**
     * Moves the clock forward by a number of seconds.
     * @param seconds how far
     * @return the new current instant
     */
    public Instant advanceSeconds(long seconds) {
        return advance(Duration.ofSeconds(seconds));
    }

    @Override
    public Instant instant() {
        return this.now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (ZoneOffset.UTC.equals(zone)) {
            return this;
        }
        throw new UnsupportedOperationException("MutableClock is always UTC");
    }

    @Override
    public String toString() {
        return "MutableClock[" + this.now.get() + "]";
    }
}
