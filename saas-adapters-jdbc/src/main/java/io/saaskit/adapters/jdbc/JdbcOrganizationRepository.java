package io.saaskit.adapters.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.tenancy.port.OrganizationRepository;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link OrganizationRepository} on the {@code organization} table. Every statement runs in the organization's
 * own tenant scope, so row-level security (keyed on the organization's id) admits only that row.
 */
public final class JdbcOrganizationRepository implements OrganizationRepository {

    private static final String INSERT = """
            insert into organization (id, name, plan, plan_limit, created_at, updated_at)
            values (:id, :name, :plan, :planLimit, :createdAt, :updatedAt)
            """;

    private static final String SELECT = """
            select id, name, plan, plan_limit, created_at, updated_at
              from organization
             where id = :id
            """;

    private final JdbcClient jdbc;
    private final JdbcScopes scopes;

    /**
     * Creates the repository.
     * @param dataSource the database holding the saaskit schema
     * @param settings the adapter settings
     */
    public JdbcOrganizationRepository(DataSource dataSource, JdbcSettings settings) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
        this.scopes = new JdbcScopes(dataSource, settings);
    }

    @Override
    public void insert(Organization organization) {
        this.scopes.tenant(organization.id(), () -> this.jdbc.sql(INSERT)
                .param("id", organization.id().value())
                .param("name", organization.name())
                .param("plan", organization.plan())
                .param("planLimit", organization.planLimit().orElse(null))
                .param("createdAt", Columns.timestamp(organization.createdAt()))
                .param("updatedAt", Columns.timestamp(organization.updatedAt()))
                .update());
    }

    @Override
    public Optional<Organization> findById(OrgId orgId) {
        return this.scopes.tenant(orgId, () -> select(orgId, SELECT));
    }

    @Override
    public Optional<Organization> lock(OrgId orgId) {
        return this.scopes.tenant(orgId, () -> select(orgId, SELECT + " for update"));
    }

    private Optional<Organization> select(OrgId orgId, String sql) {
        return this.jdbc.sql(sql)
                .param("id", orgId.value())
                .query(JdbcOrganizationRepository::organization)
                .optional();
    }

    private static Organization organization(ResultSet row, int rowNumber) throws SQLException {
        return Organization.restore(new OrgId(Columns.uuid(row, "id")), row.getString("name"), row.getString("plan"),
                Columns.nullableLong(row, "plan_limit"), Columns.instant(row, "created_at"),
                Columns.instant(row, "updated_at"));
    }
}
