package io.saaskit.boot.web.testing;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Creates accounts and memberships through the public API, the way a client would.
 */
public final class Accounts {

    /** A password that satisfies the policy. */
    public static final String PASSWORD = "StrongPass1!";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final RunningApp app;

    public Accounts(RunningApp app) {
        this.app = app;
    }

    /**
     * A unique email address.
     * @return the address
     */
    public static String uniqueEmail() {
        return "user" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8)
                + "@example.com";
    }

    /**
     * Registers a user with a new organization. The clock moves a second afterwards, so records created next
     * sort after this one.
     * @return the account
     */
    public Account register() {
        return registerFrom(null);
    }

    /**
     * Registers a user with a new organization from a given client address, sent as {@code X-Forwarded-For}
     * (it counts only where the application trusts the loopback proxy).
     * @param forwardedFor the client address, or {@code null} for the socket address
     * @return the account
     */
    public Account registerFrom(@Nullable String forwardedFor) {
        String email = uniqueEmail();
        Http.Call call = this.app.http().post("/auth/register")
                .json("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"orgName\":\"Org "
                        + SEQUENCE.incrementAndGet() + "\"}");
        if (forwardedFor != null) {
            call.header("X-Forwarded-For", forwardedFor);
        }
        Reply reply = call.send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        JsonNode json = reply.json();
        this.app.clock().advanceSeconds(1);
        return new Account(email, PASSWORD, json.get("userId").stringValue(), json.get("orgId").stringValue(),
                json.get("sessionToken").stringValue());
    }

    /**
     * Signs an account in again.
     * @param account the account
     * @return the login reply
     */
    public Reply login(Account account) {
        return this.app.http().post("/auth/login")
                .json("{\"email\":\"" + account.email() + "\",\"password\":\"" + account.password() + "\"}")
                .send();
    }

    /**
     * Adds a registered user to an owner's organization.
     * @param owner the owner (or admin) adding
     * @param member the user to add
     * @param role the role
     * @return the membership id
     */
    public String addMember(Account owner, Account member, String role) {
        Reply reply = this.app.http().post("/org/members").bearer(owner.token()).org(owner.orgId())
                .json("{\"email\":\"" + member.email() + "\",\"role\":\"" + role + "\"}")
                .send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        this.app.clock().advanceSeconds(1);
        return reply.json().get("id").stringValue();
    }
}
