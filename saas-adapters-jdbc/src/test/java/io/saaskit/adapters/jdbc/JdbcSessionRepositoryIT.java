package io.saaskit.adapters.jdbc;

import io.saaskit.core.identity.port.SessionRepository;
import io.saaskit.core.identity.port.SessionRepositoryContractTests;
import io.saaskit.core.identity.port.UserRepository;

class JdbcSessionRepositoryIT extends SessionRepositoryContractTests {

    private final SessionRepository sessions =
            new JdbcSessionRepository(SharedDatabase.get().dataSource(), JdbcSettings.defaults());

    private final UserRepository users =
            new JdbcUserRepository(SharedDatabase.get().dataSource(), JdbcSettings.defaults());

    @Override
    protected SessionRepository sessions() {
        return this.sessions;
    }

    @Override
    protected UserRepository users() {
        return this.users;
    }
}
