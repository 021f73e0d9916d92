package io.saaskit.core.memory;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.saaskit.core.identity.Session;
import io.saaskit.core.identity.SessionId;
import io.saaskit.core.identity.UserId;
import io.saaskit.core.identity.port.SessionRepository;

/**
 * A {@link SessionRepository} kept in memory, for tests and for embedding the core without a database.
 *
 * <p>Thread-safe: every method holds the instance's monitor. Sessions live as long as the process.
 */
public final class InMemorySessionRepository implements SessionRepository {

    /** Newest first: by creation time, then by id text (the order of a database's uuid column). */
    private static final Comparator<Session> NEWEST_FIRST = Comparator.comparing(Session::createdAt)
            .thenComparing((Session s) -> s.id().toString())
            .reversed();

    private final Map<SessionId, Session> byId = new HashMap<>();

    private final Map<String, SessionId> idByTokenHash = new HashMap<>();

    @Override
    public synchronized void insert(Session session) {
        if (this.byId.containsKey(session.id()) || this.idByTokenHash.containsKey(session.tokenHash())) {
            throw new IllegalStateException("Session " + session.id() + " already exists");
        }
        this.byId.put(session.id(), session);
        this.idByTokenHash.put(session.tokenHash(), session.id());
    }

    @Override
    public synchronized Optional<Session> findByTokenHash(String tokenHash) {
        return Optional.ofNullable(this.idByTokenHash.get(tokenHash)).map(this.byId::get);
    }

    @Override
    public synchronized void touch(SessionId id, Instant expiresAt, Instant lastSeenAt) {
        Session current = this.byId.get(id);
        if (current != null) {
            this.byId.put(id, Session.restore(current.id(), current.userId(), current.tokenHash(),
                    current.createdAt(), expiresAt, lastSeenAt, current.ip().orElse(null),
                    current.userAgent().orElse(null)));
        }
    }

    @Override
    public synchronized boolean delete(SessionId id) {
        Session removed = this.byId.remove(id);
        if (removed == null) {
            return false;
        }
        this.idByTokenHash.remove(removed.tokenHash());
        return true;
    }

    @Override
    public synchronized boolean deleteForUser(UserId userId, SessionId id) {
        Session session = this.byId.get(id);
        if (session == null || !session.userId().equals(userId)) {
            return false;
        }
        return delete(id);
    }

    @Override
    public synchronized int deleteAllForUser(UserId userId) {
        List<Session> owned = listForUser(userId);
        owned.forEach((session) -> delete(session.id()));
        return owned.size();
    }

    @Override
    public synchronized int deleteAllButNewest(UserId userId, int keep) {
        List<Session> surplus = listForUser(userId).stream().skip(Math.max(keep, 0)).toList();
        surplus.forEach((session) -> delete(session.id()));
        return surplus.size();
    }

    @Override
    public synchronized List<Session> listForUser(UserId userId) {
        return this.byId.values().stream()
                .filter((session) -> session.userId().equals(userId))
                .sorted(NEWEST_FIRST)
                .toList();
    }

    @Override
    public synchronized int deleteExpired(Instant now, Instant createdBefore) {
        List<Session> expired = this.byId.values().stream()
                .filter((session) -> session.isExpired(now) || session.createdAt().isBefore(createdBefore))
                .toList();
        expired.forEach((session) -> delete(session.id()));
        return expired.size();
    }
}
