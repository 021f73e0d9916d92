package io.saaskit.adapters.jdbc;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.function.IntSupplier;

import io.saaskit.core.identity.User;
import io.saaskit.core.membership.Membership;
import io.saaskit.core.membership.Role;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.testing.Fixtures;
import io.saaskit.core.testing.MutableClock;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Proves the row-level security backstop on a real PostgreSQL: the application connects as an ordinary role that
 * owns the tables (no superuser, no BYPASSRLS), exactly the setting in which a missing {@code org_id} filter would
 * otherwise leak another tenant's rows. Statements here deliberately omit the filters.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RowLevelSecurityIT {

    private static final int POOL_SIZE = 2;

    private final MutableClock clock = new MutableClock();

    private OwnedDatabase database;
    private JdbcClient jdbc;
    private JdbcScopes scopes;
    private TransactionTemplate transactions;
    private Organization orgA;
    private Organization orgB;
    private Membership memberOfB;

    @BeforeAll
    void createTwoOrganizations() {
        this.database = OwnedDatabase.withTenantRole(POOL_SIZE).migrated(JdbcSettings.defaults());
        this.jdbc = JdbcClient.create(this.database.dataSource());
        this.scopes = new JdbcScopes(this.database.dataSource(), JdbcSettings.defaults());
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(this.database.dataSource()));
        JdbcUserRepository users = new JdbcUserRepository(this.database.dataSource(), JdbcSettings.defaults());
        JdbcOrganizationRepository organizations =
                new JdbcOrganizationRepository(this.database.dataSource(), JdbcSettings.defaults());
        JdbcMembershipRepository memberships =
                new JdbcMembershipRepository(this.database.dataSource(), JdbcSettings.defaults());
        this.orgA = Fixtures.organization(this.clock);
        this.orgB = Fixtures.organization(this.clock);
        organizations.insert(this.orgA);
        organizations.insert(this.orgB);
        for (int i = 0; i < 2; i++) {
            User user = Fixtures.user(this.clock);
            users.insert(user);
            memberships.insert(this.orgA.id(), Fixtures.membership(this.clock, this.orgA.id(), user.id(), Role.MEMBER));
        }
        User userOfB = Fixtures.user(this.clock);
        users.insert(userOfB);
        this.memberOfB = Fixtures.membership(this.clock, this.orgB.id(), userOfB.id(), Role.OWNER);
        memberships.insert(this.orgB.id(), this.memberOfB);
    }

    @Test
    void unfilteredSelectInTenantTransactionSeesOnlyThatOrganizationsRows() {
        List<UUID> membershipOrgs = this.scopes.tenant(this.orgA.id(),
                () -> this.jdbc.sql("select org_id from membership").query(UUID.class).list());
        List<UUID> organizations = this.scopes.tenant(this.orgA.id(),
                () -> this.jdbc.sql("select id from organization").query(UUID.class).list());

        assertThat(membershipOrgs).hasSize(2).containsOnly(this.orgA.id().value());
        assertThat(organizations).containsExactly(this.orgA.id().value());
    }

    @Test
    void updateAndDeleteOfAnotherOrganizationsRowsAffectNothing() {
        UUID idOfB = this.memberOfB.id().value();

        int updated = this.scopes.tenant(this.orgA.id(), () -> this.jdbc
                .sql("update membership set role = 'READONLY' where id = :id").param("id", idOfB).update());
        int deleted = this.scopes.tenant(this.orgA.id(), () -> this.jdbc
                .sql("delete from membership where id = :id").param("id", idOfB).update());
        int renamed = this.scopes.tenant(this.orgA.id(), () -> this.jdbc
                .sql("update organization set name = 'taken over' where id = :id")
                .param("id", this.orgB.id().value()).update());
        int touchedEverything = this.transactionRolledBack(() -> this.scopes.tenant(this.orgA.id(),
                () -> this.jdbc.sql("update membership set version = version + 1").update()));

        assertThat(updated).isZero();
        assertThat(deleted).isZero();
        assertThat(renamed).isZero();
        assertThat(touchedEverything).isEqualTo(2);
        assertThat(rowOfB("select role from membership where id = :id", idOfB)).isEqualTo("OWNER");
        assertThat(rowOfB("select name from organization where id = :id", this.orgB.id().value()))
                .isEqualTo(this.orgB.name());
    }

    @Test
    void insertWithAnotherOrganizationsIdIsRefused() {
        assertRefusedByRowLevelSecurity(() -> this.scopes.tenant(this.orgA.id(),
                () -> insertMembership(this.orgB.id())));
        assertRefusedByRowLevelSecurity(() -> this.scopes.tenant(this.orgA.id(), () -> this.jdbc
                .sql("update membership set org_id = :other").param("other", this.orgB.id().value()).update()));

        assertThat(countAll("membership")).isEqualTo(3);
    }

    @Test
    void tenantRoleWithoutOrganizationSettingSeesNothingAndCannotInsert() {
        List<Long> counts = this.transactions.execute((status) -> {
            this.jdbc.sql("select set_config('role', 'saaskit_tenant', true)").query().listOfRows();
            return List.of(count("membership"), count("organization"));
        });

        assertThat(counts).containsExactly(0L, 0L);
        assertRefusedByRowLevelSecurity(() -> this.transactions.execute((status) -> {
            this.jdbc.sql("select set_config('role', 'saaskit_tenant', true)").query().listOfRows();
            return insertMembership(this.orgA.id());
        }));
    }

    @Test
    void undeclaredTransactionOfTheOwningRoleSeesNothingAndCannotInsert() {
        List<Long> counts = this.transactions.execute(
                (status) -> List.of(count("membership"), count("organization")));

        assertThat(counts).containsExactly(0L, 0L);
        assertThat(count("membership")).as("outside any transaction").isZero();
        assertRefusedByRowLevelSecurity(() -> this.transactions.execute((status) -> insertMembership(this.orgA.id())));
    }

    @Test
    void systemScopeSeesEveryOrganization() {
        assertThat(countAll("membership")).isEqualTo(3);
        assertThat(countAll("organization")).isEqualTo(2);
    }

    @Test
    void scopesSwitchCorrectlyWithinOneTransactionAndAcrossASuspendedOne() {
        TransactionTemplate requiresNew =
                new TransactionTemplate(new DataSourceTransactionManager(this.database.dataSource()));
        requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

        List<Object> seen = this.transactions.execute((outer) -> List.of(
                orgsOfMemberships(this.orgA.id()),
                this.scopes.system(() -> count("membership")),
                orgsOfMemberships(this.orgB.id()),
                requiresNew.execute((inner) -> orgsOfMemberships(this.orgA.id())),
                orgsOfMemberships(this.orgB.id()),
                orgsOfMemberships(this.orgA.id())));

        List<UUID> onlyA = List.of(this.orgA.id().value());
        List<UUID> onlyB = List.of(this.orgB.id().value());
        assertThat(seen).containsExactly(onlyA, 3L, onlyB, onlyA, onlyB, onlyA);
    }

    @Test
    void rollbackToASavepointIsFollowedByAFreshScope() {
        TransactionTemplate nested =
                new TransactionTemplate(new DataSourceTransactionManager(this.database.dataSource()));
        nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);

        List<Object> seen = this.transactions.execute((outer) -> {
            List<UUID> first = orgsOfMemberships(this.orgA.id());
            nested.executeWithoutResult((savepoint) -> {
                orgsOfMemberships(this.orgB.id());
                savepoint.setRollbackOnly();
            });
            return List.of(first, orgsOfMemberships(this.orgB.id()), orgsOfMemberships(this.orgA.id()));
        });

        assertThat(seen).containsExactly(List.of(this.orgA.id().value()), List.of(this.orgB.id().value()),
                List.of(this.orgA.id().value()));
    }

    @Test
    void settingNeverLeaksToTheNextBorrowerOfAPooledConnection() {
        for (int i = 0; i < 1000; i++) {
            Organization org = (i % 2 == 0) ? this.orgA : this.orgB;
            List<UUID> visible = this.scopes.tenant(org.id(),
                    () -> this.jdbc.sql("select org_id from membership").query(UUID.class).list());
            assertThat(visible).as("transaction %d of %s", i, org.id()).isNotEmpty().containsOnly(org.id().value());
            if (i % 50 == 49) {
                assertUnscopedTransactionSeesNothing();
            }
        }
        assertUnscopedTransactionSeesNothing();
    }

    private void assertUnscopedTransactionSeesNothing() {
        List<Object> state = this.transactions.execute((status) -> List.of(
                count("membership"),
                this.jdbc.sql("select current_user").query(String.class).single(),
                this.jdbc.sql("select coalesce(current_setting('app.org_id', true), '')").query(String.class).single(),
                this.jdbc.sql("select coalesce(current_setting('app.system', true), '')").query(String.class)
                        .single()));

        assertThat(state).containsExactly(0L, this.database.role(), "", "");
    }

    private static void assertRefusedByRowLevelSecurity(ThrowingCallable statement) {
        assertThatExceptionOfType(DataAccessException.class).isThrownBy(statement)
                .satisfies((ex) -> assertThat(ex.getMostSpecificCause())
                        .isInstanceOfSatisfying(SQLException.class,
                                (sql) -> assertThat(sql.getSQLState()).isEqualTo("42501"))
                        .hasMessageContaining("row-level security"));
    }

    private List<UUID> orgsOfMemberships(OrgId orgId) {
        return this.scopes.tenant(orgId,
                () -> this.jdbc.sql("select distinct org_id from membership").query(UUID.class).list());
    }

    private int insertMembership(OrgId orgId) {
        return this.jdbc.sql("""
                        insert into membership (id, org_id, user_id, role, status, version, created_at, updated_at)
                        select :id, :orgId, id, 'MEMBER', 'active', 1, now(), now() from app_user limit 1
                        """)
                .param("id", UUID.randomUUID())
                .param("orgId", orgId.value())
                .update();
    }

    private long count(String table) {
        return this.jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private long countAll(String table) {
        return this.scopes.system(() -> count(table));
    }

    private String rowOfB(String sql, UUID id) {
        return this.scopes.system(() -> this.jdbc.sql(sql).param("id", id).query(String.class).single());
    }

    private int transactionRolledBack(IntSupplier work) {
        Integer result = this.transactions.execute((status) -> {
            status.setRollbackOnly();
            return work.getAsInt();
        });
        return (result != null) ? result : -1;
    }
}
