package io.saaskit.core.memory;

import io.saaskit.core.identity.port.UserRepository;
import io.saaskit.core.identity.port.UserRepositoryContractTests;

class InMemoryUserRepositoryTests extends UserRepositoryContractTests {

    private final InMemoryUserRepository users = new InMemoryUserRepository();

    @Override
    protected UserRepository users() {
        return this.users;
    }
}
