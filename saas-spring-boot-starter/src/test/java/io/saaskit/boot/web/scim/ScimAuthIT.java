package io.saaskit.boot.web.scim;

import java.util.UUID;

import io.saaskit.boot.web.testing.Account;
import io.saaskit.boot.web.testing.Accounts;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RunningApp;
import io.saaskit.core.provisioning.ScimTokenFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static io.saaskit.boot.web.scim.ScimUsersIT.assertScimError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SCIM authentication (spec section 9.1) and the owners' token endpoints ({@code /org/scim-tokens}) with the shared
 * {@code SCIM_BEARER_TOKEN} configured: per-organization tokens work without {@code X-Org-Id} and never for another
 * organization, revoked tokens stop at once, the shared token needs a known {@code X-Org-Id}.
 */
class ScimAuthIT {

    private static final String SHARED = "shared-scim-token-0123456789abcdef";

    private static RunningApp app;

    private static Accounts accounts;

    private static ScimCalls scim;

    private static JdbcClient database;

    @BeforeAll
    static void start() {
        app = RunningApp.start("saaskit.scim.bearer-token=" + SHARED);
        accounts = new Accounts(app);
        scim = new ScimCalls(app);
        database = JdbcClient.create(app.database().dataSource());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    // --- per-organization tokens ---

    @Test
    void orgTokenWorksWithoutOrWithItsOwnOrgIdAndNeverWithAnotherOne() {
        Account owner = accounts.register();
        Account other = accounts.register();
        String token = scim.token(owner);

        assertThat(scim.get("/Users", token).status()).isEqualTo(200);
        assertThat(scim.call("GET", "/Users", token).org(owner.orgId()).send().status()).isEqualTo(200);
        assertScimError(scim.call("GET", "/Users", token).org(other.orgId()).send(), 401, null);
        assertScimError(scim.call("GET", "/Users", token).org("not-an-org").send(), 401, null);
        assertScimError(scim.call("GET", "/ServiceProviderConfig", token).org(other.orgId()).send(), 401, null);
    }

    @Test
    void revokedTokenIsRefusedOnTheNextRequest() {
        Account owner = accounts.register();
        String token = scim.token(owner);
        String id = list(owner).get(0).get("id").stringValue();
        assertThat(scim.get("/Users", token).status()).isEqualTo(200);

        Reply revoked = app.http().delete("/org/scim-tokens/" + id).bearer(owner.token()).send();
        Reply again = app.http().delete("/org/scim-tokens/" + id).bearer(owner.token()).send();

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().get("ok").booleanValue()).isTrue();
        assertThat(again.status()).isEqualTo(200);
        assertScimError(scim.get("/Users", token), 401, null);
        assertThat(list(owner).get(0).get("revokedAt").isString()).isTrue();
        assertThat(database.sql("select count(*) from audit_log where org_id = :org::uuid and action = "
                + "'scim.token.revoked' and target_id = :id").param("org", owner.orgId()).param("id", id)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void everyDiscoveryAndUserEndpointNeedsAToken() {
        for (String path : new String[] { "/Users", "/ServiceProviderConfig", "/Schemas", "/ResourceTypes",
                "/ResourceTypes/User", "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User" }) {
            assertScimError(scim.call("GET", path, null).send(), 401, null);
            assertScimError(scim.get(path, "wrong-token"), 401, null);
        }
    }

    // --- the shared token ---

    @Test
    void sharedTokenNeedsAKnownOrgId() {
        Account owner = accounts.register();

        Reply missing = scim.get("/Users", SHARED);
        Reply unknown = scim.call("GET", "/Users", SHARED).org(UUID.randomUUID().toString()).send();
        Reply malformed = scim.call("GET", "/Users", SHARED).org("x").send();
        Reply ok = scim.call("GET", "/Users", SHARED).org(owner.orgId()).send();

        assertScimError(missing, 400, null);
        assertThat(missing.json().get("detail").stringValue()).isEqualTo("Missing X-Org-Id header");
        assertScimError(unknown, 404, null);
        assertScimError(malformed, 404, null);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("totalResults").intValue()).isEqualTo(1);
        assertScimError(scim.call("GET", "/Users", SHARED + "x").org(owner.orgId()).send(), 401, null);
    }

    @Test
    void sharedTokenChangesAreAuditedUnderTheNilTokenId() {
        Account owner = accounts.register();
        Reply created = scim.call("POST", "/Users", SHARED).org(owner.orgId())
                .body("application/scim+json", ("{\"schemas\":[\"" + ScimCalls.USER_SCHEMA + "\"],\"userName\":\""
                        + Accounts.uniqueEmail() + "\"}").getBytes()).send();

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(database.sql("select actor_token_id::text from audit_log where org_id = :org::uuid and action = "
                + "'scim.user.provisioned'").param("org", owner.orgId()).query(String.class).single())
                .isEqualTo("00000000-0000-0000-0000-000000000000");
    }

    // --- the token endpoints ---

    @Test
    void ownerCreatesATokenShownOnceAndStoredOnlyAsAnHmac() {
        Account owner = accounts.register();

        Reply created = app.http().post("/org/scim-tokens").bearer(owner.token()).json("{\"name\":\" okta-prod \"}")
                .send();

        assertThat(created.status()).isEqualTo(201);
        JsonNode body = created.json();
        assertThat(body.propertyNames()).containsExactly("id", "name", "prefix", "token", "createdAt");
        String token = body.get("token").stringValue();
        assertThat(token).matches("^scim_[0-9A-Za-z]{40}$");
        assertThat(ScimTokenFormat.isWellFormed(token)).isTrue();
        assertThat(body.get("name").stringValue()).isEqualTo("okta-prod");
        assertThat(body.get("prefix").stringValue()).isEqualTo(token.substring(0, 12));
        JsonNode listed = list(owner).get(0);
        assertThat(listed.propertyNames()).containsExactly("id", "name", "prefix", "createdAt", "lastUsedAt",
                "revokedAt");
        assertThat(listed.get("lastUsedAt").isNull()).isTrue();
        String row = database.sql("select scim_token::text from scim_token where id = :id::uuid")
                .param("id", body.get("id").stringValue()).query(String.class).single();
        assertThat(row).doesNotContain(token).doesNotContain(token.substring(12));
        assertThat(app.http().get("/org/scim-tokens").bearer(owner.token()).send().body())
                .doesNotContain(token.substring(12));
        assertThat(database.sql("select count(*) from audit_log where org_id = :org::uuid and action = "
                + "'scim.token.created'").param("org", owner.orgId()).query(Long.class).single()).isEqualTo(1);

        assertThat(scim.get("/Users", token).status()).isEqualTo(200);
        assertThat(list(owner).get(0).get("lastUsedAt").isString()).isTrue();
    }

    @Test
    void onlyOwnersManageTokensAndBadNamesAreRefused() {
        Account owner = accounts.register();
        Account admin = accounts.register();
        accounts.addMember(owner, admin, "ADMIN");

        Reply refused = app.http().post("/org/scim-tokens").bearer(admin.token()).org(owner.orgId())
                .json("{\"name\":\"okta\"}").send();
        Reply listRefused = app.http().get("/org/scim-tokens").bearer(admin.token()).org(owner.orgId()).send();
        Reply badName = app.http().post("/org/scim-tokens").bearer(owner.token()).json("{\"name\":\"no spaces\"}")
                .send();
        Reply noName = app.http().post("/org/scim-tokens").bearer(owner.token()).json("{}").send();
        Reply wrongType = app.http().post("/org/scim-tokens").bearer(owner.token()).json("{\"name\":5}").send();

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.mediaType()).isEqualTo("application/problem+json");
        assertThat(refused.json().get("requiredPermission").stringValue()).isEqualTo("scim.manage");
        assertThat(listRefused.status()).isEqualTo(403);
        for (Reply reply : new Reply[] { badName, noName, wrongType }) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
            assertThat(reply.mediaType()).isEqualTo("application/problem+json");
            assertThat(reply.json().get("errors").get(0).get("field").stringValue()).isEqualTo("name");
        }
        assertThat(app.http().post("/org/scim-tokens").json("{\"name\":\"x\"}").send().status()).isEqualTo(401);
    }

    @Test
    void anotherOrganizationsTokenIsNeitherListedNorRevocable() {
        Account mine = accounts.register();
        Account theirs = accounts.register();
        String token = scim.token(theirs);
        String id = list(theirs).get(0).get("id").stringValue();

        Reply revoke = app.http().delete("/org/scim-tokens/" + id).bearer(mine.token()).send();
        Reply malformed = app.http().delete("/org/scim-tokens/nope").bearer(mine.token()).send();

        assertThat(revoke.status()).isEqualTo(404);
        assertThat(revoke.mediaType()).isEqualTo("application/problem+json");
        assertThat(malformed.status()).isEqualTo(404);
        assertThat(list(mine)).isEmpty();
        assertThat(scim.get("/Users", token).status()).isEqualTo(200);
    }

    private static JsonNode list(Account owner) {
        Reply reply = app.http().get("/org/scim-tokens").bearer(owner.token()).send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }
}
