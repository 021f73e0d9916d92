package io.saaskit.boot.web.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.saaskit.boot.web.testing.Account;
import io.saaskit.boot.web.testing.Accounts;
import io.saaskit.boot.web.testing.RawHttp;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RowCounts;
import io.saaskit.boot.web.testing.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conventions every response follows (request ids, security headers, unknown routes and wrong methods as
 * problems, HEAD) and the browser protections (CORS for the web origin, the origin rule).
 */
class HttpConventionsIT {

    private static final String WEB_ORIGIN = "http://web.example.test:3000";

    private static final String API_ORIGIN = "http://api.example.test:4000";

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
    void aValidIncomingRequestIdIsEchoedAndUsedInProblems() {
        Reply ok = app.http().get("/health").header("X-Request-Id", "abc-123").send();
        Reply problem = app.http().get("/org").header("X-Request-Id", "Trace_1.2-x").send();
        String longest = "a".repeat(128);
        Reply atLimit = app.http().get("/health").header("X-Request-Id", longest).send();

        assertThat(ok.header("X-Request-Id")).isEqualTo("abc-123");
        assertThat(problem.header("X-Request-Id")).isEqualTo("Trace_1.2-x");
        assertThat(problem.json().get("requestId").stringValue()).isEqualTo("Trace_1.2-x");
        assertThat(atLimit.header("X-Request-Id")).isEqualTo(longest);
    }

    @Test
    void anInvalidOrMissingRequestIdIsReplacedByAGeneratedOne() {
        List<Reply> replies = List.of(
                app.http().get("/health").header("X-Request-Id", "x".repeat(200)).send(),
                app.http().get("/health").header("X-Request-Id", "a".repeat(129)).send(),
                app.http().get("/health").header("X-Request-Id", "has spaces").send(),
                app.http().get("/health").header("X-Request-Id", "semi;colon").send(),
                app.http().get("/health").send());

        for (Reply reply : replies) {
            assertThat(reply.header("X-Request-Id")).matches("[0-9a-f]{24}");
        }
        assertThat(replies.get(0).header("X-Request-Id")).isNotEqualTo(replies.get(4).header("X-Request-Id"));
    }

    @Test
    void everyResponseCarriesTheSecurityHeadersAndNoStore() {
        Account account = accounts.register();
        List<Reply> replies = List.of(
                app.http().get("/health").send(),
                app.http().get("/auth/me").bearer(account.token()).send(),
                app.http().get("/org").send(),
                app.http().get("/no/such/route").send(),
                app.http().put("/health").send(),
                app.http().post("/auth/login").header("Origin", EVIL_ORIGIN).json("{}").send(),
                app.http().options("/org").header("Origin", WEB_ORIGIN)
                        .header("Access-Control-Request-Method", "POST").send());

        for (Reply reply : replies) {
            assertThat(reply.header("X-Content-Type-Options")).as(reply.toString()).isEqualTo("nosniff");
            assertThat(reply.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
            assertThat(reply.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
            assertThat(reply.header("X-Request-Id")).isNotBlank();
            assertThat(reply.header("Strict-Transport-Security")).as("no HSTS without secure cookies").isNull();
        }
    }

    @Test
    void anUnknownRouteIsANotFoundProblem() {
        Reply get = app.http().get("/no/such/route?x=1").send();
        Reply post = app.http().post("/no/such/route").json("{}").send();
        Reply delete = app.http().delete("/auth/nothing").send();

        assertThat(get.status()).isEqualTo(404);
        assertThat(get.mediaType()).isEqualTo("application/problem+json");
        assertThat(get.json().get("code").stringValue()).isEqualTo("NOT_FOUND");
        assertThat(get.json().get("title").stringValue()).isEqualTo("Not found");
        assertThat(get.json().get("detail").stringValue()).isEqualTo("Route GET /no/such/route not found");
        assertThat(get.json().get("instance").stringValue()).isEqualTo("/no/such/route");
        assertThat(post.status()).isEqualTo(404);
        assertThat(post.json().get("detail").stringValue()).isEqualTo("Route POST /no/such/route not found");
        assertThat(delete.status()).isEqualTo(404);
        assertThat(delete.json().get("detail").stringValue()).isEqualTo("Route DELETE /auth/nothing not found");
    }

    @Test
    void aTrailingSlashDoesNotMatch() {
        Account account = accounts.register();

        Reply health = app.http().get("/health/").send();
        Reply org = app.http().get("/org/").bearer(account.token()).send();
        Reply login = app.http().post("/auth/login/").json("{}").send();

        for (Reply reply : new Reply[] { health, org, login }) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
            assertThat(reply.json().get("code").stringValue()).isEqualTo("NOT_FOUND");
        }
    }

    @Test
    void theErrorPathIsNotAWhitelabelPage() {
        Reply reply = app.http().get("/error").send();

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.mediaType()).isEqualTo("application/problem+json");
        assertThat(reply.body()).doesNotContain("Whitelabel");
    }

