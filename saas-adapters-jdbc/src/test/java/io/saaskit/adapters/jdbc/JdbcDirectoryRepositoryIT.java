package io.saaskit.adapters.jdbc;

import io.saaskit.core.identity.port.UserRepository;
import io.saaskit.core.membership.port.MembershipRepository;
import io.saaskit.core.provisioning.UserFilterParser;
import io.saaskit.core.provisioning.UserQuery;
import io.saaskit.core.provisioning.port.DirectoryRepository;
import io.saaskit.core.provisioning.port.DirectoryRepositoryContractTests;
import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.tenancy.port.OrganizationRepository;
import io.saaskit.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcDirectoryRepositoryIT extends DirectoryRepositoryContractTests {

    private final DirectoryRepository directory =
            new JdbcDirectoryRepository(SharedDatabase.get().dataSource(), JdbcSettings.defaults());

    private final MembershipRepository memberships =
            new JdbcMembershipRepository(SharedDatabase.get().dataSource(), JdbcSettings.defaults());

    private final UserRepository users =
            new JdbcUserRepository(SharedDatabase.get().dataSource(), JdbcSettings.defaults());

    private final OrganizationRepository organizations =
            new JdbcOrganizationRepository(SharedDatabase.get().dataSource(), JdbcSettings.defaults());

    @Override
    protected DirectoryRepository directory() {
        return this.directory;
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
    void filterValuesTravelAsParametersNeverInTheSqlText() {
        String hostile = "x' or '1'='1";
        JdbcUserFilters.Condition condition = JdbcUserFilters.compile(UserFilterParser.parse(
                "userName eq \"" + hostile + "\" or displayName co \"'; drop table membership; --\""));

        assertThat(condition.sql()).doesNotContain("'1'='1").doesNotContain("drop table");
        assertThat(condition.parameters().values()).contains(hostile, "%'; drop table membership; --%");
    }

    @Test
    void hostileFilterValuesMatchNothingAndBreakNothing() {
        Organization org = Fixtures.organization(this.clock);
        this.organizations.insert(org);

        assertThat(this.directory.search(org.id(), UserQuery.of(UserFilterParser.parse(
                "userName eq \"x' or '1'='1\" or displayName co \"'; drop table membership; --\""), 10))
                .totalResults()).isZero();
        assertThat(this.directory.search(org.id(), UserQuery.of(null, 10)).totalResults()).isZero();
    }
}
