package io.saaskit.core.identity.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.saaskit.core.identity.Session;
import io.saaskit.core.identity.SessionId;
import io.saaskit.core.identity.UserId;

/**
 * Stores sessions. Sessions belong to users, not organizations, and are never cached across requests so a
 * revocation takes effect on the next request everywhere.
 */
public interface SessionRepository {

    /**
     * Stores a new session.
     * @param session the session
     */
    void insert(Session session);

    /**
     * Finds a session by the hash of its token.
     * @param tokenHash hex SHA-256 of the raw token
     * @return the session, or empty
     */
    Optional<Session> findByTokenHash(String tokenHash);

    /**
     * Records a sliding refresh: the new expiry and the activity time, in one write.
     * @param id the session
     * @param expiresAt the new expiry
     * @param lastSeenAt the activity time
     */
    void touch(SessionId id, Instant expiresAt, Instant lastSeenAt);

    /**
     * Deletes one session.
     * @param id the session
     * @return true when a session was deleted
     */
    boolean delete(SessionId id);

    /**
     * Deletes one session only if it belongs to the user, so nobody can revoke another user's session.
     * @param userId the owner
     * @param id the session
     * @return true when a session was deleted
     */
    boolean deleteForUser(UserId userId, SessionId id);

    /**
     * Deletes every session of a user.
     * @param userId the user
     * @return how many were deleted
     */
    int deleteAllForUser(UserId userId);

    /**
     * Keeps the user's newest sessions (by creation time, then id) and deletes the rest.
     * @param userId the user
     * @param keep how many to keep
     * @return how many were deleted
     */
    int deleteAllButNewest(UserId userId, int keep);

    /**
     * Lists a user's sessions, newest first.
     * @param userId the user
     * @return the sessions
     */
    List<Session> listForUser(UserId userId);

    /**
     * Deletes sessions whose expiry has passed or that were created before the absolute cutoff.
     * @param now the current time
     * @param createdBefore sessions created before this are past their absolute lifetime
     * @return how many were deleted
     */
    int deleteExpired(Instant now, Instant createdBefore);
}
