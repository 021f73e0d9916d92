package io.saaskit.core.identity;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A person who can sign in. Users are global; what they may do in an organization comes from their membership.
 */
public final class User {

    private final UserId id;
    private final EmailAddress email;
    private final @Nullable String passwordHash;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final @Nullable Instant passwordChangedAt;

    private User(UserId id, EmailAddress email, @Nullable String passwordHash, Instant createdAt, Instant updatedAt,
            @Nullable Instant passwordChangedAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.email = Objects.requireNonNull(email, "email");
        this.passwordHash = passwordHash;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        this.passwordChangedAt = passwordChangedAt;
    }

    /**
     * A new user with a password.
     * @param id the id
     * @param email the address
     * @param passwordHash the encoded hash from the {@link io.saaskit.core.identity.port.PasswordHasher}
     * @param now the creation time
     * @return the user
     */
    public static User create(UserId id, EmailAddress email, @Nullable String passwordHash, Instant now) {
        return new User(id, email, passwordHash, now, now, (passwordHash != null) ? now : null);
    }

    /**
     * Rebuilds a stored user.
     * @param id the id
     * @param email the address
     * @param passwordHash the stored hash, or {@code null} when no password is set
     * @param createdAt when created
     * @param updatedAt when last changed
     * @param passwordChangedAt when the password was last set
     * @return the user
     */
    public static User restore(UserId id, EmailAddress email, @Nullable String passwordHash, Instant createdAt,
            Instant updatedAt, @Nullable Instant passwordChangedAt) {
        return new User(id, email, passwordHash, createdAt, updatedAt, passwordChangedAt);
    }

    /**
     * The same user with a new password hash, for a password change.
     * @param newHash the new hash
     * @param now the change time
     * @return the changed user
     */
    public User changePassword(String newHash, Instant now) {
        return new User(this.id, this.email, newHash, this.createdAt, now, now);
    }

    /**
     * The same user with the same password re-encoded under current parameters; not a password change.
     * @param newHash the new encoding
     * @param now the time
     * @return the changed user
     */
    public User rehashPassword(String newHash, Instant now) {
        return new User(this.id, this.email, newHash, this.createdAt, now, this.passwordChangedAt);
    }

    public UserId id() {
        return this.id;
    }

    public EmailAddress email() {
        return this.email;
    }

    public Optional<String> passwordHash() {
        return Optional.ofNullable(this.passwordHash);
    }

    public Instant createdAt() {
        return this.createdAt;
    }

    public Instant updatedAt() {
        return this.updatedAt;
    }

    public Optional<Instant> passwordChangedAt() {
        return Optional.ofNullable(this.passwordChangedAt);
    }
}
