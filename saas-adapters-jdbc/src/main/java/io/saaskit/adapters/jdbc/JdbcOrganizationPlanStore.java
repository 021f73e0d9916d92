package io.saaskit.adapters.jdbc;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import io.saaskit.core.metering.OrganizationPlan;
import io.saaskit.core.metering.PlanSource;
import io.saaskit.core.metering.port.OrganizationPlanStore;
import io.saaskit.core.tenancy.OrgId;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link OrganizationPlanStore} on the plan columns of the {@code organization} table ({@code plan},
 * {@code plan_limit}, {@code plan_source}, {@code override_plan}, {@code override_limit}), in the organization's
 * tenant scope. Writes join the caller's transaction.
 */
public final class JdbcOrganizationPlanStore implements OrganizationPlanStore {

    private static final String SELECT = """
            select plan, plan_limit, plan_source, override_plan, override_limit
              from organization
             where id = :id
            """;

    private static final String UPDATE = """
            update organization
               set plan = :plan, plan_limit = :planLimit, plan_source = :source, override_plan = :overridePlan,
                   override_limit = :overrideLimit, updated_at = :now
             where id = :id
            """;

    private final JdbcClient jdbc;
    private final JdbcScopes scopes;

    /**
     * Creates the store.
     * @param dataSource the database holding the saaskit schema
     * @param settings the adapter settings
     */
    public JdbcOrganizationPlanStore(DataSource dataSource, JdbcSettings settings) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
        this.scopes = new JdbcScopes(dataSource, settings);
    }

    @Override
    public Optional<OrganizationPlan> find(OrgId orgId) {
        return this.scopes.tenant(orgId, () -> this.jdbc.sql(SELECT)
                .param("id", orgId.value())
                .query((row, rowNumber) -> new OrganizationPlan(row.getString("plan"),
                        Columns.nullableLong(row, "plan_limit"), PlanSource.of(row.getString("plan_source")),
                        row.getString("override_plan"), Columns.nullableLong(row, "override_limit")))
                .optional());
    }

    @Override
    public boolean save(OrgId orgId, OrganizationPlan plan, Instant now) {
        Integer updated = this.scopes.tenant(orgId, () -> this.jdbc.sql(UPDATE)
                .param("id", orgId.value())
                .param("plan", plan.plan())
                .param("planLimit", plan.planLimit())
                .param("source", plan.source().key())
                .param("overridePlan", plan.overridePlan())
                .param("overrideLimit", plan.overrideLimit())
                .param("now", Columns.timestamp(now))
                .update());
        return updated != null && updated > 0;
    }

    @Override
    public String toString() {
        return "JdbcOrganizationPlanStore[" + this.scopes + "]";
    }
}
