package io.saaskit.core.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.saaskit.core.identity.port.SessionRepository;
import io.saaskit.core.memory.InMemorySessionRepository;
import io.saaskit.core.memory.InMemoryTransactionRunner;
import io.saaskit.core.shared.ClientInfo;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.testing.MutableClock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SessionServiceTests {

    private static final String SECRET = "0123456789abcdef-session-secret";

    private static final Duration TTL = Duration.ofHours(24);

    private static final Duration IDLE = Duration.ofHours(2);

    private static final ClientInfo CLIENT = new ClientInfo("203.0.113.9", "JUnit");

    private final MutableClock clock = new MutableClock();

    private final CountingSessionRepository repository = new CountingSessionRepository();

    private final SessionService service = service(new SessionSettings(TTL, IDLE, true, 3, SECRET));

    private final UserId alice = new UserId(Ids.next(this.clock));

    private final UserId bob = new UserId(Ids.next(this.clock));

    @Test
    void startedSessionIsActive() {
        IssuedSession issued = this.service.start(this.alice, CLIENT);

        SessionCheck check = this.service.check(issued.token());

        assertThat(check).isInstanceOf(SessionCheck.Active.class);
        Session session = ((SessionCheck.Active) check).session();
        assertThat(session.id()).isEqualTo(issued.session().id());
        assertThat(session.userId()).isEqualTo(this.alice);
        assertThat(session.ip()).contains("203.0.113.9");
        assertThat(session.userAgent()).contains("JUnit");
    }

    @Test
    void storedSessionKeepsOnlyTheTokenHash() {
        IssuedSession issued = this.service.start(this.alice, CLIENT);

        Session stored = this.repository.listForUser(this.alice).get(0);

        assertThat(stored.tokenHash()).hasSize(64).doesNotContain(issued.token().split("\\.")[0]);
        assertThat(issued.toString()).doesNotContain(issued.token());
    }

    @Test
    void slidingSessionStartsWithTheIdleExpiry() {
        Instant now = this.clock.instant();

        IssuedSession issued = this.service.start(this.alice, CLIENT);

        assertThat(issued.session().expiresAt()).isEqualTo(now.plus(IDLE));
        assertThat(issued.session().createdAt()).isEqualTo(now);
        assertThat(issued.session().lastSeenAt()).isEqualTo(now);
    }

    @Test
    void slidingSessionExpiryIsCappedByTheTtlAtCreation() {
        SessionService service = service(new SessionSettings(Duration.ofHours(1), IDLE, true, 3, SECRET));

        IssuedSession issued = service.start(this.alice, CLIENT);

        assertThat(issued.session().expiresAt()).isEqualTo(this.clock.instant().plus(Duration.ofHours(1)));
    }

    @Test
    void fixedSessionExpiresAtTheTtl() {
        SessionService service = service(new SessionSettings(TTL, IDLE, false, 3, SECRET));

        IssuedSession issued = service.start(this.alice, CLIENT);

        assertThat(issued.session().expiresAt()).isEqualTo(this.clock.instant().plus(TTL));
    }

    @Test
    void sessionIsRejectedOnceIdleTimeoutPasses() {
        IssuedSession issued = this.service.start(this.alice, CLIENT);

        this.clock.advance(IDLE);

        assertThat(this.service.check(issued.token()))
                .isEqualTo(new SessionCheck.Rejected(SessionCheck.Reason.INVALID_SESSION));
    }

    @Test
    void sessionIsActiveJustBeforeIdleTimeout() {
        IssuedSession issued = this.service.start(this.alice, CLIENT);

        this.clock.advance(IDLE.minusMillis(1));

        assertThat(this.service.check(issued.token())).isInstanceOf(SessionCheck.Active.class);
    }

    @Test
    void sessionPastItsAbsoluteLifetimeIsRejectedAndDeleted() {
        SessionTokens tokens = new SessionTokens(SECRET);
        SessionTokens.IssuedToken token = tokens.issue();
        Instant created = this.clock.instant();
        // An expiry beyond the TTL, as left behind when the TTL is shortened.
        Session session = Session.restore(new SessionId(Ids.next(this.clock)), this.alice, token.hash(), created,
                created.plus(Duration.ofDays(30)), created, null, null);
        this.repository.insert(session);

        this.clock.advance(TTL);

        assertThat(this.service.check(token.value()))
                .isEqualTo(new SessionCheck.Rejected(SessionCheck.Reason.SESSION_ABSOLUTE_EXPIRED));
        assertThat(this.repository.findByTokenHash(token.hash())).isEmpty();
    }

    @Test
    void sessionJustBeforeItsAbsoluteLifetimeIsActive() {
        SessionTokens.IssuedToken token = new SessionTokens(SECRET).issue();
        Instant created = this.clock.instant();
        this.repository.insert(Session.restore(new SessionId(Ids.next(this.clock)), this.alice, token.hash(),
                created, created.plus(Duration.ofDays(30)), created, null, null));

        this.clock.advance(TTL.minusMillis(1));

        assertThat(this.service.check(token.value())).isInstanceOf(SessionCheck.Active.class);
    }

    @Test
    void activeUseNeverOutlivesTheTtl() {
        IssuedSession issued = this.service.start(this.alice, CLIENT);
        Instant created = this.clock.instant();
        List<Instant> lastActive = new ArrayList<>();

        while (this.service.check(issued.token()) instanceof SessionCheck.Active) {
            lastActive.add(this.clock.instant());
            this.clock.advance(Duration.ofMinutes(30));
        }

        assertThat(lastActive.get(lastActive.size() - 1)).isBefore(created.plus(TTL));
        assertThat(this.clock.instant()).isEqualTo(created.plus(TTL));
    }

    @Test
    void checkWithPlentyOfIdleTimeLeftWritesNothing() {
        IssuedSession issued = this.service.start(this.alice, CLIENT);

        this.clock.advance(IDLE.dividedBy(2).minusMillis(1));
        SessionCheck check = this.service.check(issued.token());

        assertThat(this.repository.touches).hasValue(0);
        assertThat(((SessionCheck.Active) check).session().expiresAt()).isEqualTo(issued.session().expiresAt());
    }

    @Test
    void checkWithLessThanHalfTheIdleTimeLeftSlidesTheExpiry() {
        IssuedSession issued = this.service.start(this.alice, CLIENT);

        Instant now = this.clock.advance(IDLE.dividedBy(2).plusMillis(1));
        SessionCheck check = this.service.check(issued.token());

        assertThat(this.repository.touches).hasValue(1);
        Session refreshed = ((SessionCheck.Active) check).session();
        assertThat(refreshed.expiresAt()).isEqualTo(now.plus(IDLE));
        assertThat(refreshed.lastSeenAt()).isEqualTo(now);
        Session stored = this.repository.findByTokenHash(issued.session().tokenHash()).orElseThrow();
        assertThat(stored.expiresAt()).isEqualTo(now.plus(IDLE));
        assertThat(stored.lastSeenAt()).isEqualTo(now);
    }

    @Test
    void busySessionIsWrittenAtMostOncePerHalfIdleWindow() {
        IssuedSession issued = this.service.start(this.alice, CLIENT);

        for (int minute = 1; minute <= 240; minute++) {
            this.clock.advance(Duration.ofMinutes(1));
            assertThat(this.service.check(issued.token())).isInstanceOf(SessionCheck.Active.class);
        }

        // Refreshes fall due when less than an hour is left: at minutes 61, 122 and 183.
        assertThat(this.repository.touches).hasValue(3);
    }

    @Test
    void slidingRefreshIsCappedByTheTtl() {
        SessionService service = service(new SessionSettings(Duration.ofHours(3), IDLE, true, 3, SECRET));
        IssuedSession issued = service.start(this.alice, CLIENT);
        Instant created = this.clock.instant();

        this.clock.advance(Duration.ofMinutes(90));
        SessionCheck check = service.check(issued.token());

        assertThat(((SessionCheck.Active) check).session().expiresAt()).isEqualTo(created.plus(Duration.ofHours(3)));
    }

    @Test
    void fixedSessionIsNeverRefreshed() {
        SessionService service = service(new SessionSettings(TTL, IDLE, false, 3, SECRET));
        IssuedSession issued = service.start(this.alice, CLIENT);

        this.clock.advance(TTL.minusMinutes(1));

        assertThat(service.check(issued.token())).isInstanceOf(SessionCheck.Active.class);
        assertThat(this.repository.touches).hasValue(0);
    }

    @Test
    void sessionsBeyondThePerUserCapEvictTheOldest() {
        List<IssuedSession> issued = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            issued.add(this.service.start(this.alice, CLIENT));
            this.clock.advance(Duration.ofSeconds(1));
        }

        assertThat(this.service.check(issued.get(0).token())).isInstanceOf(SessionCheck.Rejected.class);
        for (int i = 1; i < 4; i++) {
            assertThat(this.service.check(issued.get(i).token())).isInstanceOf(SessionCheck.Active.class);
        }
        assertThat(this.service.list(this.alice)).extracting(Session::id).containsExactly(
                issued.get(3).session().id(), issued.get(2).session().id(), issued.get(1).session().id());
    }

    @Test
    void perUserCapDoesNotTouchOtherUsers() {
        IssuedSession bobs = this.service.start(this.bob, CLIENT);
        for (int i = 0; i < 5; i++) {
            this.clock.advance(Duration.ofSeconds(1));
            this.service.start(this.alice, CLIENT);
        }

        assertThat(this.service.check(bobs.token())).isInstanceOf(SessionCheck.Active.class);
        assertThat(this.service.list(this.alice)).hasSize(3);
    }

    @Test
    void endedSessionIsRejected() {
        IssuedSession issued = this.service.start(this.alice, CLIENT);
        IssuedSession other = this.service.start(this.alice, CLIENT);

        this.service.end(issued.token());

        assertThat(this.service.check(issued.token())).isInstanceOf(SessionCheck.Rejected.class);
        assertThat(this.service.check(other.token())).isInstanceOf(SessionCheck.Active.class);
    }

    @Test
    void endingAnInvalidTokenDoesNothing() {
        IssuedSession issued = this.service.start(this.alice, CLIENT);

        this.service.end("garbage");
        this.service.end(issued.token() + "x");

        assertThat(this.service.check(issued.token())).isInstanceOf(SessionCheck.Active.class);
    }

    @Test
    void endByIdRemovesTheSession() {
        IssuedSession issued = this.service.start(this.alice, CLIENT);

        this.service.end(issued.session().id());

        assertThat(this.service.check(issued.token())).isInstanceOf(SessionCheck.Rejected.class);
    }

    @Test
    void endAllRemovesEveryOneOfTheUsersSessionsOnly() {
        IssuedSession first = this.service.start(this.alice, CLIENT);
        IssuedSession second = this.service.start(this.alice, CLIENT);
        IssuedSession bobs = this.service.start(this.bob, CLIENT);

        assertThat(this.service.endAll(this.alice)).isEqualTo(2);

        assertThat(this.service.check(first.token())).isInstanceOf(SessionCheck.Rejected.class);
        assertThat(this.service.check(second.token())).isInstanceOf(SessionCheck.Rejected.class);
        assertThat(this.service.check(bobs.token())).isInstanceOf(SessionCheck.Active.class);
    }

    @Test
    void endOwnRemovesOwnSession() {
        IssuedSession issued = this.service.start(this.alice, CLIENT);

        assertThat(this.service.endOwn(this.alice, issued.session().id())).isTrue();
        assertThat(this.service.check(issued.token())).isInstanceOf(SessionCheck.Rejected.class);
    }

    @Test
    void endOwnRefusesAnotherUsersSession() {
        IssuedSession bobs = this.service.start(this.bob, CLIENT);

        assertThat(this.service.endOwn(this.alice, bobs.session().id())).isFalse();
        assertThat(this.service.check(bobs.token())).isInstanceOf(SessionCheck.Active.class);
    }

    @Test
    void endOwnOfUnknownSessionIsFalse() {
        assertThat(this.service.endOwn(this.alice, new SessionId(Ids.next(this.clock)))).isFalse();
    }

    @Test
    void tamperedTokenIsRejectedWithoutAStoreLookup() {
        IssuedSession issued = this.service.start(this.alice, CLIENT);
        String token = issued.token();
        char last = token.charAt(token.length() - 1);
        String tamperedSignature = token.substring(0, token.length() - 1) + ((last == 'A') ? 'B' : 'A');
        String tamperedToken = ((token.charAt(0) == 'A') ? 'B' : 'A') + token.substring(1);
        int lookupsBefore = this.repository.lookups.get();

        assertThat(this.service.check(tamperedSignature))
                .isEqualTo(new SessionCheck.Rejected(SessionCheck.Reason.INVALID_SESSION));
        assertThat(this.service.check(tamperedToken))
                .isEqualTo(new SessionCheck.Rejected(SessionCheck.Reason.INVALID_SESSION));
        assertThat(this.repository.lookups).hasValue(lookupsBefore);
    }

    @Test
    void tokenSignedWithAnotherSecretIsRejected() {
        IssuedSession issued = this.service.start(this.alice, CLIENT);
        SessionService rotated = service(new SessionSettings(TTL, IDLE, true, 3, "another-secret-0123456789"));

        assertThat(rotated.check(issued.token()))
                .isEqualTo(new SessionCheck.Rejected(SessionCheck.Reason.INVALID_SESSION));
        assertThat(this.service.check(issued.token())).isInstanceOf(SessionCheck.Active.class);
    }

    @Test
    void validlySignedButUnknownTokenIsRejected() {
        String unknown = new SessionTokens(SECRET).issue().value();

        assertThat(this.service.check(unknown))
                .isEqualTo(new SessionCheck.Rejected(SessionCheck.Reason.INVALID_SESSION));
    }

    @Test
    void everyStartIssuesADifferentToken() {
        IssuedSession first = this.service.start(this.alice, CLIENT);
        IssuedSession second = this.service.start(this.alice, CLIENT);

        assertThat(first.token()).isNotEqualTo(second.token());
        assertThat(first.session().id()).isNotEqualTo(second.session().id());
    }

    @Test
    void deleteExpiredRemovesIdleAndAbsolutelyExpiredSessions() {
        IssuedSession old = this.service.start(this.alice, CLIENT);
        this.clock.advance(IDLE.minusMinutes(1));
        IssuedSession fresh = this.service.start(this.bob, CLIENT);
        this.clock.advance(Duration.ofMinutes(1));

        assertThat(this.service.deleteExpired()).isEqualTo(1);

        assertThat(this.repository.findByTokenHash(old.session().tokenHash())).isEmpty();
        assertThat(this.service.check(fresh.token())).isInstanceOf(SessionCheck.Active.class);
    }

    @Test
    void rejectionReasonsHaveTheirLogValues() {
        assertThat(SessionCheck.Reason.INVALID_SESSION.logValue()).isEqualTo("invalid_session");
        assertThat(SessionCheck.Reason.SESSION_ABSOLUTE_EXPIRED.logValue()).isEqualTo("session_absolute_expired");
    }

    @Test
    void settingsNeverPrintTheSecret() {
        assertThat(this.service.settings().toString()).doesNotContain(SECRET).contains("<redacted>");
    }

    private SessionService service(SessionSettings settings) {
        return new SessionService(this.repository, new InMemoryTransactionRunner(), this.clock, settings);
    }

    /** Counts lookups and sliding writes, to prove what the service does not do. */
    private static final class CountingSessionRepository implements SessionRepository {

        private final InMemorySessionRepository delegate = new InMemorySessionRepository();

        private final AtomicInteger touches = new AtomicInteger();

        private final AtomicInteger lookups = new AtomicInteger();

        @Override
        public void insert(Session session) {
            this.delegate.insert(session);
        }

        @Override
        public Optional<Session> findByTokenHash(String tokenHash) {
            this.lookups.incrementAndGet();
            return this.delegate.findByTokenHash(tokenHash);
        }

        @Override
        public void touch(SessionId id, Instant expiresAt, Instant lastSeenAt) {
            this.touches.incrementAndGet();
            this.delegate.touch(id, expiresAt, lastSeenAt);
        }

        @Override
        public boolean delete(SessionId id) {
            return this.delegate.delete(id);
        }

        @Override
        public boolean deleteForUser(UserId userId, SessionId id) {
            return this.delegate.deleteForUser(userId, id);
        }

        @Override
        public int deleteAllForUser(UserId userId) {
            return this.delegate.deleteAllForUser(userId);
        }

        @Override
        public int deleteAllButNewest(UserId userId, int keep) {
            return this.delegate.deleteAllButNewest(userId, keep);
        }

        @Override
        public List<Session> listForUser(UserId userId) {
            return this.delegate.listForUser(userId);
        }

        @Override
        public int deleteExpired(Instant now, Instant createdBefore) {
            return this.delegate.deleteExpired(now, createdBefore);
        }
    }
}
