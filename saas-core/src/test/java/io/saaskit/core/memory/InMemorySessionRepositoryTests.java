package io.saaskit.core.memory;

import io.saaskit.core.identity.port.SessionRepository;
import io.saaskit.core.identity.port.SessionRepositoryContractTests;
import io.saaskit.core.identity.port.UserRepository;

class InMemorySessionRepositoryTests extends SessionRepositoryContractTests {

    private final InMemoryUserRepository users = new InMemoryUserRepository();

    private final InMemorySessionRepository sessions = new InMemorySessionRepository();

    @Override
    protected SessionRepository sessions() {
        return this.sessions;
    }

    @Override
    protected UserRepository users() {
        return this.users;
    }
}
