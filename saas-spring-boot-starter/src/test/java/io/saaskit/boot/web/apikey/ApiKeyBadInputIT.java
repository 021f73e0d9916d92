package io.saaskit.boot.web.apikey;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.saaskit.boot.web.testing.Account;
import io.saaskit.boot.web.testing.Accounts;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RowCounts;
import io.saaskit.boot.web.testing.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input on the API-key endpoints and on API-key routes: each case is a 4xx problem with a request id, never a
 * 500, and writes neither a key nor an audit row.
 */
class ApiKeyBadInputIT {

    private static RunningApp app;

    private static Account owner;

    private static ApiKeyCalls keys;

    @BeforeAll
    static void start() {
        app = RunningApp.start(ApiKeyTestRoutes.SOURCE);
        owner = new Accounts(app).register();
        keys = new ApiKeyCalls(app);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /**
     * The API-key rules a bad body can break; the generic cases (malformed JSON, content types, sizes, wrong types of
     * {@code name}) run for this endpoint in {@code BadInputIT}.
     */
    enum BadBody {
        SPACES_IN_NAME("{\"name\":\"two words\"}", "name"),
        EXPIRY_NOT_A_TIMESTAMP("{\"name\":\"ok\",\"expiresAt\":\"tomorrow\"}", "expiresAt"),
        EXPIRY_OUT_OF_RANGE("{\"name\":\"ok\",\"expiresAt\":\"+999999999-12-31T23:59:59Z\"}", "expiresAt"),
        EXPIRY_A_NUMBER("{\"name\":\"ok\",\"expiresAt\":1767225600000}", "expiresAt"),
        EXPIRY_AN_OBJECT("{\"name\":\"ok\",\"expiresAt\":{\"b\":2}}", "expiresAt"),
        EXPIRY_A_BOOLEAN("{\"name\":\"ok\",\"expiresAt\":false}", "expiresAt"),
        EXPIRY_TOO_LONG("{\"name\":\"ok\",\"expiresAt\":\"" + "2".repeat(10_000) + "\"}", "expiresAt"),
        EXPIRY_CONTROL_CHARACTERS("{\"name\":\"ok\",\"expiresAt\":\"2027\\u0007\"}", "expiresAt");

        final String body;

        final String field;

        BadBody(String body, String field) {
            this.body = body;
            this.field = field;
        }

        Reply send() {
            return app.http().post("/api-keys").bearer(owner.token()).org(owner.orgId()).json(this.body).send();
        }
    }

    @ParameterizedTest
    @EnumSource(BadBody.class)
    void badBodyIsAValidationProblemNamingTheFieldThatWritesNothing(BadBody input) {
        Map<String, Long> before = counts();

        Reply reply = input.send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.mediaType()).isEqualTo("application/problem+json");
        assertThat(reply.json().get("code").stringValue()).isEqualTo("VALIDATION_FAILED");
        assertThat(reply.json().get("requestId").stringValue()).isEqualTo(reply.header("X-Request-Id"));
        assertThat(reply.json().get("errors").findValuesAsString("field")).as(reply.toString())
                .containsExactly(input.field);
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("tools.jackson");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void unknownMembersAreIgnoredAndADateIsAcceptedAsAnExpiry() {
        Reply reply = app.http().post("/api-keys").bearer(owner.token()).org(owner.orgId())
                .body("application/vnd.example+json; charset=utf-8",
                        "{\"name\":\" spaced-name \",\"expiresAt\":\"2027-01-01\",\"other\":{\"x\":[1]}}"
                                .getBytes(StandardCharsets.UTF_8)).send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.json().get("name").stringValue()).isEqualTo("spaced-name");
        assertThat(reply.json().get("expiresAt").stringValue()).isEqualTo("2027-01-01T00:00:00.000Z");
    }

    @ParameterizedTest
    @ValueSource(strings = { "not-a-uuid", "00000000-0000-0000-0000-000000000000", "%20", "a.b",
        "0193a5b2-7c1d-7def-8abc-0123456789ab" })
    void revokingAMalformedOrUnknownIdIsNotFound(String id) {
        Map<String, Long> before = counts();

        Reply reply = app.http().delete("/api-keys/" + id).bearer(owner.token()).org(owner.orgId())
                .json("{oops").send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
        assertThat(reply.mediaType()).isEqualTo("application/problem+json");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void listIgnoresContentTypeAndBody() {
        Reply reply = app.http().method("GET", "/api-keys").bearer(owner.token()).json("{not json").send();

        assertThat(reply.status()).isEqualTo(200);
    }

    /** Long values stay under the container's 8 KiB request-header limit, beyond which it answers 400 itself. */
    @Test
    void hostileHeadersOnApiKeyRoutesAreRefusedWithTheSameUnauthorizedProblem() {
        String secret = keys.create(owner, "header-tests").secret();
        List<Reply> replies = List.of(
                app.http().get(ApiKeyTestRoutes.K_ROUTE).header("Authorization", "Bearer " + "a".repeat(4_000))
                        .send(),
                app.http().get(ApiKeyTestRoutes.K_ROUTE).header("Authorization", "Bearer ak_" + "-".repeat(38))
                        .send(),
                keys.callKRoute(secret, "x".repeat(4_000)),
                keys.callKRoute(secret, "' or 1=1 --"));

        for (Reply reply : replies) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
            assertThat(reply.json().get("detail").stringValue()).isEqualTo("Invalid API key");
        }
        Reply valid = app.http().get(ApiKeyTestRoutes.K_ROUTE + "?unused=1").bearer(secret)
                .json("{ignored").send();
        assertThat(valid.status()).isEqualTo(200);
    }

    private static Map<String, Long> counts() {
        return RowCounts.of(app.database().dataSource());
    }
}
