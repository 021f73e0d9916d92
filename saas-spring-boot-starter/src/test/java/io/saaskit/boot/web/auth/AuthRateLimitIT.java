package io.saaskit.boot.web.auth;

import java.util.concurrent.atomic.AtomicInteger;

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
 * The auth rate limits over HTTP: order, counting, the 429 problem and the IETF headers. Each test uses its own
 * client addresses, sent through {@code X-Forwarded-For} from the loopback proxy the application trusts.
 */
class AuthRateLimitIT {

    private static final String LOGIN_MESSAGE = "Too many login attempts. Please try again later.";

    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);

    private static RunningApp app;

    private static Accounts accounts;

    @BeforeAll
    static void start() {
        app = RunningApp.start(
                "saaskit.rate-limit.auth.login-ip=3",
                "saaskit.rate-limit.auth.login-identifier=2",
                "saaskit.rate-limit.auth.register-ip=2",
                "saaskit.rate-limit.auth.window=60s",
                "saaskit.http.trusted-proxies=127.0.0.0/8,::1/128");
        accounts = new Accounts(app);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void theIdentifierLimitRefusesTheThirdWrongPasswordWithTheDocumentedProblem() {
        Account account = registerFrom(newAddress());
        String ip = newAddress();

        Reply first = wrongLogin(ip, account.email());
        Reply second = wrongLogin(ip, account.email());
        Reply third = wrongLogin(ip, account.email());

        assertThat(first.status()).isEqualTo(401);
        assertThat(second.status()).isEqualTo(401);
        assertThat(third.status()).isEqualTo(429);
        JsonNode problem = third.json();
        assertThat(problem.get("code").stringValue()).isEqualTo("RATE_LIMIT");
        assertThat(problem.get("title").stringValue()).isEqualTo("Rate limit exceeded");
        assertThat(problem.get("detail").stringValue()).isEqualTo(LOGIN_MESSAGE);
        assertThat(problem.get("scope").stringValue()).isEqualTo("auth_login_identifier");
        assertThat(problem.get("limit").intValue()).isEqualTo(2);
        assertThat(problem.get("windowSec").intValue()).isEqualTo(60);
        assertThat(problem.get("retryAfterSec").isNumber()).isTrue();
        assertThat(problem.get("retryAfterSec").intValue()).isBetween(1, 60);
        assertThat(third.header("Retry-After")).isEqualTo(problem.get("retryAfterSec").asString());
        assertThat(problem.get("requestId").stringValue()).isEqualTo(third.header("X-Request-Id"));
    }

    @Test
    void everyResponseOfALimitedRouteCarriesTheRateLimitHeaders() {
        Account account = registerFrom(newAddress());
        String ip = newAddress();

        Reply ok = app.http().post("/auth/login").header("X-Forwarded-For", ip)
                .json("{\"email\":\"" + account.email() + "\",\"password\":\"" + account.password() + "\"}").send();
        Reply invalid = app.http().post("/auth/login").header("X-Forwarded-For", ip)
                .json("{\"email\":\"" + account.email() + "\",\"password\":\"\"}").send();
        Reply limited = wrongLogin(ip, account.email());

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("RateLimit-Policy"))
                .isEqualTo("\"auth_login_ip\";q=3;w=60, \"auth_login_identifier\";q=2;w=60");
        assertThat(ok.header("RateLimit"))
                .matches("\"auth_login_ip\";r=2;t=\\d+, \"auth_login_identifier\";r=1;t=\\d+");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.header("RateLimit"))
                .matches("\"auth_login_ip\";r=1;t=\\d+, \"auth_login_identifier\";r=0;t=\\d+");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("RateLimit-Policy")).contains("\"auth_login_identifier\";q=2;w=60");
        assertThat(limited.header("RateLimit")).contains("\"auth_login_identifier\";r=0;t=");
    }

    @Test
    void theAddressLimitIsCheckedFirstAndSparesTheIdentifierCounter() {
        Account account = registerFrom(newAddress());
        String ip = newAddress();

        for (int i = 0; i < 3; i++) {
            assertThat(wrongLogin(ip, Accounts.uniqueEmail()).status()).isEqualTo(401);
        }
        Reply refused = wrongLogin(ip, account.email());
        Reply elsewhere = app.http().post("/auth/login").header("X-Forwarded-For", newAddress())
                .json("{\"email\":\"" + account.email() + "\",\"password\":\"" + account.password() + "\"}").send();

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("scope").stringValue()).isEqualTo("auth_login_ip");
        assertThat(refused.header("RateLimit-Policy")).isEqualTo("\"auth_login_ip\";q=3;w=60");
        assertThat(elsewhere.status()).as("the identifier counter was not touched").isEqualTo(200);
        assertThat(elsewhere.header("RateLimit")).contains("\"auth_login_identifier\";r=1;");
    }

    @Test
    void malformedAndEmptyLoginsCountAsAttempts() {
        // Fresh windows: bodies without an email share the "unknown" identifier bucket with other tests.
        app.clock().advanceSeconds(61);
        String ip = newAddress();

        Reply malformed = app.http().post("/auth/login").header("X-Forwarded-For", ip).json("{oops").send();
        Reply empty = app.http().post("/auth/login").header("X-Forwarded-For", ip).json("").send();
        Reply third = wrongLogin(ip, Accounts.uniqueEmail());
        Reply fourth = wrongLogin(ip, Accounts.uniqueEmail());

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("detail").stringValue()).isEqualTo("Malformed JSON body");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(third.status()).isEqualTo(401);
        assertThat(fourth.status()).isEqualTo(429);
        assertThat(fourth.json().get("scope").stringValue()).isEqualTo("auth_login_ip");
    }

    @Test
    void bodiesWithoutAStringEmailShareTheUnknownIdentifier() {
        app.clock().advanceSeconds(61);

        Reply first = app.http().post("/auth/login").header("X-Forwarded-For", newAddress())
                .json("{\"email\":5}").send();
        Reply second = app.http().post("/auth/login").header("X-Forwarded-For", newAddress())
                .body("text/plain", "hello".getBytes()).send();
        Reply third = app.http().post("/auth/login").header("X-Forwarded-For", newAddress()).json("{}").send();

        assertThat(first.status()).isEqualTo(400);
        assertThat(second.status()).isEqualTo(415);
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.json().get("scope").stringValue()).isEqualTo("auth_login_identifier");
    }

    @Test
    void theLimitsRunBeforeValidationSoAValidationErrorIsNotSeenOnceLimited() {
        String ip = newAddress();
        for (int i = 0; i < 2; i++) {
            app.http().post("/auth/register").header("X-Forwarded-For", ip).json("{\"email\":\"bad\"}").send();
        }

        Reply reply = app.http().post("/auth/register").header("X-Forwarded-For", ip).json("{\"email\":\"bad\"}")
                .send();

        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.json().get("scope").stringValue()).isEqualTo("auth_register_ip");
        assertThat(reply.json().get("detail").stringValue())
                .isEqualTo("Too many registration attempts. Please try again later.");
    }

    @Test
    void theRegisterLimitCountsSuccessfulRegistrations() {
        String ip = newAddress();

        registerFrom(ip);
        registerFrom(ip);
        Reply third = app.http().post("/auth/register").header("X-Forwarded-For", ip)
                .json("{\"email\":\"" + Accounts.uniqueEmail() + "\",\"password\":\"StrongPass1!\","
                        + "\"orgName\":\"Third\"}").send();

        assertThat(third.status()).isEqualTo(429);
        assertThat(third.header("RateLimit-Policy")).isEqualTo("\"auth_register_ip\";q=2;w=60");
    }

    @Test
    void theWindowReopensWhenTheClockPassesIt() {
        Account account = registerFrom(newAddress());
        String ip = newAddress();
        wrongLogin(ip, account.email());
        wrongLogin(ip, account.email());
        assertThat(wrongLogin(ip, account.email()).status()).isEqualTo(429);

        app.clock().advanceSeconds(61);

        assertThat(wrongLogin(ip, account.email()).status()).isEqualTo(401);
    }

    @Test
    void onlyTheRightMostUntrustedForwardedAddressCounts() {
        String client = newAddress();

        for (int i = 0; i < 3; i++) {
            // A client cannot pick its bucket by prepending addresses: only the one the proxy appended counts.
            wrongLogin("198.51.100." + i + ", " + client, Accounts.uniqueEmail());
        }
        Reply reply = wrongLogin("203.0.113.99, " + client, Accounts.uniqueEmail());

        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.json().get("scope").stringValue()).isEqualTo("auth_login_ip");
    }

    private static Reply wrongLogin(String ip, String email) {
        return app.http().post("/auth/login").header("X-Forwarded-For", ip)
                .json("{\"email\":\"" + email + "\",\"password\":\"WrongPass1!\"}").send();
    }

    private static Account registerFrom(String ip) {
        return accounts.registerFrom(ip);
    }

    private static String newAddress() {
        int n = NEXT_ADDRESS.getAndIncrement();
        return "10." + (n / 65536) % 256 + "." + (n / 256) % 256 + "." + n % 256;
    }
}
