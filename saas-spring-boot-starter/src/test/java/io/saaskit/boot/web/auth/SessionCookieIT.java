package io.saaskit.boot.web.auth;

import io.saaskit.boot.web.testing.Accounts;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RunningApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session cookie's attributes as configured for production, and HSTS with a secure cookie.
 */
class SessionCookieIT {

    @Test
    void inProductionTheCookieIsSecureWithTheConfiguredDomainAndHstsIsSent() {
        try (RunningApp app = RunningApp.start(
                "saaskit.environment=production",
                "saaskit.session.secret=production-secret-0123456789abcdef0123456789",
                "saaskit.api-keys.pepper=production-api-key-pepper-0123456789abcdef",
                "saaskit.session.cookie.domain=example.com",
                "saaskit.web-base-url=https://app.example.com",
                "saaskit.api-base-url=https://api.example.com")) {
            Reply register = app.http().post("/auth/register").header("Origin", "https://app.example.com")
                    .json("{\"email\":\"" + Accounts.uniqueEmail() + "\",\"password\":\"StrongPass1!\","
                            + "\"orgName\":\"Prod Org\"}").send();
            String token = register.json().get("sessionToken").stringValue();
            Reply logout = app.http().post("/auth/logout").cookie(token).header("Origin", "https://app.example.com")
                    .send();

            assertThat(register.status()).isEqualTo(201);
            String cookie = register.headers("Set-Cookie").get(0);
            assertThat(cookie).startsWith("sid=" + token + ";").contains("; Path=/").contains("; HttpOnly")
                    .contains("; Secure").contains("; SameSite=Lax").contains("; Domain=example.com")
                    .contains("; Max-Age=604800");
            assertThat(token).matches("[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]{43}");
            assertThat(register.header("Strict-Transport-Security")).isEqualTo("max-age=31536000; includeSubDomains");
            assertThat(logout.status()).isEqualTo(200);
            assertThat(logout.headers("Set-Cookie").get(0)).startsWith("sid=;").contains("; Max-Age=0")
                    .contains("; Secure").contains("; Domain=example.com").contains("; HttpOnly")
                    .contains("; SameSite=Lax").contains("; Path=/");
        }
    }

    @Test
    void theSameSiteAttributeAndLifetimeFollowTheConfiguration() {
        try (RunningApp app = RunningApp.start("saaskit.session.cookie.same-site=Strict",
                "saaskit.session.cookie.secure=true", "saaskit.session.ttl=2d")) {
            Reply register = app.http().post("/auth/register")
                    .json("{\"email\":\"" + Accounts.uniqueEmail() + "\",\"password\":\"StrongPass1!\","
                            + "\"orgName\":\"Strict Org\"}").send();

            assertThat(register.headers("Set-Cookie").get(0)).contains("; SameSite=Strict").contains("; Secure")
                    .contains("; Max-Age=172800").doesNotContain("Domain=");
        }
    }
}
