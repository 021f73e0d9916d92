package io.saaskit.core.identity.port;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import io.saaskit.core.identity.EmailAddress;
import io.saaskit.core.identity.EmailAlreadyRegisteredException;
import io.saaskit.core.identity.User;
import io.saaskit.core.identity.UserId;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.testing.Fixtures;
import io.saaskit.core.testing.MutableClock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The behaviour every {@link UserRepository} must show. Extend it once per implementation and return the
 * repository under test from {@link #users()}.
 *
 * <p>Every test uses fresh ids and emails, so implementations may share one database across tests and test
 * classes without cleaning up.
 */
public abstract class UserRepositoryContractTests {

    /** The clock that stamps test records; its instants have whole milliseconds. */
    protected final MutableClock clock = new MutableClock();

    /**
     * The repository under test. May be called many times per test; every call must see the same store.
     * @return the repository
     */
    protected abstract UserRepository users();

    @Test
    void insertedUserIsFoundByIdWithEveryField() {
        User user = Fixtures.user(this.clock);
        users().insert(user);

        Optional<User> found = users().findById(user.id());

        assertThat(found).isPresent();
        assertSameUser(found.get(), user);
    }

    @Test
    void insertedUserIsFoundByEmail() {
        User user = Fixtures.user(this.clock);
        users().insert(user);

        Optional<User> found = users().findByEmail(user.email());

        assertThat(found).map(User::id).contains(user.id());
    }

    @Test
    void emailLookupIgnoresCaseAndSurroundingSpaceOfTheInput() {
        User user = Fixtures.user(this.clock);
        users().insert(user);
        String shouted = "  " + user.email().value().toUpperCase(Locale.ROOT) + " ";

        Optional<User> found = users().findByEmail(new EmailAddress(shouted));

        assertThat(found).map(User::id).contains(user.id());
    }

    @Test
    void userWithoutPasswordIsStoredWithoutHash() {
        User user = User.create(new UserId(Ids.next(this.clock)), Fixtures.uniqueEmail(), null, this.clock.instant());
        users().insert(user);

        User found = users().findById(user.id()).orElseThrow();

        assertThat(found.passwordHash()).isEmpty();
        assertThat(found.passwordChangedAt()).isEmpty();
    }

    @Test
    void unknownIdIsNotFound() {
        assertThat(users().findById(new UserId(Ids.next(this.clock)))).isEmpty();
    }

    @Test
    void unknownEmailIsNotFound() {
        assertThat(users().findByEmail(Fixtures.uniqueEmail())).isEmpty();
    }

    @Test
    void secondUserWithSameEmailIsRefusedAndFirstIsKept() {
        User first = Fixtures.user(this.clock);
        users().insert(first);
        User second = Fixtures.user(this.clock, first.email());

        assertThatExceptionOfType(EmailAlreadyRegisteredException.class)
                .isThrownBy(() -> users().insert(second));

        assertThat(users().findById(second.id())).isEmpty();
        assertThat(users().findByEmail(first.email())).map(User::id).contains(first.id());
    }

    @Test
    void passwordChangeIsStored() {
        User user = Fixtures.user(this.clock);
        users().insert(user);
        this.clock.advance(Duration.ofMinutes(5));
        User changed = user.changePassword("$test$aa$bb", this.clock.instant());

        users().update(changed);

        User found = users().findById(user.id()).orElseThrow();
        assertSameUser(found, changed);
        assertThat(found.passwordHash()).contains("$test$aa$bb");
        assertThat(found.passwordChangedAt()).contains(this.clock.instant());
        assertThat(found.createdAt()).isEqualTo(user.createdAt());
    }

    @Test
    void rehashKeepsPasswordChangeTime() {
        User user = Fixtures.user(this.clock);
        users().insert(user);
        this.clock.advance(Duration.ofMinutes(5));

        users().update(user.rehashPassword("$test$cc$dd", this.clock.instant()));

        User found = users().findById(user.id()).orElseThrow();
        assertThat(found.passwordHash()).contains("$test$cc$dd");
        assertThat(found.passwordChangedAt()).isEqualTo(user.passwordChangedAt());
        assertThat(found.updatedAt()).isEqualTo(this.clock.instant());
    }

    @Test
    void updateOfOneUserLeavesOthersAlone() {
        User user = Fixtures.user(this.clock);
        User other = Fixtures.user(this.clock);
        users().insert(user);
        users().insert(other);

        users().update(user.changePassword("$test$ee$ff", this.clock.instant()));

        assertSameUser(users().findById(other.id()).orElseThrow(), other);
    }

    /**
     * Asserts that a loaded user carries every field of the expected one.
     * @param actual the loaded user
     * @param expected the stored user
     */
    protected static void assertSameUser(User actual, User expected) {
        assertThat(actual.id()).isEqualTo(expected.id());
        assertThat(actual.email()).isEqualTo(expected.email());
        assertThat(actual.passwordHash()).isEqualTo(expected.passwordHash());
        assertThat(actual.createdAt()).isEqualTo(expected.createdAt());
        assertThat(actual.updatedAt()).isEqualTo(expected.updatedAt());
        assertThat(actual.passwordChangedAt()).isEqualTo(expected.passwordChangedAt());
    }
}
