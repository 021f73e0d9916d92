package io.saaskit.boot.web.auth;

/**
 * The body of a successful registration or login.
 *
 * @param userId the user
 * @param orgId the organization created at registration, or the earliest one at login
 * @param sessionToken the signed session token, also set as the {@code sid} cookie
 */
public record SessionResponse(String userId, String orgId, String sessionToken) {

    @Override
    public String toString() {
        return "SessionResponse[userId=" + this.userId + ", orgId=" + this.orgId + ", sessionToken=<redacted>]";
    }
}
