package io.saaskit.adapters.jdbc;

import io.saaskit.core.provisioning.port.ScimTokenRepository;
import io.saaskit.core.provisioning.port.ScimTokenRepositoryContractTests;
import io.saaskit.core.tenancy.port.OrganizationRepository;

class JdbcScimTokenRepositoryIT extends ScimTokenRepositoryContractTests {

    private final ScimTokenRepository tokens =
            new JdbcScimTokenRepository(SharedDatabase.get().dataSource(), JdbcSettings.defaults());

    private final OrganizationRepository organizations =
            new JdbcOrganizationRepository(SharedDatabase.get().dataSource(), JdbcSettings.defaults());

    @Override
    protected ScimTokenRepository tokens() {
        return this.tokens;
    }

    @Override
    protected OrganizationRepository organizations() {
        return this.organizations;
    }
}
