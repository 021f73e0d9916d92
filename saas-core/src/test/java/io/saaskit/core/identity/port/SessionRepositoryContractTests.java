package io.saaskit.core.identity.port;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import io.saaskit.core.identity.Session;
import io.saaskit.core.identity.SessionId;
import io.saaskit.core.identity.User;
import io.saaskit.core.identity.UserId;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.testing.Fixtures;
import io.saaskit.core.testing.MutableClock;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link SessionRepository} must show. Extend it once per implementation and return the
 * repository under test from {@link #sessions()}, and a user store sharing its database from {@link #users()}
 * (sessions belong to stored users).
 *
 * <p>Every test uses fresh users, ids and token hashes, so implementations may share one database across tests
 * without cleaning up. The one bulk delete ({@code deleteExpired}) is exercised in a year no other test uses.
 */
public abstract class SessionRepositoryContractTests {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The clock that stamps test records; its instants have whole milliseconds. */
    protected final MutableClock clock = new MutableClock();

    /**
     * The repository under test. May be called many times per test; every call must see the same store.
     * @return the repository
     */
    protected abstract SessionRepository sessions();

    /**
     * A user repository on the same store, used to create the sessions' owners.
     * @return the user repository
     */
    protected abstract UserRepository users();

    @Test
    void insertedSessionIsFoundByTokenHashWithEveryField() {
        UserId userId = storedUser();
        Session session = session(userId, "203.0.113.7", "Mozilla/5.0 (Contract)");
        sessions().insert(session);

        Optional<Session> found = sessions().findByTokenHash(session.tokenHash());

        assertThat(found).isPresent();
        assertSameSession(found.get(), session);
    }

    @Test
    void sessionWithoutClientDetailsIsStored() {
        Session session = session(storedUser(), null, null);
        sessions().insert(session);

        Session found = sessions().findByTokenHash(session.tokenHash()).orElseThrow();

        assertThat(found.ip()).isEmpty();
        assertThat(found.userAgent()).isEmpty();
    }

    @Test
    void unknownTokenHashIsNotFound() {
        assertThat(sessions().findByTokenHash(randomHash())).isEmpty();
    }

    @Test
    void touchStoresNewExpiryAndActivityOnly() {
        Session session = session(storedUser(), "198.51.100.1", "ua");
        sessions().insert(session);
        Instant later = this.clock.advance(Duration.ofMinutes(20));
        Instant newExpiry = later.plus(Duration.ofHours(1));

        sessions().touch(session.id(), newExpiry, later);

        Session found = sessions().findByTokenHash(session.tokenHash()).orElseThrow();
        assertThat(found.expiresAt()).isEqualTo(newExpiry);
        assertThat(found.lastSeenAt()).isEqualTo(later);
        assertThat(found.createdAt()).isEqualTo(session.createdAt());
        assertThat(found.id()).isEqualTo(session.id());
        assertThat(found.ip()).contains("198.51.100.1");
    }

    @Test
    void deleteRemovesTheSessionOnce() {
        Session session = session(storedUser(), null, null);
        sessions().insert(session);

        assertThat(sessions().delete(session.id())).isTrue();
        assertThat(sessions().findByTokenHash(session.tokenHash())).isEmpty();
        assertThat(sessions().delete(session.id())).isFalse();
    }

    @Test
    void deleteForUserRemovesOwnSession() {
        UserId owner = storedUser();
        Session session = session(owner, null, null);
        sessions().insert(session);

        assertThat(sessions().deleteForUser(owner, session.id())).isTrue();
        assertThat(sessions().findByTokenHash(session.tokenHash())).isEmpty();
    }

    @Test
    void deleteForUserRefusesAnotherUsersSession() {
        UserId owner = storedUser();
        UserId stranger = storedUser();
        Session session = session(owner, null, null);
        sessions().insert(session);

        assertThat(sessions().deleteForUser(stranger, session.id())).isFalse();
        assertThat(sessions().findByTokenHash(session.tokenHash())).isPresent();
    }

    @Test
    void deleteAllForUserRemovesOnlyThatUsersSessions() {
        UserId user = storedUser();
        UserId other = storedUser();
        sessions().insert(session(user, null, null));
        sessions().insert(session(user, null, null));
        sessions().insert(session(user, null, null));
        Session kept = session(other, null, null);
        sessions().insert(kept);

        assertThat(sessions().deleteAllForUser(user)).isEqualTo(3);

        assertThat(sessions().listForUser(user)).isEmpty();
        assertThat(sessions().listForUser(other)).extracting(Session::id).containsExactly(kept.id());
        assertThat(sessions().deleteAllForUser(user)).isZero();
    }

    @Test
    void listForUserIsNewestFirst() {
        UserId user = storedUser();
        Session oldest = session(user, null, null);
        this.clock.advance(Duration.ofSeconds(1));
        Session middle = session(user, null, null);
        this.clock.advance(Duration.ofSeconds(1));
        Session newest = session(user, null, null);
        sessions().insert(middle);
        sessions().insert(newest);
        sessions().insert(oldest);
        sessions().insert(session(storedUser(), null, null));

        assertThat(sessions().listForUser(user)).extracting(Session::id)
                .containsExactly(newest.id(), middle.id(), oldest.id());
    }

    @Test
    void listForUserWithoutSessionsIsEmpty() {
        assertThat(sessions().listForUser(storedUser())).isEmpty();
    }

    @Test
    void deleteAllButNewestKeepsTheNewestByCreationTime() {
        UserId user = storedUser();
        List<Session> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Session session = session(user, null, null);
            created.add(session);
            this.clock.advance(Duration.ofSeconds(1));
        }
        for (int i = created.size() - 1; i >= 0; i--) {
            sessions().insert(created.get(i));
        }
        Session otherUsers = session(storedUser(), null, null);
        sessions().insert(otherUsers);

        assertThat(sessions().deleteAllButNewest(user, 2)).isEqualTo(3);

        assertThat(sessions().listForUser(user)).extracting(Session::id)
                .containsExactly(created.get(4).id(), created.get(3).id());
        assertThat(sessions().findByTokenHash(otherUsers.tokenHash())).isPresent();
    }

    @Test
    void deleteAllButNewestBreaksCreationTimeTiesById() {
        UserId user = storedUser();
        List<Session> sameInstant = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sameInstant.add(session(user, null, null));
        }
        sameInstant.forEach(sessions()::insert);
        List<SessionId> expectedKept = sameInstant.stream()
                .map(Session::id)
                .sorted(Comparator.comparing(SessionId::toString).reversed())
                .limit(2)
                .toList();

        assertThat(sessions().deleteAllButNewest(user, 2)).isEqualTo(2);

        assertThat(sessions().listForUser(user)).extracting(Session::id)
                .containsExactlyInAnyOrderElementsOf(expectedKept);
    }

    @Test
    void deleteAllButNewestDeletesNothingUnderTheCap() {
        UserId user = storedUser();
        sessions().insert(session(user, null, null));
        sessions().insert(session(user, null, null));

        assertThat(sessions().deleteAllButNewest(user, 2)).isZero();
        assertThat(sessions().deleteAllButNewest(user, 5)).isZero();
        assertThat(sessions().listForUser(user)).hasSize(2);
    }

    @Test
    void deleteExpiredRemovesIdleExpiredAndAbsolutelyExpiredSessions() {
        // A year no other test writes, so a shared database loses nothing to this bulk delete.
        this.clock.set(Instant.parse("2001-06-01T00:00:00.000Z"));
        UserId user = storedUser();
        Instant start = this.clock.instant();
        Session idleExpired = Session.restore(new SessionId(Ids.next(this.clock)), user, randomHash(), start,
                start.plus(Duration.ofHours(1)), start, null, null);
        Session expiringExactlyNow = Session.restore(new SessionId(Ids.next(this.clock)), user, randomHash(), start,
                start.plus(Duration.ofHours(2)), start, null, null);
        Session tooOld = Session.restore(new SessionId(Ids.next(this.clock)), user, randomHash(),
                start.minus(Duration.ofDays(8)), start.plus(Duration.ofDays(1)), start, null, null);
        Session alive = Session.restore(new SessionId(Ids.next(this.clock)), user, randomHash(), start,
                start.plus(Duration.ofDays(1)), start, null, null);
        List.of(idleExpired, expiringExactlyNow, tooOld, alive).forEach(sessions()::insert);
        Instant now = start.plus(Duration.ofHours(2));

        int deleted = sessions().deleteExpired(now, now.minus(Duration.ofDays(7)));

        assertThat(deleted).isGreaterThanOrEqualTo(3);
        assertThat(sessions().listForUser(user)).extracting(Session::id).containsExactly(alive.id());
    }

    /**
     * Stores a fresh user to own sessions.
     * @return the user's id
     */
    protected UserId storedUser() {
        User user = Fixtures.user(this.clock);
        users().insert(user);
        return user.id();
    }

    /**
     * A new session created now, expiring in an hour, with a random token hash; not stored.
     * @param userId the owner
     * @param ip the client address
     * @param userAgent the user agent
     * @return the session
     */
    protected Session session(UserId userId, @Nullable String ip, @Nullable String userAgent) {
        Instant now = this.clock.instant();
        return Session.restore(new SessionId(Ids.next(this.clock)), userId, randomHash(), now,
                now.plus(Duration.ofHours(1)), now, ip, userAgent);
    }

    /**
     * A random 64-character hex string, shaped like a SHA-256 token hash.
     * @return the hash
     */
    protected static String randomHash() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Asserts that a loaded session carries every field of the expected one.
     * @param actual the loaded session
     * @param expected the stored session
     */
    protected static void assertSameSession(Session actual, Session expected) {
        assertThat(actual.id()).isEqualTo(expected.id());
        assertThat(actual.userId()).isEqualTo(expected.userId());
        assertThat(actual.tokenHash()).isEqualTo(expected.tokenHash());
        assertThat(actual.createdAt()).isEqualTo(expected.createdAt());
        assertThat(actual.expiresAt()).isEqualTo(expected.expiresAt());
        assertThat(actual.lastSeenAt()).isEqualTo(expected.lastSeenAt());
        assertThat(actual.ip()).isEqualTo(expected.ip());
        assertThat(actual.userAgent()).isEqualTo(expected.userAgent());
    }
}
