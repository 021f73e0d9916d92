package io.saaskit.boot.web.scim;

import java.util.ArrayList;
import java.util.List;

import io.saaskit.boot.web.testing.Account;
import io.saaskit.boot.web.testing.Accounts;
import io.saaskit.boot.web.testing.RawHttp;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RunningApp;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /scim/v2/Users} over real HTTP against PostgreSQL, as identity providers call it: the checks Okta and Entra
 * run before they enable provisioning, the PATCH forms they send, deactivation that ends the user's session at
 * once, the owner rules, ETags, and bad input that is always a 4xx SCIM error. One application serves every test;
 * each test provisions its own organization through a per-organization token.
 */
class ScimUsersIT {

    private static RunningApp app;

    private static Accounts accounts;

    private static ScimCalls scim;

    private static JdbcClient database;

    @BeforeAll
    static void start() {
        app = RunningApp.start();
        accounts = new Accounts(app);
        scim = new ScimCalls(app);
        database = JdbcClient.create(app.database().dataSource());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    // --- the identity providers' connection checks ---

    @Test
    void listWithCountOneAnswersNumericPagingMembers() {
        String token = scim.token(accounts.register());
        scim.created(token, ScimCalls.uniqueEmail(), "");

        Reply reply = scim.get("/Users?startIndex=1&count=1", token);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.mediaType()).isEqualTo("application/scim+json");
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        assertThat(reply.header("X-Request-Id")).isNotBlank();
        JsonNode body = reply.json();
        assertThat(body.get("schemas").get(0).stringValue())
                .isEqualTo("urn:ietf:params:scim:api:messages:2.0:ListResponse");
        assertThat(body.get("totalResults").isNumber()).isTrue();
        assertThat(body.get("totalResults").intValue()).isEqualTo(2);
        assertThat(body.get("itemsPerPage").isNumber()).isTrue();
        assertThat(body.get("itemsPerPage").intValue()).isEqualTo(1);
        assertThat(body.get("startIndex").isNumber()).isTrue();
        assertThat(body.get("startIndex").intValue()).isEqualTo(1);
        assertThat(body.get("Resources")).hasSize(1);
    }

