package io.saaskit.core.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.saaskit.core.identity.port.SessionRepository;
import io.saaskit.core.shared.ClientInfo;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.shared.port.TransactionRunner;

/**
 * Creates, checks and revokes sessions.
 *
 * <p>Every check applies the full expiry rules: idle expiry, absolute lifetime (the row is deleted), and a
 * sliding refresh written at most once per half idle window. Nothing is cached, so revocations are immediate.
 */
public final class SessionService {

    private final SessionRepository sessions;
    private final TransactionRunner transactions;
    private final Clock clock;
    private final SessionSettings settings;
    private final SessionTokens tokens;

    public SessionService(SessionRepository sessions, TransactionRunner transactions, Clock clock,
            SessionSettings settings) {
        this.sessions = sessions;
        this.transactions = transactions;
        this.clock = clock;
        this.settings = settings;
        this.tokens = new SessionTokens(settings.secret());
    }

    /**
     * Starts a session for a user and evicts the user's oldest sessions beyond the per-user cap.
     * @param userId the user
     * @param client where the login came from
     * @return the session and its signed token
     */
    public IssuedSession start(UserId userId, ClientInfo client) {
        Instant now = this.clock.instant();
        SessionTokens.IssuedToken token = this.tokens.issue();
        Session session = Session.start(new SessionId(Ids.next(this.clock)), userId, token.hash(), client,
                this.settings, now);
        this.transactions.run(() -> {
            this.sessions.insert(session);
            this.sessions.deleteAllButNewest(userId, this.settings.maxPerUser());
        });
        return new IssuedSession(session, token.value());
    }

    /**
     * Checks a presented token and applies the expiry rules.
     * @param presented the signed token from the cookie or the Bearer header
     * @return the active session, or why it was rejected
     */
    public SessionCheck check(String presented) {
        Optional<String> hash = this.tokens.verify(presented);
        if (hash.isEmpty()) {
            return new SessionCheck.Rejected(SessionCheck.Reason.INVALID_SESSION);
        }
        Optional<Session> found = this.sessions.findByTokenHash(hash.get());
        if (found.isEmpty()) {
            return new SessionCheck.Rejected(SessionCheck.Reason.INVALID_SESSION);
        }
        Session session = found.get();
        Instant now = this.clock.instant();
        if (session.isExpired(now)) {
            return new SessionCheck.Rejected(SessionCheck.Reason.INVALID_SESSION);
        }
        if (session.isPastAbsoluteLifetime(this.settings.ttl(), now)) {
            this.sessions.delete(session.id());
            return new SessionCheck.Rejected(SessionCheck.Reason.SESSION_ABSOLUTE_EXPIRED);
        }
        Optional<Session> refreshed = session.slide(this.settings, now);
        refreshed.ifPresent((s) -> this.sessions.touch(s.id(), s.expiresAt(), s.lastSeenAt()));
        return new SessionCheck.Active(refreshed.orElse(session));
    }

    /**
     * Ends the session a token belongs to, if the token is valid; never fails.
     * @param presented the signed token
     * @return the user whose session ended, or empty when the token named no session
     */
    public Optional<UserId> end(String presented) {
        Optional<Session> session = this.tokens.verify(presented).flatMap(this.sessions::findByTokenHash);
        session.ifPresent((found) -> this.sessions.delete(found.id()));
        return session.map(Session::userId);
    }

    /**
     * Ends one session.
     * @param id the session
     */
    public void end(SessionId id) {
        this.sessions.delete(id);
    }

    /**
     * Ends one of a user's sessions; another user's session id is treated as unknown.
     * @param userId the caller
     * @param id the session
     * @return true when the session existed and belonged to the user
     */
    public boolean endOwn(UserId userId, SessionId id) {
        return this.sessions.deleteForUser(userId, id);
    }

    /**
     * Ends every session of a user.
     * @param userId the user
     * @return how many sessions were ended
     */
    public int endAll(UserId userId) {
        return this.sessions.deleteAllForUser(userId);
    }

    /**
     * Lists a user's sessions, newest first.
     * @param userId the user
     * @return the sessions
     */
    public List<Session> list(UserId userId) {
        return this.sessions.listForUser(userId);
    }

    /**
     * Deletes sessions past their idle or absolute expiry; run periodically by the worker.
     * @return how many were deleted
     */
    public int deleteExpired() {
        Instant now = this.clock.instant();
        return this.sessions.deleteExpired(now, now.minus(this.settings.ttl()));
    }

    /**
     * The settings in force, for the web layer's cookie attributes.
     * @return the settings
     */
    public SessionSettings settings() {
        return this.settings;
    }
}
