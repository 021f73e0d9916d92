package io.saaskit.core.identity;

import java.util.Objects;

/**
 * A session just created, with the one copy of its signed token the client will ever get.
 *
 * @param session the stored session
 * @param token the signed token for the cookie and the {@code sessionToken} field
 */
public record IssuedSession(Session session, String token) {

    public IssuedSession {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(token, "token");
    }

    @Override
    public String toString() {
        return "IssuedSession[id=" + this.session.id() + ", token=<redacted>]";
    }
}
