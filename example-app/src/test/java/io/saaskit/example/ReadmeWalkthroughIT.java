package io.saaskit.example;

import java.util.Map;

import io.saaskit.example.support.ApiClient;
import io.saaskit.example.support.ApiResponse;
import io.saaskit.example.support.RunningApp;
import io.saaskit.example.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's curl walkthrough, request for request, against the app on a real PostgreSQL given as a JDBC-form
 * {@code DATABASE_URL}: register, log in with a cookie jar, {@code /auth/me}, {@code /org}, add a second user as a
 * member, change that member's role.
 */
class ReadmeWalkthroughIT {

    private static RunningApp app;

    @BeforeAll
    static void startApp() {
        app = RunningApp.start(Map.of("DATABASE_URL", TestDatabase.create().jdbcUrl()));
    }

    @AfterAll
    static void stopApp() {
        app.close();
    }

    @Test
    void healthAndReadinessAnswerOnceStarted() {
        ApiClient curl = ApiClient.withoutCookies(app.baseUri());

        assertThat(curl.get("/health").status()).isEqualTo(200);
        ApiResponse ready = curl.get("/ready");
        assertThat(ready.status()).as(ready.body()).isEqualTo(200);
        assertThat(ready.json().path("status").asString()).isEqualTo("ready");
        assertThat(ready.json().path("checks").path("database").asString()).isEqualTo("up");
    }

    @Test
    void readmeWalkthroughWorksRequestForRequest() {
        ApiClient curl = ApiClient.withCookieJar(app.baseUri());

        // 1. curl -s -c cookie.txt -X POST http://localhost:4000/auth/register ...
        ApiResponse registered = curl.post("/auth/register",
                "{\"email\":\"demo@example.com\",\"password\":\"StrongPass1!\",\"orgName\":\"Demo Org\"}");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String orgId = registered.json().path("orgId").asString();
        String userId = registered.json().path("userId").asString();
        assertThat(registered.json().path("sessionToken").asString()).isNotBlank();
        assertThat(curl.cookie("sid")).isPresent();

        // 2. curl -s -b cookie.txt -c cookie.txt -X POST http://localhost:4000/auth/login ...
        ApiResponse login = curl.post("/auth/login", "{\"email\":\"demo@example.com\",\"password\":\"StrongPass1!\"}");
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        assertThat(login.json().path("userId").asString()).isEqualTo(userId);
        assertThat(login.json().path("orgId").asString()).isEqualTo(orgId);

        // 3. curl -s -b cookie.txt http://localhost:4000/auth/me
        ApiResponse me = curl.get("/auth/me");
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().path("user").path("email").asString()).isEqualTo("demo@example.com");
        assertThat(me.json().path("orgId").asString()).isEqualTo(orgId);
        assertThat(me.json().path("orgs").get(0).path("role").asString()).isEqualTo("OWNER");

        // 4. curl -s -b cookie.txt -H "X-Org-Id: $ORG_ID" http://localhost:4000/org
        ApiResponse org = curl.get("/org", "X-Org-Id", orgId);
        assertThat(org.status()).as(org.body()).isEqualTo(200);
        assertThat(org.json().path("org").path("id").asString()).isEqualTo(orgId);
        assertThat(org.json().path("org").path("name").asString()).isEqualTo("Demo Org");
        assertThat(org.json().path("org").path("plan").asString()).isEqualTo("free");
        assertThat(org.json().path("role").asString()).isEqualTo("OWNER");

        // 5. the teammate registers (without a cookie jar), then the owner adds them
        ApiClient noJar = ApiClient.withoutCookies(app.baseUri());
        ApiResponse teammateRegistered = noJar.post("/auth/register",
                "{\"email\":\"teammate@example.com\",\"password\":\"StrongPass1!\",\"orgName\":\"Teammate Org\"}");
        assertThat(teammateRegistered.status()).as(teammateRegistered.body()).isEqualTo(201);
        ApiResponse added = curl.post("/org/members", "{\"email\":\"teammate@example.com\",\"role\":\"MEMBER\"}",
                "X-Org-Id", orgId);
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        String memberId = added.json().path("id").asString();
        assertThat(added.json().path("role").asString()).isEqualTo("MEMBER");
        assertThat(added.json().path("orgId").asString()).isEqualTo(orgId);
        assertThat(added.json().path("userId").asString())
                .isEqualTo(teammateRegistered.json().path("userId").asString());

        // 6. curl -s -b cookie.txt -c cookie.txt -X PATCH "http://localhost:4000/org/members/$MEMBER_ID" ...
        ApiResponse changed = curl.patch("/org/members/" + memberId, "{\"role\":\"ADMIN\"}", "X-Org-Id", orgId);
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().path("role").asString()).isEqualTo("ADMIN");

        // curl -s -b cookie.txt -H "X-Org-Id: $ORG_ID" http://localhost:4000/org/members
        ApiResponse members = curl.get("/org/members", "X-Org-Id", orgId);
        assertThat(members.status()).as(members.body()).isEqualTo(200);
        assertThat(members.json().size()).isEqualTo(2);
        assertThat(members.json().get(1).path("user").path("email").asString()).isEqualTo("teammate@example.com");
        assertThat(members.json().get(1).path("role").asString()).isEqualTo("ADMIN");

        // The teammate, logged in, now acts in Demo Org as an ADMIN.
        ApiClient teammate = ApiClient.withCookieJar(app.baseUri());
        assertThat(teammate.post("/auth/login", "{\"email\":\"teammate@example.com\",\"password\":\"StrongPass1!\"}")
                .status()).isEqualTo(200);
        ApiResponse teammateView = teammate.get("/org", "X-Org-Id", orgId);
        assertThat(teammateView.status()).as(teammateView.body()).isEqualTo(200);
        assertThat(teammateView.json().path("role").asString()).isEqualTo("ADMIN");
        JsonNode teammateOrgs = teammate.get("/auth/me").json().path("orgs");
        assertThat(teammateOrgs.size()).isEqualTo(2);
    }
}
