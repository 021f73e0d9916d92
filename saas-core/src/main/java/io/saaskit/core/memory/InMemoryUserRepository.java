package io.saaskit.core.memory;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.saaskit.core.identity.EmailAddress;
import io.saaskit.core.identity.EmailAlreadyRegisteredException;
import io.saaskit.core.identity.User;
import io.saaskit.core.identity.UserId;
import io.saaskit.core.identity.port.UserRepository;

/**
 * A {@link UserRepository} kept in memory, for tests and for embedding the core without a database.
 *
 * <p>Thread-safe: every method holds the instance's monitor, so the email uniqueness check and the insert are
 * one atomic step, as a unique index makes them in a database.
 */
public final class InMemoryUserRepository implements UserRepository {

    private final Map<UserId, User> byId = new HashMap<>();

    private final Map<EmailAddress, UserId> idByEmail = new HashMap<>();

    @Override
    public synchronized void insert(User user) {
        if (this.idByEmail.containsKey(user.email())) {
            throw new EmailAlreadyRegisteredException();
        }
        if (this.byId.containsKey(user.id())) {
            throw new IllegalStateException("User " + user.id() + " already exists");
        }
        this.byId.put(user.id(), user);
        this.idByEmail.put(user.email(), user.id());
    }

    @Override
    public synchronized void update(User user) {
        User current = this.byId.get(user.id());
        if (current == null) {
            return;
        }
        if (!current.email().equals(user.email())) {
            UserId owner = this.idByEmail.get(user.email());
            if (owner != null && !owner.equals(user.id())) {
                throw new EmailAlreadyRegisteredException();
            }
            this.idByEmail.remove(current.email());
            this.idByEmail.put(user.email(), user.id());
        }
        this.byId.put(user.id(), user);
    }

    @Override
    public synchronized Optional<User> findById(UserId id) {
        return Optional.ofNullable(this.byId.get(id));
    }

    @Override
    public synchronized Optional<User> findByEmail(EmailAddress email) {
        return Optional.ofNullable(this.idByEmail.get(email)).map(this.byId::get);
    }
}
