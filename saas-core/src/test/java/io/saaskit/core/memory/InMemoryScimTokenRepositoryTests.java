package io.saaskit.core.memory;

import io.saaskit.core.provisioning.port.ScimTokenRepository;
import io.saaskit.core.provisioning.port.ScimTokenRepositoryContractTests;
import io.saaskit.core.tenancy.port.OrganizationRepository;

class InMemoryScimTokenRepositoryTests extends ScimTokenRepositoryContractTests {

    private final InMemoryScimTokenRepository tokens = new InMemoryScimTokenRepository();

    private final InMemoryOrganizationRepository organizations = new InMemoryOrganizationRepository();

    @Override
    protected ScimTokenRepository tokens() {
        return this.tokens;
    }

    @Override
    protected OrganizationRepository organizations() {
        return this.organizations;
    }
}
