package io.saaskit.core.memory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.saaskit.core.metering.Period;
import io.saaskit.core.metering.QuotaDecision;
import io.saaskit.core.metering.port.QuotaCounter;
import io.saaskit.core.tenancy.OrgId;

/**
 * A {@link QuotaCounter} kept in this process, for tests and for embedding the core on a single instance without
 * a shared store. Exact under any concurrency within the process; it knows nothing of other instances.
 */
public final class InMemoryQuotaCounter implements QuotaCounter {

    private final Map<Key, Long> counters = new ConcurrentHashMap<>();

    @Override
    public QuotaDecision tryConsume(OrgId orgId, String metric, Period period, long quantity, long limit) {
        Key key = new Key(orgId, metric, period);
        QuotaDecision[] decision = new QuotaDecision[1];
        this.counters.computeIfPresent(key, (k, used) -> {
            if (used + quantity <= limit && used + quantity >= used) {
                decision[0] = new QuotaDecision.Admitted(used + quantity);
                return used + quantity;
            }
            decision[0] = new QuotaDecision.Refused(used);
            return used;
        });
        return (decision[0] != null) ? decision[0] : new QuotaDecision.Uninitialized();
    }

    @Override
    public void initialize(OrgId orgId, String metric, Period period, long used) {
        this.counters.putIfAbsent(new Key(orgId, metric, period), used);
    }

    @Override
    public void release(OrgId orgId, String metric, Period period, long quantity) {
        this.counters.computeIfPresent(new Key(orgId, metric, period), (k, used) -> Math.max(0, used - quantity));
    }

    /**
     * Forgets every counter, as a shared store that lost its data would.
     */
    public void clear() {
        this.counters.clear();
    }

    /** One counter. */
    private record Key(OrgId orgId, String metric, Period period) {
    }
}
