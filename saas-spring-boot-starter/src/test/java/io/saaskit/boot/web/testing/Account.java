package io.saaskit.boot.web.testing;

/**
 * A user signed up through the API.
 *
 * @param email the email
 * @param password the password
 * @param userId the user id
 * @param orgId the organization created with the account
 * @param token the session token
 */
public record Account(String email, String password, String userId, String orgId, String token) {

    /**
     * The same account with another session token.
     * @param newToken the token
     * @return the account
     */
    public Account withToken(String newToken) {
        return new Account(this.email, this.password, this.userId, this.orgId, newToken);
    }
}
