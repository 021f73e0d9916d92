package io.saaskit.boot.web.apikey;

import io.saaskit.boot.web.testing.Account;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RunningApp;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Creates, lists and revokes API keys through the public API, and calls the test API-key route.
 */
final class ApiKeyCalls {

    private final RunningApp app;

    ApiKeyCalls(RunningApp app) {
        this.app = app;
    }

    /**
     * Creates a key in the account's organization. The clock moves a second afterwards, so records written next
     * sort after this one.
     * @param owner who creates it
     * @param name the name
     * @return the created key
     */
    Created create(Account owner, String name) {
        return createWith(owner, "{\"name\":\"" + name + "\"}");
    }

    /**
     * Creates a key from a raw body.
     * @param owner who creates it
     * @param json the body
     * @return the created key
     */
    Created createWith(Account owner, String json) {
        Reply reply = this.app.http().post("/api-keys").bearer(owner.token()).org(owner.orgId()).json(json).send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        JsonNode body = reply.json();
        this.app.clock().advanceSeconds(1);
        return new Created(body.get("id").stringValue(), body.get("secret").stringValue(),
                body.get("prefix").stringValue(), body);
    }

    Reply list(Account caller) {
        return this.app.http().get("/api-keys").bearer(caller.token()).org(caller.orgId()).send();
    }

    Reply revoke(Account caller, String keyId) {
        return this.app.http().delete("/api-keys/" + keyId).bearer(caller.token()).org(caller.orgId()).send();
    }

    /**
     * Calls the test API-key route.
     * @param secret the key, or {@code null} for no Authorization header
     * @return the reply
     */
    Reply callKRoute(@Nullable String secret) {
        return callKRoute(secret, null);
    }

    /**
     * Calls the test API-key route.
     * @param secret the key, or {@code null} for no Authorization header
     * @param orgId the X-Org-Id header, or {@code null}
     * @return the reply
     */
    Reply callKRoute(@Nullable String secret, @Nullable String orgId) {
        var call = this.app.http().get(ApiKeyTestRoutes.K_ROUTE);
        if (secret != null) {
            call.bearer(secret);
        }
        if (orgId != null) {
            call.org(orgId);
        }
        return call.send();
    }

    /**
     * A key as the creation response returned it.
     *
     * @param id the id
     * @param secret the secret
     * @param prefix the prefix
     * @param body the whole response
     */
    record Created(String id, String secret, String prefix, JsonNode body) {
    }
}
