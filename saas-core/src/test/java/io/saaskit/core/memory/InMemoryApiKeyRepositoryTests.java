package io.saaskit.core.memory;

import io.saaskit.core.apikey.port.ApiKeyRepository;
import io.saaskit.core.apikey.port.ApiKeyRepositoryContractTests;
import io.saaskit.core.tenancy.port.OrganizationRepository;

class InMemoryApiKeyRepositoryTests extends ApiKeyRepositoryContractTests {

    private final InMemoryApiKeyRepository apiKeys = new InMemoryApiKeyRepository();

    private final InMemoryOrganizationRepository organizations = new InMemoryOrganizationRepository();

    @Override
    protected ApiKeyRepository apiKeys() {
        return this.apiKeys;
    }

    @Override
    protected OrganizationRepository organizations() {
        return this.organizations;
    }
}