    @Test
    void unknownUserNameFilterFindsNothingWithStatus200() {
        String token = scim.token(accounts.register());

        Reply reply = scim.get("/Users?filter=" + encode("userName eq \"nobody-" + System.nanoTime()
                + "@example.com\""), token);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("totalResults").intValue()).isZero();
        assertThat(reply.json().get("Resources")).isEmpty();
    }

    @Test
    void unknownOrMalformedIdIsNotFoundInScimErrorForm() {
        String token = scim.token(accounts.register());

        for (String id : List.of("0190f1a4-1b2c-7d3e-8f40-123456789abc", "not-a-uuid")) {
            Reply reply = scim.get("/Users/" + id, token);
            assertScimError(reply, 404, null);
        }
        assertScimError(scim.call("DELETE", "/Users/0190f1a4-1b2c-7d3e-8f40-123456789abc", token).send(), 404,
                null);
    }

    @Test
    void duplicatePostIsAUniquenessConflict() {
        String token = scim.token(accounts.register());
        String email = ScimCalls.uniqueEmail();
        scim.created(token, email, "\"externalId\":\"00u-dup\"");

        assertScimError(scim.create(token, email, ""), 409, "uniqueness");
        assertScimError(scim.create(token, email.toUpperCase(), ""), 409, "uniqueness");
        assertScimError(scim.create(token, ScimCalls.uniqueEmail(), "\"externalId\":\"00u-dup\""), 409,
                "uniqueness");
    }

    @Test
    void upperCasedUserNameFilterFindsTheUser() {
        String token = scim.token(accounts.register());
        String email = ScimCalls.uniqueEmail();
        String id = scim.created(token, email, "");

        Reply reply = scim.get("/Users?filter=" + encode("userName eq \"" + email.toUpperCase() + "\""), token);

        assertThat(reply.json().get("totalResults").intValue()).isEqualTo(1);
        assertThat(reply.json().get("Resources").get(0).get("id").stringValue()).isEqualTo(id);
    }

    @Test
    void badTokenIsUnauthorizedInScimErrorForm() {
        Reply reply = scim.get("/Users", "scim_" + "A".repeat(40));
        Reply malformed = scim.get("/Users", "scim_short");

        assertScimError(reply, 401, null);
        assertScimError(malformed, 401, null);
        assertThat(reply.header("X-Request-Id")).isNotBlank();
    }

    // --- resource shape, create, get, replace, ETags ---

    @Test
    void createdUserHasTheResourceShapeLocationAndETag() {
        String token = scim.token(accounts.register());
        String email = ScimCalls.uniqueEmail();

        Reply reply = scim.create(token, email, "\"externalId\":\"00u1abc\",\"name\":{\"givenName\":\"Ann\","
                + "\"familyName\":\"Lee\"},\"displayName\":\"Ann Lee\",\"roles\":[{\"value\":\"admin\","
                + "\"primary\":true}],\"emails\":[{\"value\":\"ignored@example.com\",\"type\":\"home\"}]");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.mediaType()).isEqualTo("application/scim+json");
        JsonNode user = reply.json();
        String id = user.get("id").stringValue();
        assertThat(reply.header("Location")).isEqualTo("http://api.example.test:4000/scim/v2/Users/" + id);
        assertThat(reply.header("ETag")).isEqualTo("W/\"1\"");
        assertThat(user.get("schemas").get(0).stringValue()).isEqualTo(ScimCalls.USER_SCHEMA);
        assertThat(user.get("externalId").stringValue()).isEqualTo("00u1abc");
        assertThat(user.get("userName").stringValue()).isEqualTo(email);
        assertThat(user.get("name").get("formatted").stringValue()).isEqualTo("Ann Lee");
        assertThat(user.get("displayName").stringValue()).isEqualTo("Ann Lee");
        assertThat(user.get("emails")).hasSize(1);
        assertThat(user.get("emails").get(0).get("value").stringValue()).isEqualTo(email);
        assertThat(user.get("emails").get(0).get("type").stringValue()).isEqualTo("work");
        assertThat(user.get("active").booleanValue()).isTrue();
        assertThat(user.get("roles").get(0).get("value").stringValue()).isEqualTo("ADMIN");
        JsonNode meta = user.get("meta");
        assertThat(meta.get("resourceType").stringValue()).isEqualTo("User");
        assertThat(meta.get("created").stringValue()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        assertThat(meta.get("lastModified").stringValue()).isEqualTo(meta.get("created").stringValue());
        assertThat(meta.get("location").stringValue()).isEqualTo(reply.header("Location"));
        assertThat(meta.get("version").stringValue()).isEqualTo("W/\"1\"");
        assertThat(database.sql("select password_hash from app_user where id = :id::uuid").param("id", id)
                .query(String.class).optional()).isEmpty();
    }

    @Test
    void noRolesMeansTheDefaultRoleAndUnknownRoleOrOwnerIsRefused() {
        String token = scim.token(accounts.register());

        Reply plain = scim.create(token, ScimCalls.uniqueEmail(), "\"roles\":[]");
        Reply unknown = scim.create(token, ScimCalls.uniqueEmail(), "\"roles\":[{\"value\":\"superuser\"}]");
        Reply owner = scim.create(token, ScimCalls.uniqueEmail(), "\"roles\":[{\"value\":\"owner\"}]");

        assertThat(plain.json().get("roles").get(0).get("value").stringValue()).isEqualTo("MEMBER");
        assertScimError(unknown, 400, "invalidValue");
        assertScimError(owner, 403, null);
    }

    @Test
    void getAnswersTheETagAndNotModifiedForTheCurrentVersion() {
        String token = scim.token(accounts.register());
        String id = scim.created(token, ScimCalls.uniqueEmail(), "");

        Reply first = scim.get("/Users/" + id, token);
        Reply notModified = scim.call("GET", "/Users/" + id, token).header("If-None-Match", "W/\"1\"").send();
        Reply stale = scim.call("GET", "/Users/" + id, token).header("If-None-Match", "W/\"0\"").send();

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("ETag")).isEqualTo("W/\"1\"");
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(stale.status()).isEqualTo(200);
    }

    @Test
    void putReplacesWithANewVersionAndAStaleIfMatchIsRefused() {
        String token = scim.token(accounts.register());
        String email = ScimCalls.uniqueEmail();
        String id = scim.created(token, email, "\"roles\":[{\"value\":\"BILLING\"}]");
        String body = "{\"schemas\":[\"" + ScimCalls.USER_SCHEMA + "\"],\"userName\":\"" + email
                + "\",\"displayName\":\"Renamed\",\"externalId\":\"ext-9\"}";

        Reply replaced = scim.call("PUT", "/Users/" + id, token).header("If-Match", "W/\"1\"")
                .body("application/json", body.getBytes()).send();
        Reply stale = scim.call("PUT", "/Users/" + id, token).header("If-Match", "W/\"1\"")
                .body("application/scim+json", body.getBytes()).send();

        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(replaced.header("ETag")).isEqualTo("W/\"2\"");
        assertThat(replaced.json().get("displayName").stringValue()).isEqualTo("Renamed");
        assertThat(replaced.json().get("externalId").stringValue()).isEqualTo("ext-9");
        assertThat(replaced.json().get("roles").get(0).get("value").stringValue()).isEqualTo("BILLING");
        assertThat(replaced.json().get("active").booleanValue()).isTrue();
        assertScimError(stale, 412, null);
    }

    // --- deactivation, reactivation and deletion ---

    @Test
    void deactivationByPutEndsTheSessionAtOnceAndReactivationRestoresAccess() {
        Account owner = accounts.register();
        String token = scim.token(owner);
        Account member = accounts.register();
        String id = scim.created(token, member.email(), "");
        assertThat(scim.sessionStatus(member)).isEqualTo(200);

        Reply suspended = scim.send("PUT", "/Users/" + id, token, "{\"schemas\":[\"" + ScimCalls.USER_SCHEMA
                + "\"],\"userName\":\"" + member.email() + "\",\"active\":false}");

        assertThat(suspended.json().get("active").booleanValue()).isFalse();
        assertThat(scim.sessionStatus(member)).isEqualTo(401);
        Account again = member.withToken(accounts.login(member).json().get("sessionToken").stringValue());
        assertThat(app.http().get("/org").cookie(again.token()).org(owner.orgId()).send().status()).isEqualTo(403);

        Reply reactivated = scim.patch(token, id, "{\"op\":\"replace\",\"path\":\"active\",\"value\":true}");

        assertThat(reactivated.json().get("active").booleanValue()).isTrue();
        assertThat(app.http().get("/org").cookie(again.token()).org(owner.orgId()).send().status()).isEqualTo(200);
        assertThat(actions(owner.orgId(), id)).contains("scim.user.provisioned", "scim.user.deprovisioned",
                "auth.session.revoked", "scim.user.reactivated");
    }

    @Test
    void oktaPatchDeactivatesAndEndsTheSession() {
        Account owner = accounts.register();
        String token = scim.token(owner);
        Account member = accounts.register();
        String id = scim.created(token, member.email(), "");

        Reply reply = scim.patch(token, id, "{\"op\":\"replace\",\"value\":{\"active\":false}}");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().get("active").booleanValue()).isFalse();
        assertThat(scim.sessionStatus(member)).isEqualTo(401);
        assertThat(scim.get("/Users/" + id, token).json().get("active").booleanValue()).isFalse();
        assertThat(database.sql("select status from membership where user_id = :id::uuid and org_id = :org::uuid")
                .param("id", id).param("org", owner.orgId()).query(String.class).single()).isEqualTo("suspended");
        JsonNode revoked = auditMetadata(owner.orgId(), id, "auth.session.revoked");
        assertThat(revoked.get("reason").stringValue()).isEqualTo("scim");
        assertThat(revoked.get("count").intValue()).isEqualTo(1);
        assertThat(auditMetadata(owner.orgId(), id, "scim.user.deprovisioned").get("mode").stringValue())
                .isEqualTo("suspended");
    }

    @Test
    void entraPatchWithAStringBooleanDeactivates() {
        Account owner = accounts.register();
        String token = scim.token(owner);
        Account member = accounts.register();
        String id = scim.created(token, member.email(), "");

        Reply reply = scim.patch(token, id, "{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().get("active").booleanValue()).isFalse();
        assertThat(scim.sessionStatus(member)).isEqualTo(401);
    }

    @Test
    void deleteRemovesTheMembershipRevokesSessionsAndKeepsTheAccount() {
        Account owner = accounts.register();
        String token = scim.token(owner);
        Account member = accounts.register();
        String id = scim.created(token, member.email(), "");

        Reply deleted = scim.call("DELETE", "/Users/" + id, token).send();

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertScimError(scim.get("/Users/" + id, token), 404, null);
        assertThat(scim.sessionStatus(member)).isEqualTo(401);
        assertThat(accounts.login(member).status()).isEqualTo(200);
        assertThat(auditMetadata(owner.orgId(), id, "scim.user.deprovisioned").get("mode").stringValue())
                .isEqualTo("deleted");
        assertScimError(scim.call("DELETE", "/Users/" + id, token).send(), 404, null);
    }

    // --- PATCH forms ---

    @Test
    void rolePatchThroughTheValuePathChangesTheRoleAndRemovingRolesRestoresTheDefault() {
        Account owner = accounts.register();
        String token = scim.token(owner);
        String id = scim.created(token, ScimCalls.uniqueEmail(), "");

        Reply admin = scim.patch(token, id,
                "{\"op\":\"replace\",\"path\":\"roles[primary eq true].value\",\"value\":\"ADMIN\"}");
        JsonNode roleChange = auditMetadata(owner.orgId(), id, "scim.user.role.updated");
        Reply removed = scim.patch(token, id, "{\"op\":\"remove\",\"path\":\"roles\"}");

        assertThat(admin.json().get("roles").get(0).get("value").stringValue()).isEqualTo("ADMIN");
        assertThat(removed.json().get("roles").get(0).get("value").stringValue()).isEqualTo("MEMBER");
        assertThat(roleChange.get("role").stringValue()).isEqualTo("ADMIN");
        assertThat(roleChange.get("previousRole").stringValue()).isEqualTo("MEMBER");
    }

    @Test
    void emailValuePathChangesTheUserNameOfAUserOfNoOtherOrganization() {
        Account owner = accounts.register();
        String token = scim.token(owner);
        String id = scim.created(token, ScimCalls.uniqueEmail(), "");
        String renamed = ScimCalls.uniqueEmail();

        Reply reply = scim.patch(token, id, "{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"].value\","
                + "\"value\":\"" + renamed.toUpperCase() + "\"}");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().get("userName").stringValue()).isEqualTo(renamed);
        assertThat(reply.json().get("emails").get(0).get("value").stringValue()).isEqualTo(renamed);
    }

    @Test
    void userNameOfAUserOfAnotherOrganizationIsImmutable() {
        String token = scim.token(accounts.register());
        Account member = accounts.register();
        String id = scim.created(token, member.email(), "");

        Reply reply = scim.patch(token, id, "{\"op\":\"replace\",\"path\":\"userName\",\"value\":\""
                + ScimCalls.uniqueEmail() + "\"}");

        assertScimError(reply, 400, "mutability");
        assertThat(accounts.login(member).status()).isEqualTo(200);
    }

    @Test
    void givenNamePatchAndNoOpPatchKeepTheVersionStableWhenNothingChanges() {
        Account owner = accounts.register();
        String token = scim.token(owner);
        String id = scim.created(token, ScimCalls.uniqueEmail(), "\"name\":{\"givenName\":\"A\"}");

        Reply named = scim.patch(token, id, "{\"op\":\"replace\",\"path\":\"name.givenName\",\"value\":\"Ann\"}");
        Reply same = scim.patch(token, id, "{\"op\":\"add\",\"path\":\"name.givenName\",\"value\":\"Ann\"}");

        assertThat(named.json().get("name").get("givenName").stringValue()).isEqualTo("Ann");
        assertThat(named.header("ETag")).isEqualTo("W/\"2\"");
        assertThat(same.header("ETag")).isEqualTo("W/\"2\"");
        assertThat(auditMetadata(owner.orgId(), id, "scim.user.updated").get("attributes").get(0).stringValue())
                .isEqualTo("name");
    }

    @Test
    void patchIsAtomicAndRefusesImmutableOrUnmatchedTargets() {
        String token = scim.token(accounts.register());
        String id = scim.created(token, ScimCalls.uniqueEmail(), "");

        Reply partlyBad = scim.patch(token, id, "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"X\"},"
                + "{\"op\":\"replace\",\"path\":\"roles[primary eq true].value\",\"value\":\"GOD\"}");
        Reply immutable = scim.patch(token, id, "{\"op\":\"replace\",\"path\":\"id\",\"value\":\"x\"}");
        Reply meta = scim.patch(token, id, "{\"op\":\"replace\",\"path\":\"meta.created\",\"value\":\"x\"}");
        Reply noTarget = scim.patch(token, id,
                "{\"op\":\"replace\",\"path\":\"emails[type eq \\\"home\\\"].value\",\"value\":\"a@example.com\"}");
        Reply badPath = scim.patch(token, id, "{\"op\":\"replace\",\"path\":\"emails[type eq]\",\"value\":\"x\"}");
        Reply badOp = scim.patch(token, id, "{\"op\":\"merge\",\"path\":\"displayName\",\"value\":\"x\"}");

        assertScimError(partlyBad, 400, "invalidValue");
        assertThat(scim.get("/Users/" + id, token).json().has("displayName")).isFalse();
        assertScimError(immutable, 400, "mutability");
        assertScimError(meta, 400, "mutability");
        assertScimError(noTarget, 400, "noTarget");
        assertScimError(badPath, 400, "invalidPath");
        assertScimError(badOp, 400, "invalidSyntax");
    }

    // --- owners ---

    @Test
    void scimNeverDemotesDeactivatesOrDeletesAnOwner() {
        Account owner = accounts.register();
        String token = scim.token(owner);

        Reply demote = scim.patch(token, owner.userId(),
                "{\"op\":\"replace\",\"path\":\"roles\",\"value\":[{\"value\":\"MEMBER\"}]}");
        Reply deactivate = scim.patch(token, owner.userId(), "{\"op\":\"replace\",\"value\":{\"active\":false}}");
        Reply delete = scim.call("DELETE", "/Users/" + owner.userId(), token).send();
        Reply rename = scim.patch(token, owner.userId(),
                "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"The Owner\"}");
        Reply grant = scim.patch(token, scim.created(token, ScimCalls.uniqueEmail(), ""),
                "{\"op\":\"replace\",\"path\":\"roles[primary eq true].value\",\"value\":\"OWNER\"}");

        assertScimError(demote, 403, null);
        assertScimError(deactivate, 403, null);
        assertScimError(delete, 403, null);
        assertScimError(grant, 403, null);
        assertThat(rename.status()).isEqualTo(200);
        assertThat(scim.sessionStatus(owner)).isEqualTo(200);
        assertThat(scim.get("/Users/" + owner.userId(), token).json().get("roles").get(0).get("value")
                .stringValue()).isEqualTo("OWNER");
    }

    // --- filters, paging, sorting over HTTP ---

    @Test
    void filtersPagingAndSortingWork() {
        String token = scim.token(accounts.register());
        String a = scim.created(token, "a-" + ScimCalls.uniqueEmail(), "\"externalId\":\"e-a\"");
        String b = scim.created(token, "b-" + ScimCalls.uniqueEmail(), "\"active\":false");

        assertThat(ids(token, "filter=" + encode("externalId pr"))).containsExactly(a);
        assertThat(ids(token, "filter=" + encode("active eq false or externalId eq \"e-a\""))).containsExactly(a, b);
        assertThat(ids(token, "filter=" + encode("not (active eq false) and userName sw \"a-\""))).containsExactly(a);
        assertThat(ids(token, "sortBy=userName&sortOrder=descending&filter=" + encode("userName co \"-user\"")))
                .containsExactly(b, a);
        assertThat(scim.get("/Users?count=0", token).json().get("Resources")).isEmpty();
        assertThat(scim.get("/Users?count=-5&startIndex=-3", token).json().get("startIndex").intValue()).isEqualTo(1);
        assertThat(scim.get("/Users?count=1000", token).json().get("itemsPerPage").intValue()).isEqualTo(3);
        JsonNode projected = scim.get("/Users?attributes=userName&filter=" + encode("externalId pr"), token).json()
                .get("Resources").get(0);
        assertThat(projected.propertyNames()).containsExactlyInAnyOrder("schemas", "id", "userName");
    }

    @Test
    void invalidFiltersAndParametersAreRefusedNeverAFullList() {
        String token = scim.token(accounts.register());
        List<String> filters = List.of("userName zz \"x\"", "password eq \"x\"", "userName eq", "(userName pr",
                "userName eq \"x\" and", "active eq \"yes\"", "meta.created gt \"yesterday\"", "userName eq 5",
                "name eq \"x\"", "", "userName eq \"unterminated", "x".repeat(2049),
                "not userName pr", "emails[value pr].value co", "userName pr " + "or userName pr ".repeat(200));

        for (String filter : filters) {
            assertScimError(scim.get("/Users?filter=" + encode(filter), token), 400, "invalidFilter");
        }
        assertScimError(scim.get("/Users?count=abc", token), 400, "invalidValue");
        assertScimError(scim.get("/Users?startIndex=1.5", token), 400, "invalidValue");
        assertScimError(scim.get("/Users?sortBy=password", token), 400, "invalidValue");
        assertScimError(scim.get("/Users?sortOrder=sideways", token), 400, "invalidValue");
    }

    @Test
    void hostileInputNeverReachesA500() {
        String token = scim.token(accounts.register());
        String id = scim.created(token, ScimCalls.uniqueEmail(), "");
        List<Reply> replies = new ArrayList<>();

        for (String filter : List.of("userName eq \"a\\u0000b\"", "externalId co \"\\u0000\"",
                "displayName eq \"\u00e9\u0301\ud83d\ude00\"", "userName eq \"x' or '1'='1\"",
                "emails[value co \"%_\\\\\"]", "meta.created gt \"+999999999-12-31T23:59:59Z\"")) {
            replies.add(scim.get("/Users?filter=" + encode(filter), token));
        }
        replies.add(scim.get("/Users?count=99999999999999999999&startIndex=-99999999999999", token));
        replies.add(scim.get("/Users?sortBy=&sortOrder=&attributes=,,,&excludedAttributes=" + encode("a.b.c[x]"),
                token));
        replies.add(scim.create(token, ScimCalls.uniqueEmail(), "\"externalId\":\"a\\u0000b\""));
        replies.add(scim.create(token, ScimCalls.uniqueEmail(), "\"name\":{\"givenName\":[1,2]}"));
        replies.add(scim.create(token, "a\\u0000@example.com", ""));
        replies.add(scim.patch(token, id, "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"\\u0000\"}"));
        replies.add(scim.patch(token, id, "{\"op\":\"replace\",\"path\":\"" + "a.".repeat(2000) + "\"}"));
        replies.add(scim.patch(token, id, "{\"op\":\"replace\",\"path\":\"roles[value eq \\\"\\u0000\\\"]"
                + ".value\",\"value\":\"ADMIN\"}"));
        replies.add(scim.call("GET", "/Users/" + id, token).header("If-None-Match", "W/\"x\", *x").send());
        replies.add(scim.call("PUT", "/Users/" + id, token).header("If-Match", "W/\"99999999999999999999\"")
                .body("application/scim+json", "{}".getBytes()).send());

        for (Reply reply : replies) {
            assertThat(reply.status()).as(reply.toString()).isBetween(200, 499);
            assertThat(reply.mediaType()).as(reply.toString()).isEqualTo("application/scim+json");
        }
        assertThat(scim.get("/Users/" + id, token).status()).isEqualTo(200);
        // a request target the container cannot decode is refused by Tomcat before any filter runs, still in SCIM form
        assertScimError(scim.call("GET", "/Users/%00", token).send(), 400, null);
    }

    @Test
    void textThatCannotBeStoredAsSentIsAnInvalidValueNeverAQuestionMark() {
        String token = scim.token(accounts.register());
        String id = scim.created(token, ScimCalls.uniqueEmail(),
                "\"externalId\":\"ext-kept\",\"displayName\":\"Kept\"");
        // JSON escapes as a client sends them: unpaired surrogates, NUL, BEL, DEL and a C1 control
        List<String> bad = List.of("ext\\udc00", "G\\ud800", "\\udfff", "a\\ud800b", "x\\u0000", "x\\u0007",
                "x\\u007f", "x\\u0085");
        List<Reply> replies = new ArrayList<>();

        for (String text : bad) {
            String value = "\"" + text + "\"";
            replies.add(scim.create(token, ScimCalls.uniqueEmail(), "\"externalId\":" + value));
            replies.add(scim.create(token, ScimCalls.uniqueEmail(), "\"name\":{\"givenName\":" + value + "}"));
            replies.add(scim.create(token, ScimCalls.uniqueEmail(), "\"name\":{\"familyName\":" + value + "}"));
            replies.add(scim.create(token, ScimCalls.uniqueEmail(), "\"displayName\":" + value));
            replies.add(scim.create(token, ScimCalls.uniqueEmail(), "\"roles\":[{\"value\":" + value + "}]"));
            replies.add(scim.create(token, ScimCalls.uniqueEmail(), "\"roles\":[" + value + "]"));
            replies.add(scim.create(token, "a" + text + "@example.com", ""));
            replies.add(scim.send("PUT", "/Users/" + id, token, "{\"schemas\":[\"" + ScimCalls.USER_SCHEMA
                    + "\"],\"userName\":\"" + ScimCalls.uniqueEmail() + "\",\"displayName\":" + value + "}"));
            for (String path : List.of("displayName", "externalId", "name.givenName", "name.familyName",
                    "userName", "roles[primary eq true].value", "emails[type eq \\\"work\\\"].value")) {
                replies.add(scim.patch(token, id, "{\"op\":\"replace\",\"path\":\"" + path + "\",\"value\":"
                        + value + "}"));
            }
            for (String name : List.of("displayName", "externalId", "name.givenName", "name.familyName", "userName",
                    "roles")) {
                // Okta's path-less form, dotted names included
                replies.add(scim.patch(token, id, "{\"op\":\"add\",\"value\":{\"" + name + "\":" + value + "}}"));
            }
            replies.add(scim.patch(token, id, "{\"op\":\"replace\",\"path\":\"name\",\"value\":{\"givenName\":"
                    + value + "}}"));
            replies.add(scim.patch(token, id, "{\"op\":\"replace\",\"path\":\"roles\",\"value\":[{\"value\":"
                    + value + ",\"primary\":true}]}"));
        }

        for (Reply reply : replies) {
            assertScimError(reply, 400, "invalidValue");
        }
        assertThat(replies.get(0).json().get("detail").stringValue())
                .isEqualTo("externalId: Must be valid Unicode text");
        assertThat(replies.get(replies.size() - 1).json().get("detail").stringValue())
                .isEqualTo("roles.value: Must not contain control characters");
        // nothing was stored: no "ext?" that a later, different value would collide with
        assertThat(scim.get("/Users", token).json().get("totalResults").intValue()).isEqualTo(2);
        JsonNode kept = scim.get("/Users/" + id, token).json();
        assertThat(kept.get("externalId").stringValue()).isEqualTo("ext-kept");
        assertThat(kept.get("displayName").stringValue()).isEqualTo("Kept");
        assertThat(kept.get("meta").get("version").stringValue()).isEqualTo("W/\"1\"");
        assertThat(database.sql("select count(*) from membership where external_id like '%?%'")
                .query(Long.class).single()).isZero();
        // a surrogate pair is valid text and is kept as sent
        Reply paired = scim.create(token, ScimCalls.uniqueEmail(), "\"externalId\":\"ext\\ud83d\\ude00\","
                + "\"name\":{\"givenName\":\"G\\ud83d\\ude00\"}");
        assertThat(paired.status()).as(paired.toString()).isEqualTo(201);
        assertThat(paired.json().get("externalId").stringValue()).isEqualTo("ext\ud83d\ude00");
        assertThat(paired.json().get("name").get("givenName").stringValue()).isEqualTo("G\ud83d\ude00");
    }

    @Test
    void badBodiesAreFourHundredsInScimForm() {
        String token = scim.token(accounts.register());
        String id = scim.created(token, ScimCalls.uniqueEmail(), "");
        List<Reply> replies = new ArrayList<>();

        replies.add(scim.send("POST", "/Users", token, "{not json"));
        replies.add(scim.send("POST", "/Users", token, "[]"));
        replies.add(scim.send("POST", "/Users", token, ""));
        replies.add(scim.send("POST", "/Users", token, "{\"userName\":\"x@example.com\"}"));
        replies.add(scim.create(token, "not-an-email", ""));
        replies.add(scim.create(token, "x@mailinator.com", ""));
        replies.add(scim.send("POST", "/Users", token, "{\"schemas\":[\"" + ScimCalls.USER_SCHEMA
                + "\"],\"userName\":5}"));
        replies.add(scim.create(token, ScimCalls.uniqueEmail(), "\"active\":\"maybe\""));
        replies.add(scim.create(token, ScimCalls.uniqueEmail(), "\"name\":\"Ann\""));
        replies.add(scim.create(token, ScimCalls.uniqueEmail(), "\"roles\":5"));
        replies.add(scim.create(token, ScimCalls.uniqueEmail(), "\"displayName\":\"" + "x".repeat(300) + "\""));
        replies.add(scim.create(token, ScimCalls.uniqueEmail(), "\"externalId\":\"\""));
        replies.add(scim.send("PATCH", "/Users/" + id, token, "{\"schemas\":[\"" + ScimCalls.PATCH_SCHEMA
                + "\"]}"));
        replies.add(scim.send("PATCH", "/Users/" + id, token, "{\"Operations\":[{\"op\":\"add\"}]}"));
        replies.add(scim.patch(token, id, "{\"op\":\"remove\"}"));
        replies.add(scim.patch(token, id, "5"));
        replies.add(scim.patch(token, id, "{\"op\":\"replace\",\"value\":5}"));
        replies.add(scim.patch(token, id, "{\"op\":\"add\",\"path\":\"active\"}"));

        for (Reply reply : replies) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
            assertThat(reply.mediaType()).as(reply.toString()).isEqualTo("application/scim+json");
            assertThat(reply.json().get("status").stringValue()).isEqualTo("400");
        }
        Reply wrongType = scim.call("POST", "/Users", token).body("text/plain", "x".getBytes()).send();
        assertScimError(wrongType, 415, null);
        assertThat(wrongType.json().get("detail").stringValue())
                .isEqualTo("Content-Type must be application/scim+json or application/json");
        Reply huge = scim.call("POST", "/Users", token).body("application/scim+json", new byte[2 * 1024 * 1024])
                .send();
        assertScimError(huge, 413, null);
    }

    @Test
    void unsupportedEndpointsAndMethodsAnswerInScimForm() {
        String token = scim.token(accounts.register());

        assertScimError(scim.get("/Groups", token), 404, null);
        assertScimError(scim.get("/Bulk", token), 404, null);
        assertScimError(scim.get("/Me", token), 404, null);
        Reply wrongMethod = scim.call("DELETE", "/Users", token).send();
        assertScimError(wrongMethod, 405, null);
        assertThat(wrongMethod.header("Allow")).contains("GET").contains("POST");
        for (String method : List.of("POST", "GET", "PUT")) {
            Reply search = scim.send(method, "/Users/.search", token, "{\"schemas\":[\""
                    + "urn:ietf:params:scim:api:messages:2.0:SearchRequest\"]}");
            assertScimError(search, 404, null);
            assertThat(search.json().get("detail").stringValue())
                    .isEqualTo("Route " + method + " /scim/v2/Users/.search not found");
        }
        assertScimError(scim.send("POST", "/.search", token, "{}"), 404, null);
    }

    @Test
    void requestTargetsTheContainerRefusesAreScimErrorsToo() {
        RawHttp raw = RawHttp.of(app);

        for (String target : List.of("/scim/v2/Users/%zz", "/scim/v2/Users/%00", "/scim/v2/Users/..%2f..%2forg",
                "/scim/v2/Users/%ff", "/scim/v2/%zz")) {
            RawHttp.Response response = raw.send("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "X-Request-Id: container-1", new byte[0]);

            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.mediaType()).as(response.toString()).isEqualTo("application/scim+json");
            assertThat(response.body()).doesNotContain("<html").doesNotContain("Tomcat");
            JsonNode body = response.json();
            assertThat(body.get("schemas").get(0).stringValue()).isEqualTo(ScimCalls.ERROR_SCHEMA);
            assertThat(body.get("status").stringValue()).isEqualTo("400");
            assertThat(body.get("detail").stringValue()).isNotBlank();
            assertThat(response.header("X-Request-Id")).isEqualTo("container-1");
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        }
        // the prefix is a whole path segment: a lookalike path keeps problem+json
        RawHttp.Response lookalike = raw.send("GET /scim/v2x/%zz HTTP/1.1\r\nHost: localhost", new byte[0]);
        assertThat(lookalike.status()).isEqualTo(400);
        assertThat(lookalike.mediaType()).as(lookalike.toString()).isEqualTo("application/problem+json");
        assertThat(lookalike.json().get("instance").stringValue()).isEqualTo("/scim/v2x/%zz");
    }

    // --- tenant isolation ---

    @Test
    void aTokenNeverSeesOrChangesAnotherOrganizationsUsers() {
        String mine = scim.token(accounts.register());
        String theirs = scim.token(accounts.register());
        String email = ScimCalls.uniqueEmail();
        String id = scim.created(theirs, email, "\"externalId\":\"shared-ext\"");
        String path = "/Users/" + id;

        assertScimError(scim.get(path, mine), 404, null);
        assertScimError(scim.send("PUT", path, mine, "{\"schemas\":[\"" + ScimCalls.USER_SCHEMA
                + "\"],\"userName\":\"" + email + "\",\"active\":false}"), 404, null);
        assertScimError(scim.patch(mine, id, "{\"op\":\"replace\",\"value\":{\"active\":false}}"), 404, null);
        assertScimError(scim.call("DELETE", path, mine).send(), 404, null);
        assertThat(scim.get("/Users?filter=" + encode("userName eq \"" + email + "\""), mine).json()
                .get("totalResults").intValue()).isZero();
        assertThat(scim.get("/Users", mine).json().get("totalResults").intValue()).isEqualTo(1);
        assertThat(scim.get(path, theirs).json().get("active").booleanValue()).isTrue();
        // the same external id and email are free in another organization: membership is per organization
        assertThat(scim.create(mine, email, "\"externalId\":\"shared-ext\"").status()).isEqualTo(201);
    }

    // --- helpers ---

    private static List<String> ids(String token, String query) {
        Reply reply = scim.get("/Users?" + query, token);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        reply.json().get("Resources").forEach((user) -> ids.add(user.get("id").stringValue()));
        return ids;
    }

    static void assertScimError(Reply reply, int status, @Nullable String scimType) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.mediaType()).as(reply.toString()).isEqualTo("application/scim+json");
        assertThat(reply.header("X-Request-Id")).isNotBlank();
        JsonNode body = reply.json();
        assertThat(body.get("schemas").get(0).stringValue()).isEqualTo(ScimCalls.ERROR_SCHEMA);
        assertThat(body.get("status").isString()).isTrue();
        assertThat(body.get("status").stringValue()).isEqualTo(Integer.toString(status));
        assertThat(body.get("detail").stringValue()).isNotBlank();
        if (scimType != null) {
            assertThat(body.get("scimType").stringValue()).as(reply.toString()).isEqualTo(scimType);
        }
    }

    private static List<String> actions(String orgId, String userId) {
        return database.sql("select action from audit_log where org_id = :org::uuid and target_id = :id "
                        + "and actor_type = 'scim'")
                .param("org", orgId).param("id", userId).query(String.class).list();
    }

    private static JsonNode auditMetadata(String orgId, String userId, String action) {
        String metadata = database.sql("select metadata::text from audit_log where org_id = :org::uuid "
                        + "and target_id = :id and action = :action and actor_type = 'scim' "
                        + "and actor_token_id is not null order by created_at desc limit 1")
                .param("org", orgId).param("id", userId).param("action", action).query(String.class).single();
        JsonNode json = tools.jackson.databind.json.JsonMapper.builder().build().readTree(metadata);
        assertThat(json.get("requestId").stringValue()).isNotBlank();
        return json;
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
