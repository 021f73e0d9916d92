package io.saaskit.core.apikey;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Lets at most one last-use write per key through per interval in this process, so a busy key costs one
 * conditional update a minute instead of one per request. The database condition makes the limit hold across
 * instances too; this throttle only saves the round trips.
 */
final class LastUseThrottle {

    /** Entries are swept once the map grows past this size, at most once per interval. */
    private static final int SWEEP_THRESHOLD = 10_000;

    private final Duration interval;

    private final ConcurrentMap<ApiKeyId, Instant> lastWrites = new ConcurrentHashMap<>();

    private volatile Instant nextSweep = Instant.MIN;

    LastUseThrottle(Duration interval) {
        this.interval = interval;
    }

    /**
     * Claims the write for a key if none was claimed within the interval.
     * @param id the key
     * @param now the current time
     * @return true when the caller should write
     */
    boolean tryClaim(ApiKeyId id, Instant now) {
        Instant seen = this.lastWrites.get(id);
        if (seen != null && now.isBefore(seen.plus(this.interval))) {
            // the common case on a busy key: a lock-free read, no write to the map
            return false;
        }
        sweep(now);
        boolean[] claimed = new boolean[1];
        this.lastWrites.compute(id, (key, last) -> {
            if (last == null || !now.isBefore(last.plus(this.interval))) {
                claimed[0] = true;
                return now;
            }
            return last;
        });
        return claimed[0];
    }

    private void sweep(Instant now) {
        if (this.lastWrites.size() > SWEEP_THRESHOLD && !now.isBefore(this.nextSweep)) {
            this.nextSweep = now.plus(this.interval);
            Instant cutoff = now.minus(this.interval);
            this.lastWrites.values().removeIf((last) -> last.isBefore(cutoff));
        }
    }
}
