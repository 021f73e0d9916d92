package io.saaskit.boot.web.auth;

import java.time.Duration;

import io.saaskit.boot.web.testing.Account;
import io.saaskit.boot.web.testing.Accounts;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Session expiry, sliding refresh, the per-user cap, rotation and secret changes, observed over HTTP with a
 * clock the test moves.
 */
class SessionLifecycleIT {

    private static RunningApp app;

    private static Accounts accounts;

    @BeforeAll
    static void start() {
        app = RunningApp.start("saaskit.session.max-per-user=3");
        accounts = new Accounts(app);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void anIdleSessionExpiresAfterTheIdleTimeout() {
        Account account = accounts.register();
        app.clock().advance(Duration.ofHours(23));
        assertThat(me(account.token()).status()).isEqualTo(200);

        app.clock().advance(Duration.ofHours(25));

        Reply reply = me(account.token());
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("detail").stringValue()).isEqualTo("Invalid session");
        assertThat(app.http().get("/org").cookie(account.token()).send().status()).isEqualTo(401);
    }

    @Test
    void activityEveryElevenHoursKeepsTheSessionUntilTheAbsoluteLifetime() {
        Account account = accounts.register();
        Duration elapsed = Duration.ofSeconds(1);
        while (elapsed.plusHours(11).compareTo(Duration.ofDays(7)) < 0) {
            app.clock().advance(Duration.ofHours(11));
            elapsed = elapsed.plusHours(11);
            assertThat(me(account.token()).status()).as("after %s", elapsed).isEqualTo(200);
            assertThat(app.http().get("/org").bearer(account.token()).send().status()).isEqualTo(200);
        }

        app.clock().advance(Duration.ofDays(7).minus(elapsed));

        assertThat(me(account.token()).status()).isEqualTo(401);
        assertThat(app.http().post("/auth/logout-all").bearer(account.token()).send().status()).isEqualTo(401);
    }

    @Test
    void loginsBeyondTheCapEvictTheOldestSessions() {
        Account account = accounts.register();
        String second = login(account);
        String third = login(account);

        String fourth = login(account);

        assertThat(me(account.token()).status()).isEqualTo(401);
        assertThat(me(second).status()).isEqualTo(200);
        assertThat(me(third).status()).isEqualTo(200);
        assertThat(me(fourth).status()).isEqualTo(200);
    }

    @Test
    void aTamperedCookieOrBearerIsRejected() {
        Account account = accounts.register();
        String token = account.token();
        int dot = token.indexOf('.');
        String tamperedSignature = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
        String tamperedToken = (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1);
        String unsigned = token.substring(0, dot);

        for (String value : new String[] { tamperedSignature, tamperedToken, unsigned, token + "x" }) {
            assertThat(app.http().get("/auth/me").cookie(value).send().status()).as(value).isEqualTo(401);
            assertThat(app.http().get("/auth/me").bearer(value).send().status()).as(value).isEqualTo(401);
        }
        assertThat(me(token).status()).isEqualTo(200);
    }

    @Test
    void aChangedSecretInvalidatesEveryCookieAndBearerToken() {
        Account account = accounts.register();
        assertThat(me(account.token()).status()).isEqualTo(200);

        try (RunningApp restarted = RunningApp.start(app.database(),
                "saaskit.session.secret=an-entirely-different-secret-0123456789")) {
            Reply cookie = restarted.http().get("/auth/me").cookie(account.token()).send();
            Reply bearer = restarted.http().get("/auth/me").bearer(account.token()).send();
            Reply login = restarted.http().post("/auth/login")
                    .json("{\"email\":\"" + account.email() + "\",\"password\":\"" + account.password() + "\"}")
                    .send();

            assertThat(cookie.status()).isEqualTo(401);
            assertThat(bearer.status()).isEqualTo(401);
            assertThat(login.status()).isEqualTo(200);
            assertThat(restarted.http().get("/auth/me").cookie(login.sessionCookie()).send().status())
                    .isEqualTo(200);
        }
    }

    @Test
    void aRegistrationWhileHoldingASessionEndsThatSession() {
        Account account = accounts.register();

        Reply reply = app.http().post("/auth/register").cookie(account.token())
                .json("{\"email\":\"" + Accounts.uniqueEmail() + "\",\"password\":\"StrongPass1!\","
                        + "\"orgName\":\"Fresh\"}").send();

        assertThat(reply.status()).isEqualTo(201);
        assertThat(me(account.token()).status()).isEqualTo(401);
    }

    private static Reply me(String token) {
        return app.http().get("/auth/me").bearer(token).send();
    }

    private static String login(Account account) {
        Reply reply = accounts.login(account);
        assertThat(reply.status()).isEqualTo(200);
        app.clock().advanceSeconds(1);
        return reply.json().get("sessionToken").stringValue();
    }
}
