package io.saaskit.core.auth;

import java.util.Objects;

import io.saaskit.core.identity.IssuedSession;
import io.saaskit.core.identity.UserId;
import io.saaskit.core.tenancy.OrgId;

/**
 * The result of a successful registration or login: who, in which organization, with a new session.
 *
 * @param userId the user
 * @param orgId the organization created at registration, or the earliest one at login
 * @param session the new session and its token
 */
public record SignedIn(UserId userId, OrgId orgId, IssuedSession session) {

    public SignedIn {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(session, "session");
    }
}
