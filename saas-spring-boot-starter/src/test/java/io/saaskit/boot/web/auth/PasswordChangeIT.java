package io.saaskit.boot.web.auth;

import java.nio.charset.StandardCharsets;

import io.saaskit.boot.web.testing.Account;
import io.saaskit.boot.web.testing.Accounts;
import io.saaskit.boot.web.testing.Http;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /auth/password} over HTTP against PostgreSQL: the change itself, session rotation and revocation,
 * every refusal, the origin rule, and bad input that must change nothing.
 */
class PasswordChangeIT {

    private static final String NEW_PASSWORD = "Fresh-Passw0rd!";

    private static final String WEB_ORIGIN = "http://web.example.test:3000";

    private static final String EVIL_ORIGIN = "https://evil.example";

    private static RunningApp app;

    private static Accounts accounts;

    @BeforeAll
    static void start() {
        app = RunningApp.start();
        accounts = new Accounts(app);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void passwordChangeRevokesEverySessionAndHandsTheCallerANewOne() {
        Account account = accounts.register();
        String otherDevice = accounts.login(account).json().get("sessionToken").stringValue();
        Account bystander = accounts.register();

        Reply reply = change(account.token(), account.password(), NEW_PASSWORD);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.mediaType()).isEqualTo("application/json");
        JsonNode json = reply.json();
        assertThat(json.get("ok").booleanValue()).isTrue();
        String newToken = json.get("sessionToken").stringValue();
        assertThat(newToken).contains(".").isNotEqualTo(account.token()).isNotEqualTo(otherDevice);
        assertThat(reply.sessionCookie()).isEqualTo(newToken);
        assertThat(reply.headers("Set-Cookie").get(0)).contains("HttpOnly").contains("Max-Age=604800");
        assertThat(me(account.token()).status()).isEqualTo(401);
        assertThat(me(otherDevice).status()).isEqualTo(401);
        assertThat(me(newToken).status()).isEqualTo(200);
        assertThat(app.http().get("/auth/me").cookie(newToken).send().status()).isEqualTo(200);
        assertThat(me(bystander.token()).status()).isEqualTo(200);
        assertThat(login(account.email(), NEW_PASSWORD).status()).isEqualTo(200);
        Reply oldPassword = login(account.email(), account.password());
        assertThat(oldPassword.status()).isEqualTo(401);
        assertThat(oldPassword.json().get("detail").stringValue()).isEqualTo("Invalid credentials");
    }

    @Test
    void theNewSessionIsTheOnlyOneListed() {
        Account account = accounts.register();
        accounts.login(account);

        String newToken = change(account.token(), account.password(), NEW_PASSWORD).json().get("sessionToken")
                .stringValue();

        JsonNode sessions = app.http().get("/auth/sessions").bearer(newToken).send().json();
        assertThat(sessions).hasSize(1);
        assertThat(sessions.get(0).get("current").booleanValue()).isTrue();
    }

    @Test
    void aCookieAuthenticatedChangeFromTheWebOriginWorks() {
        Account account = accounts.register();

        Reply reply = app.http().post("/auth/password").cookie(account.token()).header("Origin", WEB_ORIGIN)
                .json(body(account.password(), NEW_PASSWORD)).send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(me(reply.sessionCookie()).status()).isEqualTo(200);
    }

    @Test
    void aCookieAuthenticatedChangeFromAForeignOriginIsRefusedAndChangesNothing() {
        Account account = accounts.register();

        Reply evil = app.http().post("/auth/password").cookie(account.token()).header("Origin", EVIL_ORIGIN)
                .json(body(account.password(), NEW_PASSWORD)).send();
        Reply crossSite = app.http().post("/auth/password").cookie(account.token())
                .header("Sec-Fetch-Site", "cross-site").json(body(account.password(), NEW_PASSWORD)).send();

        assertThat(evil.status()).isEqualTo(403);
        assertThat(evil.json().get("code").stringValue()).isEqualTo("FORBIDDEN");
        assertThat(evil.json().get("detail").stringValue()).isEqualTo("Invalid request origin");
        assertThat(crossSite.status()).isEqualTo(403);
        assertUnchanged(account);
    }

    @Test
    void aBearerAuthenticatedChangeIsNotSubjectToTheOriginRule() {
        Account account = accounts.register();

        Reply reply = app.http().post("/auth/password").bearer(account.token()).header("Origin", EVIL_ORIGIN)
                .json(body(account.password(), NEW_PASSWORD)).send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }

    @Test
    void aWrongCurrentPasswordIsRefusedOnTheCurrentPasswordField() {
        Account account = accounts.register();

        Reply reply = change(account.token(), "Wrong-Passw0rd!", NEW_PASSWORD);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.mediaType()).isEqualTo("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.get("code").stringValue()).isEqualTo("VALIDATION_FAILED");
        assertThat(problem.get("instance").stringValue()).isEqualTo("/auth/password");
        assertThat(problem.get("errors")).hasSize(1);
        assertThat(problem.get("errors").get(0).get("field").stringValue()).isEqualTo("currentPassword");
        assertThat(problem.get("errors").get(0).get("message").stringValue())
                .isEqualTo("Current password is incorrect");
        assertThat(reply.sessionCookie()).isNull();
        assertUnchanged(account);
    }

