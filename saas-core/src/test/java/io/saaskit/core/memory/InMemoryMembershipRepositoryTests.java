package io.saaskit.core.memory;

import io.saaskit.core.identity.UserId;
import io.saaskit.core.identity.port.UserRepository;
import io.saaskit.core.membership.Role;
import io.saaskit.core.membership.port.MembershipRepository;
import io.saaskit.core.membership.port.MembershipRepositoryContractTests;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.tenancy.port.OrganizationRepository;
import io.saaskit.core.testing.Fixtures;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InMemoryMembershipRepositoryTests extends MembershipRepositoryContractTests {

    private final InMemoryUserRepository users = new InMemoryUserRepository();

    private final InMemoryOrganizationRepository organizations = new InMemoryOrganizationRepository();

    private final InMemoryMembershipRepository memberships =
            new InMemoryMembershipRepository(this.users, this.organizations);

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
    void membershipOfUnknownUserIsRefusedLikeAForeignKey() {
        Organization org = storedOrganization();

        assertThatIllegalArgumentException().isThrownBy(() -> this.memberships.insert(org.id(),
                Fixtures.membership(this.clock, org.id(), new UserId(Ids.next(this.clock)), Role.MEMBER)));
    }

    @Test
    void membershipOfUnknownOrganizationIsRefusedLikeAForeignKey() {
        OrgId unknown = new OrgId(Ids.next(this.clock));

        assertThatIllegalArgumentException().isThrownBy(() -> this.memberships.insert(unknown,
                Fixtures.membership(this.clock, unknown, storedUser().id(), Role.MEMBER)));
    }

    @Test
    void membershipFiledUnderAnotherOrganizationIsRefused() {
        Organization orgA = storedOrganization();
        Organization orgB = storedOrganization();

        assertThatIllegalArgumentException().isThrownBy(() -> this.memberships.insert(orgA.id(),
                Fixtures.membership(this.clock, orgB.id(), storedUser().id(), Role.MEMBER)));
    }
}
