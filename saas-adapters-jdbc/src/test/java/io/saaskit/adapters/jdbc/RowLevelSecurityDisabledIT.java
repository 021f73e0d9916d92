package io.saaskit.adapters.jdbc;

import io.saaskit.core.identity.port.UserRepository;
import io.saaskit.core.membership.Membership;
import io.saaskit.core.membership.Role;
import io.saaskit.core.membership.port.MembershipRepository;
import io.saaskit.core.membership.port.MembershipRepositoryContractTests;
import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.tenancy.port.OrganizationRepository;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A database user that can neither create nor assume {@code saaskit_tenant} still migrates the schema, and with
 * row-level security switched off every repository keeps its contract; the policies still admit the owner only on
 * declared paths, so undeclared statements keep failing closed.
 */
class RowLevelSecurityDisabledIT extends MembershipRepositoryContractTests {

    private static final JdbcSettings WITHOUT_ROW_LEVEL_SECURITY = new JdbcSettings(false);

    private static OwnedDatabase database;

    private final MembershipRepository memberships =
            new JdbcMembershipRepository(database().dataSource(), WITHOUT_ROW_LEVEL_SECURITY);

    private final UserRepository users = new JdbcUserRepository(database().dataSource(), WITHOUT_ROW_LEVEL_SECURITY);

    private final OrganizationRepository organizations =
            new JdbcOrganizationRepository(database().dataSource(), WITHOUT_ROW_LEVEL_SECURITY);

    private static synchronized OwnedDatabase database() {
        if (database == null) {
            database = OwnedDatabase.withoutTenantRole(4).migrated(WITHOUT_ROW_LEVEL_SECURITY);
        }
        return database;
    }

    @Override
    protected MembershipRepository memberships() {
        return this.memberships;
    }

    @Override
    protected UserRepository users() {
        return this.users;
    }

    @Override
    protected OrganizationRepository organizations() {
        return this.organizations;
    }

    @Test
    void schemaIsCurrentAndTheUserCannotAssumeTheTenantRole() {
        JdbcClient jdbc = JdbcClient.create(database().dataSource());

        assertThat(new JdbcSchemaMigrator(database().dataSource(), WITHOUT_ROW_LEVEL_SECURITY).status().isCurrent())
                .isTrue();
        assertThat(jdbc.sql("select pg_has_role(current_user, 'saaskit_tenant', 'MEMBER')").query(Boolean.class)
                .single()).isFalse();
    }

    @Test
    void rowLevelSecurityOnFailsInsteadOfRunningUnprotected() {
        MembershipRepository withRowLevelSecurity =
                new JdbcMembershipRepository(database().dataSource(), JdbcSettings.defaults());
        Organization org = storedOrganization();

        assertThatExceptionOfType(DataAccessException.class)
                .isThrownBy(() -> withRowLevelSecurity.list(org.id()));
    }

    @Test
    void undeclaredStatementsOfTheOwnerStillSeeNothing() {
        Organization org = storedOrganization();
        Membership owner = storedMembership(org, storedUser(), Role.OWNER);
        JdbcClient jdbc = JdbcClient.create(database().dataSource());

        assertThat(this.memberships.findById(org.id(), owner.id())).isPresent();
        assertThat(jdbc.sql("select count(*) from membership").query(Long.class).single()).isZero();
    }
}