    @Test
    void aWeakNewPasswordIsRefusedListingEveryFailingRule() {
        Account account = accounts.register();

        Reply reply = change(account.token(), account.password(), "weakpass");

        assertThat(reply.status()).isEqualTo(400);
        JsonNode errors = reply.json().get("errors");
        assertThat(errors.findValuesAsString("field")).containsOnly("newPassword");
        assertThat(errors.findValuesAsString("message")).containsExactlyInAnyOrder(
                "Password must be at least 10 characters",
                "Password must include at least one uppercase letter",
                "Password must include at least one number",
                "Password must include at least one symbol");
        assertUnchanged(account);
    }

    @Test
    void withoutAValidSessionTheAnswerIs401() {
        Account account = accounts.register();
        String tampered = account.token().substring(0, account.token().indexOf('.') + 1) + "AAAA";

        Reply missing = app.http().post("/auth/password").json(body(account.password(), NEW_PASSWORD)).send();
        Reply invalid = change(tampered, account.password(), NEW_PASSWORD);
        Reply apiKey = change("ak_live_something", account.password(), NEW_PASSWORD);

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().get("detail").stringValue()).isEqualTo("Missing session");
        assertThat(invalid.status()).isEqualTo(401);
        assertThat(invalid.json().get("detail").stringValue()).isEqualTo("Invalid session");
        assertThat(apiKey.status()).isEqualTo(401);
        assertUnchanged(account);
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        Account account = accounts.register();
        String current = account.password();
        String huge = "Aa1!".repeat(2500);

        assertProblem(raw(account).json("{\"currentPassword\":"), 400, "BAD_REQUEST", "Malformed JSON body");
        assertProblem(raw(account).body("application/json", new byte[0]), 400, "BAD_REQUEST",
                "Request body is required");
        assertProblem(raw(account).body("text/plain", body(current, NEW_PASSWORD).getBytes(StandardCharsets.UTF_8)),
                415, "UNSUPPORTED_MEDIA_TYPE", null);
        assertFields(raw(account).json("[1,2]"), "body");
        assertFields(raw(account).json("\"" + current + "\""), "body");
        assertFields(raw(account).json("{}"), "currentPassword", "newPassword");
        assertFields(raw(account).json("{\"currentPassword\":null,\"newPassword\":null}"), "currentPassword",
                "newPassword");
        assertFields(raw(account).json("{\"currentPassword\":5,\"newPassword\":true}"), "currentPassword",
                "newPassword");
        assertFields(raw(account).json("{\"currentPassword\":\"" + current + "\",\"newPassword\":[\"" + NEW_PASSWORD
                + "\"]}"), "newPassword");
        assertFields(raw(account).json("{\"currentPassword\":{\"value\":\"" + current + "\"},\"newPassword\":\""
                + NEW_PASSWORD + "\"}"), "currentPassword");
        assertFields(raw(account).json(body(current, huge)), "newPassword");
        assertFields(raw(account).json(body(huge, NEW_PASSWORD)), "currentPassword");
        assertFields(raw(account).json(body(current, "Fresh\\u0000Passw0rd!")), "newPassword");

        assertUnchanged(account);
    }

    @Test
    void theNewPasswordIsTrimmedLikeAtRegistration() {
        Account account = accounts.register();

        Reply reply = change(account.token(), " " + account.password() + " ", "  " + NEW_PASSWORD + "  ");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(login(account.email(), NEW_PASSWORD).status()).isEqualTo(200);
    }

    private static void assertUnchanged(Account account) {
        assertThat(me(account.token()).status()).as("the session survives").isEqualTo(200);
        assertThat(login(account.email(), NEW_PASSWORD).status()).as("the new password").isEqualTo(401);
        Reply login = login(account.email(), account.password());
        assertThat(login.status()).as("the old password").isEqualTo(200);
        // Logging in adds a session; end it again so later checks see the same sessions as before.
        app.http().post("/auth/logout").bearer(login.json().get("sessionToken").stringValue()).send();
    }

    private static void assertProblem(Http.Call call, int status, String code, String detail) {
        Reply reply = call.send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.mediaType()).isEqualTo("application/problem+json");
        assertThat(reply.json().get("code").stringValue()).isEqualTo(code);
        if (detail != null) {
            assertThat(reply.json().get("detail").stringValue()).isEqualTo(detail);
        }
        assertThat(reply.sessionCookie()).isNull();
    }

    private static void assertFields(Http.Call call, String... fields) {
        Reply reply = call.send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.mediaType()).isEqualTo("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.get("code").stringValue()).isEqualTo("VALIDATION_FAILED");
        assertThat(problem.get("errors").findValuesAsString("field")).as(reply.toString()).containsOnly(fields);
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("tools.jackson");
        assertThat(reply.sessionCookie()).isNull();
    }

    private static Http.Call raw(Account account) {
        return app.http().post("/auth/password").bearer(account.token());
    }

    private static Reply change(String token, String currentPassword, String newPassword) {
        return app.http().post("/auth/password").bearer(token).json(body(currentPassword, newPassword)).send();
    }

    private static Reply me(String token) {
        return app.http().get("/auth/me").bearer(token).send();
    }

    private static Reply login(String email, String password) {
        return app.http().post("/auth/login")
                .json("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}").send();
    }

    private static String body(String currentPassword, String newPassword) {
        return "{\"currentPassword\":\"" + currentPassword + "\",\"newPassword\":\"" + newPassword + "\"}";
    }
}
