package io.saaskit.adapters.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import io.saaskit.core.identity.EmailAddress;
import io.saaskit.core.identity.UserId;
import io.saaskit.core.membership.Membership;
import io.saaskit.core.membership.MembershipId;
import io.saaskit.core.membership.MembershipStatus;
import io.saaskit.core.membership.Role;
import io.saaskit.core.provisioning.DirectoryPage;
import io.saaskit.core.provisioning.DirectoryUser;
import io.saaskit.core.provisioning.Profile;
import io.saaskit.core.provisioning.UserAttribute;
import io.saaskit.core.provisioning.UserFilter;
import io.saaskit.core.provisioning.UserQuery;
import io.saaskit.core.provisioning.port.DirectoryRepository;
import io.saaskit.core.tenancy.OrgId;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link DirectoryRepository} on the {@code membership} and {@code app_user} tables. Searches compile the SCIM filter
 * to a parameterised condition ({@link JdbcUserFilters}) and run in the organization's tenant scope, so row-level
 * security hides every other organization's members even if a condition were missing;
 * {@link #isMemberElsewhere(UserId, OrgId)} is the one declared cross-tenant system path and answers only yes or no.
 */
public final class JdbcDirectoryRepository implements DirectoryRepository {

    private static final String FROM = """
             from membership m
             join app_user u on u.id = m.user_id
            where m.org_id = :orgId
            """;

    private static final String SELECT = """
            select m.id, m.org_id, m.user_id, m.role, m.status, m.external_id, m.version, m.created_at, m.updated_at,
                   u.email, u.given_name, u.family_name, u.display_name
            """ + FROM;

    private static final String DEFAULT_ORDER = "m.created_at, m.user_id";

    private static final String FIND_BY_EXTERNAL_ID = """
            select id, org_id, user_id, role, status, external_id, version, created_at, updated_at
              from membership
             where org_id = :orgId and external_id = :externalId
            """;

    private static final String MEMBER_ELSEWHERE = """
            select exists (select 1 from membership where user_id = :userId and org_id <> :orgId)
            """;

    private static final String SAVE_PROFILE = """
            update app_user
               set given_name = :givenName, family_name = :familyName, display_name = :displayName,
                   updated_at = :updatedAt
             where id = :id
            """;

    private final JdbcClient jdbc;
    private final JdbcScopes scopes;

    /**
     * Creates the repository.
     * @param dataSource the database holding the saaskit schema
     * @param settings the adapter settings
     */
    public JdbcDirectoryRepository(DataSource dataSource, JdbcSettings settings) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
        this.scopes = new JdbcScopes(dataSource, settings);
    }

    @Override
    public DirectoryPage search(OrgId orgId, UserQuery query) {
        UserFilter filter = query.filter();
        JdbcUserFilters.Condition condition = (filter != null) ? JdbcUserFilters.compile(filter)
                : new JdbcUserFilters.Condition("true", Map.of());
        String where = " and " + condition.sql() + "\n";
        UserAttribute sortBy = query.sortBy();
        String order = (sortBy != null) ? JdbcUserFilters.sortExpression(sortBy)
                + (query.ascending() ? " asc" : " desc") + " nulls last, " + DEFAULT_ORDER : DEFAULT_ORDER;
        return this.scopes.tenant(orgId, () -> {
            long total = this.jdbc.sql("select count(*)" + FROM + where)
                    .param("orgId", orgId.value())
                    .params(condition.parameters())
                    .query(Long.class)
                    .single();
            if (query.count() == 0 || total < query.startIndex()) {
                return new DirectoryPage(total, List.of());
            }
            List<DirectoryUser> users = this.jdbc.sql(SELECT + where + " order by " + order
                            + " limit :limit offset :offset")
                    .param("orgId", orgId.value())
                    .params(condition.parameters())
                    .param("limit", query.count())
                    .param("offset", query.startIndex() - 1L)
                    .query(JdbcDirectoryRepository::user)
                    .list();
            return new DirectoryPage(total, users);
        });
    }

    @Override
    public Optional<DirectoryUser> find(OrgId orgId, UserId userId) {
        return this.scopes.tenant(orgId, () -> this.jdbc.sql(SELECT + " and m.user_id = :userId")
                .param("orgId", orgId.value())
                .param("userId", userId.value())
                .query(JdbcDirectoryRepository::user)
                .optional());
    }

    @Override
    public Optional<Membership> findByExternalId(OrgId orgId, String externalId) {
        return this.scopes.tenant(orgId, () -> this.jdbc.sql(FIND_BY_EXTERNAL_ID)
                .param("orgId", orgId.value())
                .param("externalId", externalId)
                .query((row, rowNumber) -> membership(row))
                .optional());
    }

    @Override
    public boolean isMemberElsewhere(UserId userId, OrgId orgId) {
        return this.scopes.system(() -> this.jdbc.sql(MEMBER_ELSEWHERE)
                .param("userId", userId.value())
                .param("orgId", orgId.value())
                .query(Boolean.class)
                .single());
    }

    @Override
    public void saveProfile(UserId userId, Profile profile, Instant now) {
        this.jdbc.sql(SAVE_PROFILE)
                .param("id", userId.value())
                .param("givenName", profile.givenName())
                .param("familyName", profile.familyName())
                .param("displayName", profile.displayName())
                .param("updatedAt", Columns.timestamp(now))
                .update();
    }

    private static DirectoryUser user(ResultSet row, int rowNumber) throws SQLException {
        return new DirectoryUser(membership(row), new EmailAddress(row.getString("email")),
                new Profile(row.getString("given_name"), row.getString("family_name"),
                        row.getString("display_name")));
    }

    private static Membership membership(ResultSet row) throws SQLException {
        String role = row.getString("role");
        return Membership.restore(new MembershipId(Columns.uuid(row, "id")), new OrgId(Columns.uuid(row, "org_id")),
                new UserId(Columns.uuid(row, "user_id")),
                Role.parse(role).orElseThrow(() -> new SQLException("Unknown role in database: " + role)),
                MembershipStatus.fromValue(row.getString("status")), row.getString("external_id"),
                row.getLong("version"), Columns.instant(row, "created_at"), Columns.instant(row, "updated_at"));
    }
}
