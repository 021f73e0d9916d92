package io.saaskit.core.metering;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.saaskit.core.metering.port.QuotaCounter;
import io.saaskit.core.tenancy.OrgId;

/**
 * A {@link QuotaCounter} that takes quota from a shared counter in blocks and hands it out locally, so the shared
 * store (Redis, PostgreSQL) is touched once per block instead of once per request.
 *
 * <p>Blocks are taken with the shared counter's own atomic check, so the quantity admitted across all instances
 * never exceeds the limit. A block is at most the remaining quota divided by {@link LeaseSettings#divisor()}, so it
 * shrinks as the limit nears and is 1 for the last units; when a block does not fit, exactly the requested quantity
 * is asked for. On one instance the limit is therefore reached exactly. Across instances, quota leased but not yet
 * used by one instance is unavailable to the others until it is used or given back: unused leases are returned
 * after {@link LeaseSettings#idleReturn()} without use, and on {@link #close()}. Quantity released by a failed
 * request goes back to this instance's lease.
 *
 * <p>The {@code used} of an admission is this instance's best knowledge (the shared count at its last lease, less
 * what it has not handed out yet); it may lag behind other instances. Thread-safe.
 */
public final class LeasingQuotaCounter implements QuotaCounter, AutoCloseable {

    private static final long SWEEP_MILLIS = 500;

    private final QuotaCounter shared;

    private final LeaseSettings settings;

    private final Clock clock;

    private final Map<Key, Lease> leases = new ConcurrentHashMap<>();

    private final Thread sweeper;

    private volatile boolean closed;

    /**
     * Creates the counter and starts the daemon thread that returns idle leases.
     * @param shared the shared counter
     * @param settings the lease settings
     * @param clock the time source
     */
    public LeasingQuotaCounter(QuotaCounter shared, LeaseSettings settings, Clock clock) {
        this.shared = Objects.requireNonNull(shared, "shared");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sweeper = new Thread(this::sweepLoop, "saaskit-quota-leases");
        this.sweeper.setDaemon(true);
        this.sweeper.start();
    }

    @Override
    public QuotaDecision tryConsume(OrgId orgId, String metric, Period period, long quantity, long limit) {
        Key key = new Key(orgId, metric, period);
        while (true) {
            Lease lease = this.leases.computeIfAbsent(key, (k) -> new Lease());
            synchronized (lease) {
                if (!lease.retired) {
                    return consume(lease, key, quantity, limit);
                }
            }
        }
    }

    /** Takes quota for one request; the caller holds the lease's monitor. */
    private QuotaDecision consume(Lease lease, Key key, long quantity, long limit) {
        OrgId orgId = key.orgId();
        String metric = key.metric();
        Period period = key.period();
        lease.lastUse = this.clock.instant();
        if (lease.available >= quantity) {
            lease.available -= quantity;
            return new QuotaDecision.Admitted(Math.max(quantity, lease.sharedUsed - lease.available));
        }
        long want = Math.max(quantity, block(lease, limit));
        QuotaDecision decision = this.shared.tryConsume(orgId, metric, period, want, limit);
        if (decision instanceof QuotaDecision.Refused && want > quantity) {
            want = quantity;
            decision = this.shared.tryConsume(orgId, metric, period, want, limit);
        }
        if (decision instanceof QuotaDecision.Admitted admitted) {
            lease.available += want - quantity;
            lease.sharedUsed = admitted.used();
            return new QuotaDecision.Admitted(admitted.used() - lease.available);
        }
        if (decision instanceof QuotaDecision.Refused refused) {
            lease.sharedUsed = refused.used();
        }
        return decision;
    }

    private long block(Lease lease, long limit) {
        if (lease.sharedUsed < 0) {
            return 1;
        }
        long remaining = limit - lease.sharedUsed;
        return Math.max(1, Math.min(this.settings.maxBlock(), remaining / this.settings.divisor()));
    }

    @Override
    public void initialize(OrgId orgId, String metric, Period period, long used) {
        this.shared.initialize(orgId, metric, period, used);
    }

    @Override
    public void release(OrgId orgId, String metric, Period period, long quantity) {
        Lease lease = this.leases.get(new Key(orgId, metric, period));
        if (lease != null && !this.closed) {
            synchronized (lease) {
                if (!lease.retired) {
                    lease.available += quantity;
                    return;
                }
            }
        }
        this.shared.release(orgId, metric, period, quantity);
    }

    /**
     * Gives back every unused lease and stops the sweeper.
     */
    @Override
    public void close() {
        this.closed = true;
        this.sweeper.interrupt();
        returnLeases(Instant.MAX);
    }

    private void sweepLoop() {
        while (!this.closed) {
            try {
                TimeUnit.MILLISECONDS.sleep(SWEEP_MILLIS);
            }
            catch (InterruptedException ex) {
                return;
            }
            try {
                returnLeases(this.clock.instant().minus(this.settings.idleReturn()));
            }
            catch (RuntimeException ex) {
                // The shared counter is unreachable: the leases stay here and are tried again next sweep.
            }
        }
    }

    /**
     * Returns the unused quota of leases last used before a cut-off, and forgets leases of ended periods.
     */
    private void returnLeases(Instant idleBefore) {
        Instant now = this.clock.instant();
        this.leases.forEach((key, lease) -> {
            synchronized (lease) {
                boolean ended = !key.period().end().isAfter(now);
                if (lease.available > 0 && !ended && lease.lastUse.isBefore(idleBefore)) {
                    this.shared.release(key.orgId(), key.metric(), key.period(), lease.available);
                    lease.sharedUsed -= lease.available;
                    lease.available = 0;
                }
                if (ended || (lease.available == 0 && lease.lastUse.isBefore(idleBefore))) {
                    lease.retired = true;
                    this.leases.remove(key, lease);
                }
            }
        });
    }

    @Override
    public String toString() {
        return "LeasingQuotaCounter[" + this.shared + ", " + this.settings + "]";
    }

    /** One counter. */
    private record Key(OrgId orgId, String metric, Period period) {
    }

    /** This instance's lease on one counter; guarded by its own monitor. */
    private static final class Lease {

        /** Quota leased from the shared counter and not handed out yet. */
        private long available;

        /** The shared count after this instance's last lease, or -1 before the first. */
        private long sharedUsed = -1;

        private Instant lastUse = Instant.MIN;

        /** Removed from the map; a thread that still holds it must look the lease up again. */
        private boolean retired;
    }
}
