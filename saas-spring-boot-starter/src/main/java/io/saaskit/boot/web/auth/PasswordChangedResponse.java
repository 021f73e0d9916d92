package io.saaskit.boot.web.auth;

/**
 * The body of a successful {@code POST /auth/password}: the caller's new session token, since every earlier session,
 * the caller's included, has been ended.
 *
 * @param ok always true
 * @param sessionToken the new signed session token, also set as the {@code sid} cookie
 */
public record PasswordChangedResponse(boolean ok, String sessionToken) {

    /**
     * A success with the new token.
     * @param sessionToken the new token
     * @return the body
     */
    public static PasswordChangedResponse of(String sessionToken) {
        return new PasswordChangedResponse(true, sessionToken);
    }

    @Override
    public String toString() {
        return "PasswordChangedResponse[ok=" + this.ok + ", sessionToken=<redacted>]";
    }
}
