package io.saaskit.adapters.jdbc;

import io.saaskit.core.identity.port.UserRepository;
import io.saaskit.core.identity.port.UserRepositoryContractTests;

class JdbcUserRepositoryIT extends UserRepositoryContractTests {

    private final UserRepository users =
            new JdbcUserRepository(SharedDatabase.get().dataSource(), JdbcSettings.defaults());

    @Override
    protected UserRepository users() {
        return this.users;
    }
}
