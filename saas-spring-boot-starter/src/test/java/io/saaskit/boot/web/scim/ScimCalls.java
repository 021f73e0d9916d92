package io.saaskit.boot.web.scim;

import java.nio.charset.StandardCharsets;

import io.saaskit.boot.web.testing.Account;
import io.saaskit.boot.web.testing.Accounts;
import io.saaskit.boot.web.testing.Http;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RunningApp;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SCIM calls over raw HTTP, as an identity provider makes them: {@code application/scim+json} bodies and a Bearer
 * token, plus the owners' token endpoints.
 */
final class ScimCalls {

    static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";

    static final String PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

    private final RunningApp app;

    ScimCalls(RunningApp app) {
        this.app = app;
    }

    /**
     * Creates a per-organization token as the owner.
     * @param owner the owner
     * @return the token
     */
    String token(Account owner) {
        Reply reply = this.app.http().post("/org/scim-tokens").bearer(owner.token()).org(owner.orgId())
                .json("{\"name\":\"okta\"}").send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().get("token").stringValue();
    }

    Http.Call call(String method, String path, @Nullable String token) {
        Http.Call call = this.app.http().method(method, "/scim/v2" + path);
        return (token != null) ? call.bearer(token) : call;
    }

    Reply get(String path, String token) {
        return call("GET", path, token).send();
    }

    Reply send(String method, String path, String token, String json) {
        return call(method, path, token).body("application/scim+json", json.getBytes(StandardCharsets.UTF_8))
                .send();
    }

    Reply create(String token, String userName, String extra) {
        return send("POST", "/Users", token, "{\"schemas\":[\"" + USER_SCHEMA + "\"],\"userName\":\"" + userName
                + "\"" + (extra.isEmpty() ? "" : "," + extra) + "}");
    }

    /**
     * Provisions a user and returns its id.
     * @param token the SCIM token
     * @param userName the email
     * @param extra more members of the User, without braces
     * @return the id
     */
    String created(String token, String userName, String extra) {
        Reply reply = create(token, userName, extra);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        this.app.clock().advanceSeconds(1);
        return reply.json().get("id").stringValue();
    }

    Reply patch(String token, String id, String operations) {
        return send("PATCH", "/Users/" + id, token, "{\"schemas\":[\"" + PATCH_SCHEMA + "\"],\"Operations\":["
                + operations + "]}");
    }

    /**
     * Whether the account's session still works.
     * @param account the account
     * @return the status of {@code GET /auth/me} with its session cookie
     */
    int sessionStatus(Account account) {
        return this.app.http().get("/auth/me").cookie(account.token()).send().status();
    }

    static String uniqueEmail() {
        return Accounts.uniqueEmail();
    }
}
