package io.saaskit.boot.web.auth;

import java.util.Objects;

import io.saaskit.core.identity.Session;
import io.saaskit.core.identity.UserId;

/**
 * The session a request was authenticated with; controllers declare a parameter of this type to require one.
 *
 * @param session the active session
 * @param token the token the request presented
 */
public record AuthenticatedSession(Session session, PresentedToken token) {

    public AuthenticatedSession {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(token, "token");
    }

    /**
     * The signed-in user.
     * @return the user id
     */
    public UserId userId() {
        return this.session.userId();
    }
}
