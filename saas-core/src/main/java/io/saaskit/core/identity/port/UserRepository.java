package io.saaskit.core.identity.port;

import java.util.Optional;

import io.saaskit.core.identity.EmailAddress;
import io.saaskit.core.identity.User;
import io.saaskit.core.identity.UserId;

/**
 * Stores users. Users are global (not tenant-owned); emails are unique.
 */
public interface UserRepository {

    /**
     * Stores a new user.
     * @param user the user
     * @throws io.saaskit.core.identity.EmailAlreadyRegisteredException when the email is taken
     */
    void insert(User user);

    /**
     * Replaces a stored user's mutable fields.
     * @param user the changed user
     */
    void update(User user);

    /**
     * Finds a user by id.
     * @param id the id
     * @return the user, or empty
     */
    Optional<User> findById(UserId id);

    /**
     * Finds a user by normalised email.
     * @param email the address
     * @return the user, or empty
     */
    Optional<User> findByEmail(EmailAddress email);
}