    @Test
    void aWrongMethodIs405WithAllow() {
        Reply putHealth = app.http().put("/health").send();
        Reply deleteOrg = app.http().delete("/org").send();
        Reply getLogin = app.http().get("/auth/login").send();

        assertThat(putHealth.status()).isEqualTo(405);
        assertThat(putHealth.mediaType()).isEqualTo("application/problem+json");
        assertThat(putHealth.json().get("code").stringValue()).isEqualTo("BAD_REQUEST");
        assertThat(putHealth.json().get("status").intValue()).isEqualTo(405);
        assertThat(putHealth.header("Allow")).contains("GET");
        assertThat(deleteOrg.status()).isEqualTo(405);
        assertThat(deleteOrg.header("Allow")).contains("GET").contains("POST");
        assertThat(getLogin.status()).isEqualTo(405);
        assertThat(getLogin.header("Allow")).contains("POST");
    }

    @Test
    void everyGetAlsoAnswersHead() {
        Account account = accounts.register();

        Reply[] replies = {
            app.http().head("/health").send(),
            app.http().head("/ready").send(),
            app.http().head("/auth/me").bearer(account.token()).send(),
            app.http().head("/org").bearer(account.token()).send(),
            app.http().head("/org/members").bearer(account.token()).send(),
        };

        for (Reply reply : replies) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            assertThat(reply.body()).isEmpty();
        }
    }

    @Test
    void aPreflightFromTheWebOriginIsAllowedWithCredentials() {
        Reply reply = app.http().options("/org/members").header("Origin", WEB_ORIGIN)
                .header("Access-Control-Request-Method", "PATCH")
                .header("Access-Control-Request-Headers", "content-type,x-org-id").send();

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo(WEB_ORIGIN);
        assertThat(reply.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(reply.header("Access-Control-Allow-Methods")).contains("GET", "HEAD", "PUT", "PATCH", "POST",
                "DELETE");
        assertThat(reply.header("Access-Control-Allow-Headers")).contains("Content-Type", "Authorization",
                "X-Org-Id", "X-Request-Id", "Idempotency-Key", "If-Match", "If-None-Match");
    }

    @Test
    void otherOriginsGetNoCorsHeaders() {
        Reply preflight = app.http().options("/org").header("Origin", EVIL_ORIGIN)
                .header("Access-Control-Request-Method", "GET").send();
        Reply get = app.http().get("/health").header("Origin", EVIL_ORIGIN).send();
        Reply apiOrigin = app.http().get("/health").header("Origin", API_ORIGIN).send();

        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
        assertThat(preflight.header("Access-Control-Allow-Credentials")).isNull();
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.header("Access-Control-Allow-Origin")).isNull();
        assertThat(apiOrigin.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void requestsFromTheWebOriginExposeTheDocumentedHeaders() {
        Reply reply = app.http().get("/health").header("Origin", WEB_ORIGIN).send();

        assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo(WEB_ORIGIN);
        assertThat(reply.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(reply.header("Access-Control-Expose-Headers")).contains("X-Request-Id", "Retry-After",
                "RateLimit", "RateLimit-Policy", "ETag");
        assertThat(reply.headers("Vary")).anyMatch((v) -> v.contains("Origin"));
    }

    @Test
    void cookieAuthenticatedWritesFollowTheOriginRule() {
        Account account = accounts.register();

        Reply evil = app.http().post("/org").cookie(account.token()).header("Origin", EVIL_ORIGIN)
                .json("{\"name\":\"Evil Org\"}").send();
        Reply nullOrigin = app.http().post("/org").cookie(account.token()).header("Origin", "null")
                .json("{\"name\":\"Null Org\"}").send();
        Reply crossSite = app.http().post("/org").cookie(account.token()).header("Sec-Fetch-Site", "cross-site")
                .json("{\"name\":\"Cross Org\"}").send();
        Reply web = app.http().post("/org").cookie(account.token()).header("Origin", WEB_ORIGIN)
                .json("{\"name\":\"Web Org\"}").send();
        Reply api = app.http().post("/org").cookie(account.token()).header("Origin", API_ORIGIN)
                .header("Sec-Fetch-Site", "cross-site").json("{\"name\":\"Api Org\"}").send();
        Reply noOrigin = app.http().post("/org").cookie(account.token()).json("{\"name\":\"Curl Org\"}").send();
        Reply sameOrigin = app.http().post("/org").cookie(account.token()).header("Sec-Fetch-Site", "same-origin")
                .json("{\"name\":\"Same Org\"}").send();
        Reply bearer = app.http().post("/org").bearer(account.token()).header("Origin", EVIL_ORIGIN)
                .json("{\"name\":\"Bearer Org\"}").send();

        for (Reply refused : new Reply[] { evil, nullOrigin, crossSite }) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.json().get("code").stringValue()).isEqualTo("FORBIDDEN");
            assertThat(refused.json().get("detail").stringValue()).isEqualTo("Invalid request origin");
        }
        for (Reply allowed : new Reply[] { web, api, noOrigin, sameOrigin, bearer }) {
            assertThat(allowed.status()).as(allowed.toString()).isEqualTo(201);
        }
        Reply me = app.http().get("/auth/me").bearer(account.token()).send();
        assertThat(me.json().get("orgs").findValuesAsString("name")).doesNotContain("Evil Org", "Null Org",
                "Cross Org");
    }

    @Test
    void theOriginRuleCoversMemberChangesAndLogout() {
        Account owner = accounts.register();
        String membership = accounts.addMember(owner, accounts.register(), "MEMBER");

        Reply patch = app.http().patch("/org/members/" + membership).cookie(owner.token())
                .header("Origin", EVIL_ORIGIN).json("{\"role\":\"ADMIN\"}").send();
        Reply delete = app.http().delete("/org/members/" + membership).cookie(owner.token())
                .header("Origin", EVIL_ORIGIN).send();
        Reply logout = app.http().post("/auth/logout").cookie(owner.token()).header("Origin", EVIL_ORIGIN).send();

        assertThat(patch.status()).isEqualTo(403);
        assertThat(delete.status()).isEqualTo(403);
        assertThat(logout.status()).isEqualTo(403);
        Reply members = app.http().get("/org/members").cookie(owner.token()).header("Origin", EVIL_ORIGIN).send();
        assertThat(members.status()).as("reads are not covered").isEqualTo(200);
        assertThat(members.json().get(1).get("role").stringValue()).isEqualTo("MEMBER");
    }

    @Test
    void loginAndRegisterFollowTheOriginRuleBeforeValidation() {
        Account account = accounts.register();

        Reply login = app.http().post("/auth/login").header("Origin", "https://malicious.example.com")
                .json("{\"email\":\"" + account.email() + "\",\"password\":\"" + account.password() + "\"}").send();
        Reply malformed = app.http().post("/auth/login").header("Origin", EVIL_ORIGIN).json("{oops").send();
        Reply register = app.http().post("/auth/register").header("Sec-Fetch-Site", "cross-site")
                .json("{\"email\":\"" + Accounts.uniqueEmail() + "\",\"password\":\"StrongPass1!\","
                        + "\"orgName\":\"Org\"}").send();
        Reply webLogin = app.http().post("/auth/login").header("Origin", WEB_ORIGIN)
                .json("{\"email\":\"" + account.email() + "\",\"password\":\"" + account.password() + "\"}").send();

        assertThat(login.status()).isEqualTo(403);
        assertThat(login.json().get("code").stringValue()).isEqualTo("FORBIDDEN");
        assertThat(malformed.status()).isEqualTo(403);
        assertThat(register.status()).isEqualTo(403);
        assertThat(webLogin.status()).isEqualTo(200);
    }

    @Test
    void theOriginRuleCoversEverySpellingOfTheCredentialPaths() {
        Account account = accounts.register();
        RawHttp raw = RawHttp.of(app);
        String login = "{\"email\":\"" + account.email() + "\",\"password\":\"" + account.password() + "\"}";
        Map<String, Long> before = RowCounts.of(app.database().dataSource());

        List<RawHttp.Response> refused = new ArrayList<>();
        for (String target : List.of("/auth/login;x=1", "/auth/%6cogin", "/%61uth/login", "/auth/login;jsessionid=1",
                "//auth/login", "/auth//login", "/auth/login/")) {
            refused.add(post(raw, target, EVIL_ORIGIN, login));
        }
        for (String target : List.of("/auth/register;x=1", "/auth/%72egister", "//auth/register")) {
            refused.add(post(raw, target, EVIL_ORIGIN, "{\"email\":\"" + Accounts.uniqueEmail()
                    + "\",\"password\":\"StrongPass1!\",\"orgName\":\"Evil Org\"}"));
        }
        RawHttp.Response allowed = post(raw, "/auth/login;x=1", WEB_ORIGIN, login);

        for (RawHttp.Response response : refused) {
            assertThat(response.status()).as(response.toString()).isEqualTo(403);
            assertThat(response.json().get("detail").stringValue()).isEqualTo("Invalid request origin");
        }
        assertThat(allowed.status()).as("the same spelling from the web origin routes to login").isEqualTo(200);
        Map<String, Long> after = RowCounts.of(app.database().dataSource());
        assertThat(after.get("app_user")).isEqualTo(before.get("app_user"));
        assertThat(after.get("session")).as("only the allowed login").isEqualTo(before.get("session") + 1);
    }

    @Test
    void onlyAnExactOriginPassesTheOriginRule() {
        Account account = accounts.register();
        RawHttp raw = RawHttp.of(app);
        String login = "{\"email\":\"" + account.email() + "\",\"password\":\"" + account.password() + "\"}";

        RawHttp.Response trailingSlash = post(raw, "/auth/login", WEB_ORIGIN + "/", login);
        RawHttp.Response withPath = post(raw, "/auth/login", WEB_ORIGIN + "/path", login);
        RawHttp.Response webThenEvil = post(raw, "/auth/login", WEB_ORIGIN + "\r\nOrigin: " + EVIL_ORIGIN, login);
        RawHttp.Response evilThenWeb = post(raw, "/auth/login", EVIL_ORIGIN + "\r\nOrigin: " + WEB_ORIGIN, login);
        RawHttp.Response twiceTheWebOrigin = post(raw, "/auth/login", WEB_ORIGIN + "\r\nOrigin: " + WEB_ORIGIN,
                login);
        RawHttp.Response exact = post(raw, "/auth/login", WEB_ORIGIN, login);

        for (RawHttp.Response refused : List.of(trailingSlash, withPath, webThenEvil, evilThenWeb,
                twiceTheWebOrigin)) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
        }
        assertThat(exact.status()).isEqualTo(200);
        assertThat(exact.header("Access-Control-Allow-Origin")).isEqualTo(WEB_ORIGIN);
    }

    @Test
    void theAllowHeaderListsHeadWhereverGetIsAllowed() {
        Reply putHealth = app.http().put("/health").send();
        Reply deleteOrg = app.http().delete("/org").send();
        Reply getLogin = app.http().get("/auth/login").send();

        assertThat(putHealth.header("Allow")).isEqualTo("GET, HEAD");
        assertThat(deleteOrg.header("Allow")).isEqualTo("GET, HEAD, POST");
        assertThat(getLogin.header("Allow")).isEqualTo("POST");
    }

    private static RawHttp.Response post(RawHttp raw, String target, String origin, String json) {
        return raw.send("POST " + target + " HTTP/1.1\r\nHost: localhost\r\nOrigin: " + origin
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + json.getBytes(StandardCharsets.UTF_8).length, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aGetOnAMemberPathIsAWrongMethodWithoutInternals() {
        Reply reply = app.http().get("/org/members/not-a-uuid").send();

        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.header("Allow")).contains("PATCH").contains("DELETE");
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("org.springframework");
    }
}
