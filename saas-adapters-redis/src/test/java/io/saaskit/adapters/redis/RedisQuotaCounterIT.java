package io.saaskit.adapters.redis;

import java.time.Duration;
import java.util.UUID;

import io.saaskit.adapters.redis.testing.TestRedis;
import io.saaskit.core.metering.Period;
import io.saaskit.core.metering.QuotaDecision;
import io.saaskit.core.metering.port.QuotaCounter;
import io.saaskit.core.metering.port.QuotaCounterContractTests;
import io.saaskit.core.tenancy.OrgId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quota-counter contract against a real Redis, plus the key layout and expiry.
 */
class RedisQuotaCounterIT extends QuotaCounterContractTests {

    private static RedisConnections connections;

    private final RedisQuotaCounter counter = new RedisQuotaCounter(connections, this.clock);

    @BeforeAll
    static void connect() {
        connections = new RedisConnections(TestRedis.settings());
    }

    @AfterAll
    static void disconnect() {
        connections.close();
    }

    @Override
    protected QuotaCounter counter() {
        return this.counter;
    }

    @Test
    void theCounterIsKeyedByOrganizationHashTagMetricAndPeriodStart() {
        OrgId org = new OrgId(UUID.randomUUID());
        Period period = currentPeriod();

        this.counter.initialize(org, METRIC, period, 12);

        String key = connections.settings().keyPrefix() + "quota:{" + org.value() + "}:api_requests:"
                + period.start().toEpochMilli();
        assertThat(connections.commands().sync().get(key)).isEqualTo("12");
    }

    @Test
    void theCounterExpiresOneDayAfterItsPeriodEnds() {
        OrgId org = new OrgId(UUID.randomUUID());
        Period period = currentPeriod();
        Duration untilEnd = Duration.between(this.clock.instant(), period.end());

        this.counter.initialize(org, METRIC, period, 0);
        this.counter.tryConsume(org, METRIC, period, 1, 10);
        this.counter.release(org, METRIC, period, 1);

        long ttl = connections.commands().sync().pttl(key(org, period));
        assertThat(ttl).isBetween(untilEnd.plusDays(1).minusSeconds(5).toMillis(), untilEnd.plusDays(1).toMillis());
    }

    @Test
    void aCounterOfAPeriodThatAlreadyEndedIsStillKeptForADay() {
        OrgId org = new OrgId(UUID.randomUUID());
        Period past = Period.calendarMonthOf(this.clock.instant().minus(Duration.ofDays(62)));

        this.counter.initialize(org, METRIC, past, 3);

        assertThat(this.counter.tryConsume(org, METRIC, past, 1, 10)).isEqualTo(new QuotaDecision.Admitted(4));
        assertThat(connections.commands().sync().pttl(key(org, past)))
                .isBetween(Duration.ofDays(1).minusSeconds(5).toMillis(), Duration.ofDays(1).toMillis());
    }

    @Test
    void aCounterLostByRedisReadsAsUninitialised() {
        OrgId org = new OrgId(UUID.randomUUID());
        Period period = currentPeriod();
        this.counter.initialize(org, METRIC, period, 5);

        connections.commands().sync().del(key(org, period));

        assertThat(this.counter.tryConsume(org, METRIC, period, 1, 10)).isEqualTo(new QuotaDecision.Uninitialized());
    }

    private static String key(OrgId org, Period period) {
        return connections.settings().keyPrefix() + "quota:{" + org.value() + "}:api_requests:"
                + period.start().toEpochMilli();
    }
}
