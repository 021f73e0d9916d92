package io.saaskit.adapters.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.saaskit.core.metering.Period;
import io.saaskit.core.metering.QuotaDecision;
import io.saaskit.core.metering.port.QuotaCounter;
import io.saaskit.core.shared.ServiceUnavailableException;
import io.saaskit.core.tenancy.OrgId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link QuotaCounter} on Redis: one string counter per organization, metric and period, under the key
 * {@code <prefix>quota:{<orgId>}:<metric>:<period start in epoch milliseconds>} (the braces are a cluster hash tag,
 * so all counters of one organization live in one slot).
 *
 * <p>{@link #tryConsume} is one Lua script that reads the counter, compares with the limit and adds, so racing
 * requests on any number of instances are admitted exactly up to the limit. {@link #initialize} is a
 * {@code SET NX} whose expiry lies one day after the period ends (counted on the given clock), so finished periods
 * clean themselves up; {@link #release} is a script that subtracts, never below zero, and never creates a counter.
 * A counter that Redis lost (restart without persistence, eviction) reads as {@link QuotaDecision.Uninitialized},
 * and the caller rebuilds it from the recorded usage events.
 *
 * <p>Quotas never fail open: when Redis cannot be reached every method throws {@link ServiceUnavailableException}
 * (503), after logging the failure at most once every few seconds.
 */
public final class RedisQuotaCounter implements QuotaCounter {

    private static final Logger logger = LoggerFactory.getLogger(RedisQuotaCounter.class);

    private static final RedisScript CONSUME = RedisScript.fromResource("quota-consume.lua");

    private static final RedisScript RELEASE = RedisScript.fromResource("quota-release.lua");

    /** How long a counter outlives its period. */
    private static final Duration GRACE = Duration.ofDays(1);

    private final RedisConnections connections;

    private final Clock clock;

    private final String keyPrefix;

    private final OutageLog outages = new OutageLog(logger, "Redis quota counter");

    /**
     * Creates the counter.
     * @param connections the shared connections
     * @param clock the clock that decides how long a counter is kept
     */
    public RedisQuotaCounter(RedisConnections connections, Clock clock) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keyPrefix = connections.settings().keyPrefix() + "quota:";
    }

    @Override
    public QuotaDecision tryConsume(OrgId orgId, String metric, Period period, long quantity, long limit) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive");
        }
        List<Long> reply;
        try {
            reply = CONSUME.run(this.connections.commands().sync(), ScriptOutputType.MULTI,
                    new String[] { key(orgId, metric, period) }, Long.toString(quantity), Long.toString(limit));
        }
        catch (RedisException ex) {
            throw unavailable(ex);
        }
        long outcome = reply.get(0);
        long used = reply.get(1);
        if (outcome < 0) {
            return new QuotaDecision.Uninitialized();
        }
        return (outcome == 0) ? new QuotaDecision.Refused(used) : new QuotaDecision.Admitted(used);
    }

    @Override
    public void initialize(OrgId orgId, String metric, Period period, long used) {
        if (used < 0) {
            throw new IllegalArgumentException("used must not be negative");
        }
        Duration untilEnd = Duration.between(this.clock.instant(), period.end());
        Duration keep = (untilEnd.isNegative() ? Duration.ZERO : untilEnd).plus(GRACE);
        try {
            this.connections.commands().sync().set(key(orgId, metric, period), Long.toString(used),
                    SetArgs.Builder.nx().px(keep.toMillis()));
        }
        catch (RedisException ex) {
            throw unavailable(ex);
        }
    }

    @Override
    public void release(OrgId orgId, String metric, Period period, long quantity) {
        if (quantity < 0) {
            throw new IllegalArgumentException("quantity must not be negative");
        }
        if (quantity == 0) {
            return;
        }
        try {
            RELEASE.run(this.connections.commands().sync(), ScriptOutputType.INTEGER,
                    new String[] { key(orgId, metric, period) }, Long.toString(quantity));
        }
        catch (RedisException ex) {
            throw unavailable(ex);
        }
    }

    private String key(OrgId orgId, String metric, Period period) {
        return this.keyPrefix + "{" + orgId.value() + "}:" + metric + ":" + period.start().toEpochMilli();
    }

    private ServiceUnavailableException unavailable(RedisException failure) {
        this.outages.failure(failure, "usage admission answers 503");
        return new ServiceUnavailableException(failure);
    }

    @Override
    public String toString() {
        return "RedisQuotaCounter[" + this.connections.settings().endpoint() + "]";
    }
}
