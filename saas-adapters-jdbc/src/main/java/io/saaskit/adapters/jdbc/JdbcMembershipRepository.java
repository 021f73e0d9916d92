package io.saaskit.adapters.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import io.saaskit.core.identity.EmailAddress;
import io.saaskit.core.identity.UserId;
import io.saaskit.core.membership.MemberAlreadyExistsException;
import io.saaskit.core.membership.MemberView;
import io.saaskit.core.membership.Membership;
import io.saaskit.core.membership.MembershipId;
import io.saaskit.core.membership.MembershipStatus;
import io.saaskit.core.membership.Role;
import io.saaskit.core.membership.UserMembership;
import io.saaskit.core.membership.port.MembershipRepository;
import io.saaskit.core.tenancy.OrgId;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link MembershipRepository} on the {@code membership} table. Tenant-scoped methods filter on {@code org_id} and
 * run in the organization's tenant scope, so row-level security hides every other organization's rows even if a
 * filter were missing; {@link #listActiveForUser(UserId)} is the one declared cross-tenant system path.
 */
public final class JdbcMembershipRepository implements MembershipRepository {

    private static final String MEMBER_CONSTRAINT = "membership_org_user_key";

    private static final String INSERT = """
            insert into membership (id, org_id, user_id, role, status, external_id, version, created_at, updated_at)
            values (:id, :orgId, :userId, :role, :status, :externalId, :version, :createdAt, :updatedAt)
            """;

    private static final String UPDATE = """
            update membership
               set role = :role, status = :status, external_id = :externalId, version = :version,
                   updated_at = :updatedAt
             where org_id = :orgId and id = :id
            """;

    private static final String DELETE = """
            delete from membership where org_id = :orgId and id = :id
            """;

    private static final String FIND_BY_ID = """
            select id, org_id, user_id, role, status, external_id, version, created_at, updated_at
              from membership
             where org_id = :orgId and id = :id
            """;

    private static final String FIND_BY_USER = """
            select id, org_id, user_id, role, status, external_id, version, created_at, updated_at
              from membership
             where org_id = :orgId and user_id = :userId
            """;

    private static final String LIST = """
            select m.id, m.org_id, m.user_id, m.role, m.status, m.external_id, m.version, m.created_at,
                   m.updated_at, u.email
              from membership m
              join app_user u on u.id = m.user_id
             where m.org_id = :orgId
             order by m.created_at, m.id
            """;

    private static final String COUNT_ACTIVE_OWNERS = """
            select count(*)
              from membership
             where org_id = :orgId and role = 'OWNER' and status = 'active'
            """;

    private static final String COUNT_ACTIVE = """
            select count(*)
              from membership
             where org_id = :orgId and status = 'active'
            """;

    private static final String LIST_ACTIVE_FOR_USER = """
            select m.org_id, o.name, m.role, m.created_at
              from membership m
              join organization o on o.id = m.org_id
             where m.user_id = :userId and m.status = 'active'
             order by m.created_at, m.id
            """;

    private final JdbcClient jdbc;
    private final JdbcScopes scopes;

    /**
     * Creates the repository.
     * @param dataSource the database holding the saaskit schema
     * @param settings the adapter settings
     */
    public JdbcMembershipRepository(DataSource dataSource, JdbcSettings settings) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
        this.scopes = new JdbcScopes(dataSource, settings);
    }

    @Override
    public void insert(OrgId orgId, Membership membership) {
        if (!orgId.equals(membership.orgId())) {
            throw new IllegalArgumentException("Membership " + membership.id() + " belongs to another organization");
        }
        try {
            this.scopes.tenant(orgId, () -> this.jdbc.sql(INSERT)
                    .param("id", membership.id().value())
                    .param("orgId", orgId.value())
                    .param("userId", membership.userId().value())
                    .param("role", membership.role().name())
                    .param("status", membership.status().value())
                    .param("externalId", membership.externalId().orElse(null))
                    .param("version", membership.version())
                    .param("createdAt", Columns.timestamp(membership.createdAt()))
                    .param("updatedAt", Columns.timestamp(membership.updatedAt()))
                    .update());
        }
        catch (DataIntegrityViolationException ex) {
            if (UniqueViolation.of(ex, MEMBER_CONSTRAINT)) {
                throw new MemberAlreadyExistsException();
            }
            throw ex;
        }
    }

    @Override
    public boolean update(OrgId orgId, Membership membership) {
        return this.scopes.tenant(orgId, () -> this.jdbc.sql(UPDATE)
                .param("orgId", orgId.value())
                .param("id", membership.id().value())
                .param("role", membership.role().name())
                .param("status", membership.status().value())
                .param("externalId", membership.externalId().orElse(null))
                .param("version", membership.version())
                .param("updatedAt", Columns.timestamp(membership.updatedAt()))
                .update() > 0);
    }

    @Override
    public boolean delete(OrgId orgId, MembershipId id) {
        return this.scopes.tenant(orgId, () -> this.jdbc.sql(DELETE)
                .param("orgId", orgId.value())
                .param("id", id.value())
                .update() > 0);
    }

    @Override
    public Optional<Membership> findById(OrgId orgId, MembershipId id) {
        return this.scopes.tenant(orgId, () -> this.jdbc.sql(FIND_BY_ID)
                .param("orgId", orgId.value())
                .param("id", id.value())
                .query(JdbcMembershipRepository::membership)
                .optional());
    }

    @Override
    public Optional<Membership> findByUser(OrgId orgId, UserId userId) {
        return this.scopes.tenant(orgId, () -> this.jdbc.sql(FIND_BY_USER)
                .param("orgId", orgId.value())
                .param("userId", userId.value())
                .query(JdbcMembershipRepository::membership)
                .optional());
    }

    @Override
    public List<MemberView> list(OrgId orgId) {
        return this.scopes.tenant(orgId, () -> this.jdbc.sql(LIST)
                .param("orgId", orgId.value())
                .query((row, rowNumber) -> new MemberView(membership(row, rowNumber),
                        new EmailAddress(row.getString("email"))))
                .list());
    }

    @Override
    public long countActiveOwners(OrgId orgId) {
        return this.scopes.tenant(orgId, () -> this.jdbc.sql(COUNT_ACTIVE_OWNERS)
                .param("orgId", orgId.value())
                .query(Long.class)
                .single());
    }

    @Override
    public long countActive(OrgId orgId) {
        return this.scopes.tenant(orgId, () -> this.jdbc.sql(COUNT_ACTIVE)
                .param("orgId", orgId.value())
                .query(Long.class)
                .single());
    }

    @Override
    public List<UserMembership> listActiveForUser(UserId userId) {
        return this.scopes.system(() -> this.jdbc.sql(LIST_ACTIVE_FOR_USER)
                .param("userId", userId.value())
                .query((row, rowNumber) -> new UserMembership(new OrgId(Columns.uuid(row, "org_id")),
                        row.getString("name"), role(row.getString("role")), Columns.instant(row, "created_at")))
                .list());
    }

    private static Membership membership(ResultSet row, int rowNumber) throws SQLException {
        return Membership.restore(new MembershipId(Columns.uuid(row, "id")), new OrgId(Columns.uuid(row, "org_id")),
                new UserId(Columns.uuid(row, "user_id")), role(row.getString("role")),
                MembershipStatus.fromValue(row.getString("status")), row.getString("external_id"),
                row.getLong("version"), Columns.instant(row, "created_at"), Columns.instant(row, "updated_at"));
    }

    private static Role role(String name) {
        return Role.parse(name).orElseThrow(() -> new IllegalStateException("Unknown role in database: " + name));
    }
}
