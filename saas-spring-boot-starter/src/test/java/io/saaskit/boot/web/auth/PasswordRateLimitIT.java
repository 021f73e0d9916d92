package io.saaskit.boot.web.auth;

import io.saaskit.boot.web.testing.Account;
import io.saaskit.boot.web.testing.Accounts;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /auth/password} under the {@code auth_login_identifier} limit (2 per minute), keyed on the signed-in
 * user's email: every attempt counts, malformed ones included, and the budget is the one login uses.
 */
class PasswordRateLimitIT {

    private static final String NEW_PASSWORD = "Fresh-Passw0rd!";

    private static RunningApp app;

    private static Accounts accounts;

    @BeforeAll
    static void start() {
        app = RunningApp.start(
                "saaskit.rate-limit.auth.login-identifier=2",
                "saaskit.rate-limit.auth.window=60s");
        accounts = new Accounts(app);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void theThirdAttemptIsRefusedEvenWithTheRightPasswordAndChangesNothing() {
        Account account = accounts.register();

        Reply wrong = change(account.token(), "{\"currentPassword\":\"Wrong-Passw0rd!\",\"newPassword\":\""
                + NEW_PASSWORD + "\"}");
        Reply malformed = change(account.token(), "{\"currentPassword\":");
        Reply limited = change(account.token(), "{\"currentPassword\":\"" + account.password()
                + "\",\"newPassword\":\"" + NEW_PASSWORD + "\"}");

        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.header("RateLimit-Policy")).isEqualTo("\"auth_login_identifier\";q=2;w=60");
        assertThat(wrong.header("RateLimit")).startsWith("\"auth_login_identifier\";r=1;t=");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.header("RateLimit")).startsWith("\"auth_login_identifier\";r=0;t=");
        assertThat(limited.status()).isEqualTo(429);
        JsonNode problem = limited.json();
        assertThat(problem.get("code").stringValue()).isEqualTo("RATE_LIMIT");
        assertThat(problem.get("detail").stringValue()).isEqualTo("Too many login attempts. Please try again later.");
        assertThat(problem.get("scope").stringValue()).isEqualTo("auth_login_identifier");
        assertThat(problem.get("limit").intValue()).isEqualTo(2);
        assertThat(problem.get("windowSec").intValue()).isEqualTo(60);
        assertThat(problem.get("retryAfterSec").intValue()).isBetween(1, 60);
        assertThat(limited.header("Retry-After")).isEqualTo(problem.get("retryAfterSec").asString());
        assertThat(limited.sessionCookie()).isNull();
        // The password did not change: the session is alive, which a change would have ended.
        assertThat(app.http().get("/auth/me").bearer(account.token()).send().status()).isEqualTo(200);
    }

    @Test
    void passwordChangesAndLoginsShareTheBudgetOfTheEmail() {
        Account account = accounts.register();
        Reply loggedIn = accounts.login(account);
        assertThat(loggedIn.status()).isEqualTo(200);

        Reply changed = change(account.token(), "{\"currentPassword\":\"" + account.password()
                + "\",\"newPassword\":\"" + NEW_PASSWORD + "\"}");
        Reply login = app.http().post("/auth/login")
                .json("{\"email\":\"" + account.email() + "\",\"password\":\"" + NEW_PASSWORD + "\"}").send();

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.header("RateLimit")).startsWith("\"auth_login_identifier\";r=0;t=");
        assertThat(login.status()).isEqualTo(429);
        assertThat(login.json().get("scope").stringValue()).isEqualTo("auth_login_identifier");
    }

    @Test
    void anotherUsersBudgetIsUntouched() {
        Account exhausted = accounts.register();
        Account other = accounts.register();
        String wrongBody = "{\"currentPassword\":\"Wrong-Passw0rd!\",\"newPassword\":\"" + NEW_PASSWORD + "\"}";
        for (int i = 0; i < 3; i++) {
            change(exhausted.token(), wrongBody);
        }

        Reply reply = change(other.token(), "{\"currentPassword\":\"" + other.password() + "\",\"newPassword\":\""
                + NEW_PASSWORD + "\"}");

        assertThat(change(exhausted.token(), wrongBody).status()).isEqualTo(429);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }

    @Test
    void aRequestWithoutASessionIsRefusedBeforeItIsCounted() {
        Account account = accounts.register();
        for (int i = 0; i < 3; i++) {
            assertThat(app.http().post("/auth/password").json("{}").send().status()).isEqualTo(401);
        }

        Reply reply = change(account.token(), "{\"currentPassword\":\"" + account.password()
                + "\",\"newPassword\":\"" + NEW_PASSWORD + "\"}");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.header("RateLimit")).startsWith("\"auth_login_identifier\";r=1;t=");
    }

    private static Reply change(String token, String json) {
        return app.http().post("/auth/password").bearer(token).json(json).send();
    }
}
