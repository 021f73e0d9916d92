package io.saaskit.core.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.saaskit.core.shared.WriteGates;
import io.saaskit.core.shared.port.WriteGate;

/**
 * A {@link WriteGate} for one process, for tests and single-instance embedding: the gates live in a map and expire
 * on the injected clock.
 */
public final class InMemoryWriteGate implements WriteGate {

    /** Gates kept before the expired ones are swept out, a bound on memory. */
    private static final int SWEEP_THRESHOLD = 10_000;

    private final Map<String, Instant> closedUntil = new ConcurrentHashMap<>();

    private final Clock clock;

    /**
     * Creates the gate.
     * @param clock the clock the intervals run on
     */
    public InMemoryWriteGate(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean tryPass(String key, Duration interval) {
        WriteGates.check(key, interval);
        Instant now = this.clock.instant();
        boolean[] passed = { false };
        this.closedUntil.compute(key, (name, until) -> {
            if (until != null && now.isBefore(until)) {
                return until;
            }
            passed[0] = true;
            return now.plus(interval);
        });
        if (this.closedUntil.size() > SWEEP_THRESHOLD) {
            this.closedUntil.values().removeIf(now::isAfter);
        }
        return passed[0];
    }
}
