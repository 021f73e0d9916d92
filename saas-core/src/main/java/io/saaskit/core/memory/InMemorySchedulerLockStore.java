package io.saaskit.core.memory;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.saaskit.core.jobs.port.SchedulerLockStore;

/**
 * A {@link SchedulerLockStore} kept in this process: exact among the schedulers sharing this instance, unknown to
 * other processes, and empty after a restart (so triggers missed while down do not fire).
 */
public final class InMemorySchedulerLockStore implements SchedulerLockStore {

    private final Map<String, Trigger> triggers = new ConcurrentHashMap<>();

    @Override
    public Instant nextTrigger(String name, String expression, Instant proposed) {
        return this.triggers.compute(name, (key, stored) -> (stored != null && stored.expression().equals(expression))
                ? stored : new Trigger(expression, proposed)).next();
    }

    @Override
    public boolean advance(String name, Instant expected, Instant next) {
        boolean[] taken = new boolean[1];
        this.triggers.computeIfPresent(name, (key, stored) -> {
            if (!stored.next().equals(expected)) {
                return stored;
            }
            taken[0] = true;
            return new Trigger(stored.expression(), next);
        });
        return taken[0];
    }

    @Override
    public String toString() {
        return "InMemorySchedulerLockStore" + this.triggers.keySet();
    }

    /** A schedule's expression and its next trigger. */
    private record Trigger(String expression, Instant next) {
    }
}
