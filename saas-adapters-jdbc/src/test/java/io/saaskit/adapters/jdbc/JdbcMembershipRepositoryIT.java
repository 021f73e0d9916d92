package io.saaskit.adapters.jdbc;

import io.saaskit.core.identity.UserId;
import io.saaskit.core.identity.port.UserRepository;
import io.saaskit.core.membership.MemberAlreadyExistsException;
import io.saaskit.core.membership.Membership;
import io.saaskit.core.membership.Role;
import io.saaskit.core.membership.port.MembershipRepository;
import io.saaskit.core.membership.port.MembershipRepositoryContractTests;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.tenancy.port.OrganizationRepository;
import io.saaskit.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JdbcMembershipRepositoryIT extends MembershipRepositoryContractTests {

    private final MembershipRepository memberships =
            new JdbcMembershipRepository(SharedDatabase.get().dataSource(), JdbcSettings.defaults());

    private final UserRepository users =
            new JdbcUserRepository(SharedDatabase.get().dataSource(), JdbcSettings.defaults());

    private final OrganizationRepository organizations =
            new JdbcOrganizationRepository(SharedDatabase.get().dataSource(), JdbcSettings.defaults());

    private final TransactionRunner transactions = new JdbcTransactionRunner(SharedDatabase.get().dataSource());

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
    void membershipFiledUnderAnotherOrganizationIsRefused() {
        Organization orgA = storedOrganization();
        Organization orgB = storedOrganization();
        Membership ofB = Fixtures.membership(this.clock, orgB.id(), storedUser().id(), Role.MEMBER);

        assertThatIllegalArgumentException().isThrownBy(() -> this.memberships.insert(orgA.id(), ofB));

        assertThat(this.memberships.findById(orgB.id(), ofB.id())).isEmpty();
    }

    @Test
    void membershipOfUnknownUserOrOrganizationIsRefusedByTheForeignKeys() {
        Organization org = storedOrganization();
        OrgId unknownOrg = new OrgId(Ids.next(this.clock));

        assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> this.memberships.insert(org.id(),
                Fixtures.membership(this.clock, org.id(), new UserId(Ids.next(this.clock)), Role.MEMBER)));
        assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> this.memberships.insert(unknownOrg,
                Fixtures.membership(this.clock, unknownOrg, storedUser().id(), Role.MEMBER)));
        assertThat(this.memberships.list(org.id())).isEmpty();
    }

    @Test
    void registrationWritesUserOrganizationAndOwnerInOneTransaction() {
        var user = Fixtures.user(this.clock);
        Organization org = Fixtures.organization(this.clock);
        Membership owner = Fixtures.membership(this.clock, org.id(), user.id(), Role.OWNER);

        this.transactions.run(() -> {
            this.users.insert(user);
            this.organizations.insert(org);
            this.memberships.insert(org.id(), owner);
            assertThat(this.memberships.listActiveForUser(user.id())).hasSize(1);
            assertThat(this.memberships.countActiveOwners(org.id())).isEqualTo(1);
        });

        assertThat(this.memberships.listActiveForUser(user.id())).extracting((m) -> m.orgName())
                .containsExactly(org.name());
    }

    @Test
    void duplicateMemberInsideATransactionRollsTheWholeTransactionBack() {
        Organization org = storedOrganization();
        var existing = storedUser();
        storedMembership(org, existing, Role.OWNER);
        var newcomer = Fixtures.user(this.clock);

        assertThatExceptionOfType(MemberAlreadyExistsException.class).isThrownBy(() -> this.transactions.run(() -> {
            this.users.insert(newcomer);
            this.memberships.insert(org.id(), Fixtures.membership(this.clock, org.id(), existing.id(), Role.MEMBER));
        }));

        assertThat(this.users.findById(newcomer.id())).isEmpty();
    }
}
