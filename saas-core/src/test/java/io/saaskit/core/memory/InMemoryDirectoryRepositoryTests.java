package io.saaskit.core.memory;

import io.saaskit.core.identity.port.UserRepository;
import io.saaskit.core.membership.port.MembershipRepository;
import io.saaskit.core.provisioning.port.DirectoryRepository;
import io.saaskit.core.provisioning.port.DirectoryRepositoryContractTests;
import io.saaskit.core.tenancy.port.OrganizationRepository;

class InMemoryDirectoryRepositoryTests extends DirectoryRepositoryContractTests {

    private final InMemoryUserRepository users = new InMemoryUserRepository();

    private final InMemoryOrganizationRepository organizations = new InMemoryOrganizationRepository();

    private final InMemoryMembershipRepository memberships =
            new InMemoryMembershipRepository(this.users, this.organizations);

    private final InMemoryDirectoryRepository directory = new InMemoryDirectoryRepository(this.memberships, this.users);

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
}
