package io.saaskit.core.metering;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.saaskit.core.metering.port.QuotaCounter;
import io.saaskit.core.tenancy.OrgId;
import org.jspecify.annotations.Nullable;

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
 * <p>The shared counter is never called while a lease's monitor is held: when less than half a block is left, the
 * request that notices takes the next block after its own admission, while the others go on taking from what is
 * left; only a request the lease cannot serve waits, for the block on its way or for one it asks for itself.
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
            long refill;
            QuotaDecision local;
            synchronized (lease) {
                awaitRefill(lease, quantity);
                if (lease.retired) {
                    continue;
                }
                lease.lastUse = this.clock.instant();
                if (lease.available < quantity) {
                    lease.refilling = true;
                    refill = Math.max(quantity, block(lease, limit));
                    local = null;
                }
                else {
                    lease.available -= quantity;
                    local = new QuotaDecision.Admitted(Math.max(quantity, lease.sharedUsed - lease.available));
                    refill = runningLow(lease, limit) ? block(lease, limit) : 0;
                    if (refill > 0) {
                        lease.refilling = true;
                    }
                }
            }
            if (local == null) {
                return lease(lease, key, quantity, refill, limit);
            }
            if (refill > 0) {
                refillAhead(lease, key, refill, limit);
            }
            return local;
        }
    }

    /**
     * Waits, holding the lease's monitor, while another thread is taking a block from the shared counter and the
     * lease cannot serve this request; requests the lease can serve never wait for the shared store.
     */
    private static void awaitRefill(Lease lease, long quantity) {
        boolean interrupted = false;
        while (lease.refilling && lease.available < quantity && !lease.retired) {
            try {
                lease.wait();
            }
            catch (InterruptedException ex) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether the lease should take its next block now, while it can still serve the next requests: once less than
     * half a block is left, the request that noticed takes the next one after its own admission, so the others do
     * not queue behind a round trip to the shared store when the lease runs out.
     */
    private boolean runningLow(Lease lease, long limit) {
        return !lease.refilling && lease.sharedUsed >= 0 && lease.available * 2 < block(lease, limit);
    }

    /**
     * Takes quota for one request the lease could not serve, with a block for the next ones when it fits, outside
     * the lease's monitor; the caller set {@code refilling}.
     */
    private QuotaDecision lease(Lease lease, Key key, long quantity, long want, long limit) {
        QuotaDecision decision;
        long taken = want;
        try {
            decision = this.shared.tryConsume(key.orgId(), key.metric(), key.period(), want, limit);
            if (decision instanceof QuotaDecision.Refused && want > quantity) {
                taken = quantity;
                decision = this.shared.tryConsume(key.orgId(), key.metric(), key.period(), quantity, limit);
            }
        }
        catch (RuntimeException ex) {
            refilled(lease, key, null, 0);
            throw ex;
        }
        if (decision instanceof QuotaDecision.Admitted admitted) {
            long available = refilled(lease, key, admitted, taken - quantity);
            return new QuotaDecision.Admitted(admitted.used() - available);
        }
        refilled(lease, key, decision, 0);
        return decision;
    }

    /** Takes the next block before the lease runs out; a failure leaves the lease as it is for the next request. */
    private void refillAhead(Lease lease, Key key, long block, long limit) {
        QuotaDecision decision = null;
        try {
            decision = this.shared.tryConsume(key.orgId(), key.metric(), key.period(), block, limit);
        }
        catch (RuntimeException ex) {
            // The shared store is unreachable: the request that finds the lease empty asks again and gets the error.
        }
        refilled(lease, key, decision, (decision instanceof QuotaDecision.Admitted) ? block : 0);
    }

    /**
     * Records what the shared counter answered, adds the quantity taken for later requests to the lease, and wakes
     * the waiting requests. When the counter was closed (or the lease retired) meanwhile, the sweep skipped this
     * lease, so what it holds goes back to the shared counter here.
     * @return what the lease holds afterwards
     */
    private long refilled(Lease lease, Key key, @Nullable QuotaDecision decision, long extra) {
        long giveBack = 0;
        long available;
        synchronized (lease) {
            lease.refilling = false;
            lease.notifyAll();
            if (decision instanceof QuotaDecision.Admitted admitted) {
                lease.sharedUsed = admitted.used();
            }
            else if (decision instanceof QuotaDecision.Refused refused) {
                lease.sharedUsed = refused.used();
            }
            lease.available += extra;
            if (lease.retired || this.closed) {
                giveBack = lease.available;
                lease.available = 0;
            }
            available = lease.available;
        }
        if (giveBack > 0) {
            this.shared.release(key.orgId(), key.metric(), key.period(), giveBack);
        }
        return available;
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
                if (lease.refilling) {
                    return;
                }
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

        /** A thread is taking a block from the shared counter for this lease (outside its monitor). */
        private boolean refilling;
    }
}
