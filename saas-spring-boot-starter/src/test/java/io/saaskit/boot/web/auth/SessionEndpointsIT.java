package io.saaskit.boot.web.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

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
 * {@code GET /auth/sessions} and {@code DELETE /auth/sessions/:id} over HTTP against PostgreSQL: what the list shows
 * (and never shows), and that a user can end their own sessions but cannot see or end anyone else's.
 */
class SessionEndpointsIT {

    private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

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
    void theListShowsTheUsersSessionsNewestFirstWithOnlyTheCallersMarkedCurrent() {
        Account account = accounts.register();
        String laptop = loginWithAgent(account, "Laptop Browser/1.0");
        app.clock().advanceSeconds(1);
        String phone = loginWithAgent(account, "Phone Browser/2.0");
        accounts.register();

        Reply reply = app.http().get("/auth/sessions").bearer(laptop).send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.mediaType()).isEqualTo("application/json");
        JsonNode sessions = reply.json();
        assertThat(sessions.isArray()).isTrue();
        assertThat(sessions).hasSize(3);
        List<String> agents = new ArrayList<>();
        List<Boolean> current = new ArrayList<>();
        for (JsonNode session : sessions) {
            assertThat(names(session)).containsExactlyInAnyOrder("id", "createdAt", "lastSeenAt", "expiresAt", "ip",
                    "userAgent", "current");
            assertThat(session.get("id").stringValue()).matches("[0-9a-f-]{36}");
            assertThat(session.get("createdAt").stringValue()).matches(TIMESTAMP);
            assertThat(session.get("lastSeenAt").stringValue()).matches(TIMESTAMP);
            assertThat(session.get("expiresAt").stringValue()).matches(TIMESTAMP);
            assertThat(session.get("ip").stringValue()).isEqualTo("127.0.0.1");
            agents.add(session.get("userAgent").stringValue());
            current.add(session.get("current").booleanValue());
        }
        assertThat(agents.subList(0, 2)).containsExactly("Phone Browser/2.0", "Laptop Browser/1.0");
        assertThat(current).containsExactly(false, true, false);
        assertThat(sessions.get(0).get("createdAt").stringValue())
                .isGreaterThan(sessions.get(1).get("createdAt").stringValue());
        assertThat(sessions.get(1).get("createdAt").stringValue())
                .isGreaterThan(sessions.get(2).get("createdAt").stringValue());
        for (String token : List.of(account.token(), laptop, phone)) {
            assertThat(reply.body()).doesNotContain(token).doesNotContain(token.substring(0, token.indexOf('.')));
        }
        assertThat(reply.body()).doesNotContainIgnoringCase("token").doesNotContainIgnoringCase("hash");
    }

    @Test
    void eachCallerSeesItsOwnSessionAsCurrent() {
        Account account = accounts.register();
        String second = accounts.login(account).json().get("sessionToken").stringValue();

        String fromFirst = currentId(account.token());
        String fromSecond = currentId(second);

        assertThat(fromFirst).isNotEqualTo(fromSecond);
        assertThat(app.http().get("/auth/sessions").cookie(second).send().json()).hasSize(2);
    }

    @Test
    void anotherUsersSessionCannotBeEndedAndAnswersLikeAnUnknownOne() {
        Account owner = accounts.register();
        Account attacker = accounts.register();
        String victimSession = currentId(owner.token());

        Reply reply = app.http().delete("/auth/sessions/" + victimSession).bearer(attacker.token()).send();
        Reply unknown = app.http().delete("/auth/sessions/" + UUID.randomUUID()).bearer(attacker.token()).send();

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.mediaType()).isEqualTo("application/problem+json");
        assertThat(reply.json().get("code").stringValue()).isEqualTo("NOT_FOUND");
        assertThat(reply.json().get("detail").stringValue()).isEqualTo("Session not found");
        assertThat(reply.bodyWithoutRequestId().replace(victimSession, "ID"))
                .isEqualTo(unknown.bodyWithoutRequestId().replaceAll("/auth/sessions/[0-9a-f-]{36}",
                        "/auth/sessions/ID"));
        assertThat(me(owner.token()).status()).isEqualTo(200);
        assertThat(app.http().get("/auth/sessions").bearer(attacker.token()).send().body())
                .doesNotContain(victimSession);
    }

    @Test
    void unknownAndMalformedIdsAreNotFound() {
        Account account = accounts.register();

        for (String id : List.of(UUID.randomUUID().toString(), "not-a-uuid", "12345", "%20")) {
            Reply reply = app.http().delete("/auth/sessions/" + id).bearer(account.token()).send();
            assertThat(reply.status()).as(id + ": " + reply).isEqualTo(404);
            assertThat(reply.json().get("detail").stringValue()).isEqualTo("Session not found");
        }
        assertThat(me(account.token()).status()).isEqualTo(200);
    }

    @Test
    void endingOneOfTheUsersOtherSessionsSignsThatSessionOut() {
        Account account = accounts.register();
        String other = accounts.login(account).json().get("sessionToken").stringValue();
        String otherId = currentId(other);

        Reply reply = app.http().delete("/auth/sessions/" + otherId).bearer(account.token()).send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().get("ok").booleanValue()).isTrue();
        assertThat(reply.headers("Set-Cookie")).isEmpty();
        assertThat(me(other).status()).isEqualTo(401);
        assertThat(me(account.token()).status()).isEqualTo(200);
        assertThat(app.http().get("/auth/sessions").bearer(account.token()).send().json()).hasSize(1);
        Reply again = app.http().delete("/auth/sessions/" + otherId).bearer(account.token()).send();
        assertThat(again.status()).isEqualTo(404);
    }

    @Test
    void endingTheCurrentSessionSignsTheCallerOutAndClearsTheCookie() {
        Account account = accounts.register();
        String id = currentId(account.token());

        Reply reply = app.http().delete("/auth/sessions/" + id).cookie(account.token()).send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.headers("Set-Cookie")).singleElement()
                .satisfies((cookie) -> assertThat(cookie).startsWith("sid=;").contains("Max-Age=0"));
        assertThat(me(account.token()).status()).isEqualTo(401);
    }

    @Test
    void aCookieAuthenticatedDeleteFromAForeignOriginIsRefused() {
        Account account = accounts.register();
        String other = accounts.login(account).json().get("sessionToken").stringValue();

        Reply reply = app.http().delete("/auth/sessions/" + currentId(other)).cookie(account.token())
                .header("Origin", EVIL_ORIGIN).send();

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().get("detail").stringValue()).isEqualTo("Invalid request origin");
        assertThat(me(other).status()).isEqualTo(200);
    }

    @Test
    void bothRoutesNeedAValidSession() {
        Account account = accounts.register();
        String id = currentId(account.token());

        Reply list = app.http().get("/auth/sessions").send();
        Reply delete = app.http().delete("/auth/sessions/" + id).send();
        Reply invalid = app.http().get("/auth/sessions").bearer("garbage.token").send();
        Reply apiKey = app.http().delete("/auth/sessions/" + id).bearer("ak_live_something").send();

        assertThat(list.status()).isEqualTo(401);
        assertThat(list.json().get("detail").stringValue()).isEqualTo("Missing session");
        assertThat(delete.status()).isEqualTo(401);
        assertThat(invalid.status()).isEqualTo(401);
        assertThat(invalid.json().get("detail").stringValue()).isEqualTo("Invalid session");
        assertThat(apiKey.status()).isEqualTo(401);
        assertThat(me(account.token()).status()).isEqualTo(200);
    }

    @Test
    void theListAnswersHeadAndIgnoresABody() {
        Account account = accounts.register();

        Reply head = app.http().head("/auth/sessions").bearer(account.token()).send();
        Reply withBody = app.http().get("/auth/sessions").bearer(account.token()).json("{not json").send();

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(withBody.status()).isEqualTo(200);
    }

    private static String loginWithAgent(Account account, String userAgent) {
        Reply reply = app.http().post("/auth/login").header("User-Agent", userAgent)
                .json("{\"email\":\"" + account.email() + "\",\"password\":\"" + account.password() + "\"}").send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().get("sessionToken").stringValue();
    }

    private static String currentId(String token) {
        Reply reply = app.http().get("/auth/sessions").bearer(token).send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        for (JsonNode session : reply.json()) {
            if (session.get("current").booleanValue()) {
                return session.get("id").stringValue();
            }
        }
        throw new AssertionError("no current session in " + reply.body());
    }

    private static Reply me(String token) {
        return app.http().get("/auth/me").bearer(token).send();
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
