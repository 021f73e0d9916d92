package io.saaskit.adapters.jdbc;

import java.util.Objects;

import javax.sql.DataSource;

import io.saaskit.core.metering.Period;
import io.saaskit.core.metering.QuotaDecision;
import io.saaskit.core.metering.port.QuotaCounter;
import io.saaskit.core.tenancy.OrgId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link QuotaCounter} on the {@code usage_counter} table: the exact quota store of deployments without Redis.
 *
 * <p>Admission is one conditional {@code UPDATE ... SET used = used + q WHERE used <= limit - q RETURNING used}: the
 * row lock serialises racing requests of every instance, and a request that would pass the limit changes nothing.
 * A missing row means the period's counter was never initialised. Each call is its own short transaction in the
 * organization's tenant scope.
 *
 * <p>This is the exact but slower path: every metered request updates the organization's row, so one busy
 * organization is limited by how fast PostgreSQL commits updates of one row (a few thousand per second). With Redis
 * configured, the Redis quota counter replaces this one on the hot path.
 */
public final class JdbcQuotaCounter implements QuotaCounter {

    /**
     * Adds the quantity if it fits, and reports the count as of the statement's snapshot otherwise: one statement,
     * so a counter created by another transaction between two statements can never be mistaken for a refusal.
     */
    private static final String CONSUME = """
            with admitted as (
                update usage_counter set used = used + :quantity
                 where org_id = :orgId and metric = :metric and period_start = :periodStart
                   and used <= :limit - :quantity
                returning used
            )
            select (select used from admitted) as admitted,
                   (select used from usage_counter
                     where org_id = :orgId and metric = :metric and period_start = :periodStart) as current
            """;

    private static final String INITIALIZE = """
            insert into usage_counter (org_id, metric, period_start, period_end, used)
            values (:orgId, :metric, :periodStart, :periodEnd, :used)
            on conflict (org_id, metric, period_start) do nothing
            """;

    private static final String RELEASE = """
            update usage_counter set used = greatest(used - :quantity, 0)
             where org_id = :orgId and metric = :metric and period_start = :periodStart
            """;

    private final JdbcClient jdbc;
    private final JdbcScopes scopes;

    /**
     * Creates the counter.
     * @param dataSource the database holding the saaskit schema
     * @param settings the adapter settings
     */
    public JdbcQuotaCounter(DataSource dataSource, JdbcSettings settings) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
        this.scopes = new JdbcScopes(dataSource, settings);
    }

    @Override
    public QuotaDecision tryConsume(OrgId orgId, String metric, Period period, long quantity, long limit) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive");
        }
        return this.scopes.tenant(orgId, () -> {
            return this.jdbc.sql(CONSUME)
                    .param("orgId", orgId.value())
                    .param("metric", metric)
                    .param("periodStart", Columns.timestamp(period.start()))
                    .param("quantity", quantity)
                    .param("limit", limit)
                    .query((rs, row) -> decision(rs.getObject("admitted", Long.class),
                            rs.getObject("current", Long.class)))
                    .single();
        });
    }

    private static QuotaDecision decision(@Nullable Long admitted, @Nullable Long current) {
        if (admitted != null) {
            return new QuotaDecision.Admitted(admitted);
        }
        return (current != null) ? new QuotaDecision.Refused(current) : new QuotaDecision.Uninitialized();
    }

    @Override
    public void initialize(OrgId orgId, String metric, Period period, long used) {
        this.scopes.tenant(orgId, () -> this.jdbc.sql(INITIALIZE)
                .param("orgId", orgId.value())
                .param("metric", metric)
                .param("periodStart", Columns.timestamp(period.start()))
                .param("periodEnd", Columns.timestamp(period.end()))
                .param("used", Math.max(0, used))
                .update());
    }

    @Override
    public void release(OrgId orgId, String metric, Period period, long quantity) {
        this.scopes.tenant(orgId, () -> this.jdbc.sql(RELEASE)
                .param("orgId", orgId.value())
                .param("metric", metric)
                .param("periodStart", Columns.timestamp(period.start()))
                .param("quantity", quantity)
                .update());
    }

    @Override
    public String toString() {
        return "JdbcQuotaCounter[" + this.scopes + "]";
    }
}
