package io.saaskit.boot.web.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.saaskit.boot.web.support.JsonTimestamps;
import io.saaskit.core.identity.Session;
import io.saaskit.core.identity.SessionId;
import org.jspecify.annotations.Nullable;

/**
 * One entry of {@code GET /auth/sessions}: a session of the signed-in user as the user may see it. The token and its
 * hash are never part of it, so the list cannot be used to take over another device's session.
 *
 * @param id the session id, the handle for {@code DELETE /auth/sessions/:id}
 * @param createdAt when the session was started
 * @param lastSeenAt the last recorded activity
 * @param expiresAt when the session expires unless it is used again
 * @param ip the client address at sign-in, or {@code null}
 * @param userAgent the user agent at sign-in, or {@code null}
 * @param current whether this is the session the request was made with
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UserSessionResponse(String id, String createdAt, String lastSeenAt, String expiresAt,
        @Nullable String ip, @Nullable String userAgent, boolean current) {

    /**
     * Builds the entry.
     * @param session the session
     * @param currentId the id of the caller's own session
     * @return the entry
     */
    public static UserSessionResponse of(Session session, SessionId currentId) {
        return new UserSessionResponse(session.id().toString(), JsonTimestamps.format(session.createdAt()),
                JsonTimestamps.format(session.lastSeenAt()), JsonTimestamps.format(session.expiresAt()),
                session.ip().orElse(null), session.userAgent().orElse(null), session.id().equals(currentId));
    }
}
