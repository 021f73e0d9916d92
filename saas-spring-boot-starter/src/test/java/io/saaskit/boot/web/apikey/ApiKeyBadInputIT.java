package io.saaskit.boot.web.apikey;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.saaskit.boot.web.testing.Account;
import io.saaskit.boot.web.testing.Accounts;
import io.saaskit.boot.web.testing.Http;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input on the API-key endpoints and on API-key routes: each case is a 4xx problem with a request id, never a
 * 500, and writes neither a key nor an audit row.
 */
class ApiKeyBadInputIT {

    private static final int TWO_MIB = 2 * 1024 * 1024;

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

    /** A kind of bad body for {@code POST /api-keys} and the answer it must get. */
    enum BadBody {
        MALFORMED_JSON(400, "BAD_REQUEST", "Malformed JSON body"),
        TRAILING_GARBAGE(400, "BAD_REQUEST", "Malformed JSON body"),
        DEEPLY_NESTED(400, "BAD_REQUEST", "Malformed JSON body"),
        EMPTY_BODY(400, "BAD_REQUEST", "Request body is required"),
        WHITESPACE_BODY(400, "BAD_REQUEST", "Request body is required"),
        TEXT_PLAIN(415, "UNSUPPORTED_MEDIA_TYPE", null),
        FORM_ENCODED(415, "UNSUPPORTED_MEDIA_TYPE", null),
        NO_CONTENT_TYPE(415, "UNSUPPORTED_MEDIA_TYPE", null),
        TOO_LARGE(413, "PAYLOAD_TOO_LARGE", null),
        TOO_LARGE_CHUNKED(413, "PAYLOAD_TOO_LARGE", null),
        ARRAY_BODY(400, "VALIDATION_FAILED", null),
        NULL_BODY(400, "VALIDATION_FAILED", null),
        NUMBER_FIELDS(400, "VALIDATION_FAILED", null),
        OBJECT_FIELDS(400, "VALIDATION_FAILED", null),
        BOOLEAN_FIELDS(400, "VALIDATION_FAILED", null),
        MISSING_FIELDS(400, "VALIDATION_FAILED", null),
        NULL_FIELDS(400, "VALIDATION_FAILED", null),
        LONG_STRINGS(400, "VALIDATION_FAILED", null),
        CONTROL_CHARACTERS(400, "VALIDATION_FAILED", null),
        SPACES_IN_NAME(400, "VALIDATION_FAILED", null),
        EXPIRY_NOT_A_TIMESTAMP(400, "VALIDATION_FAILED", null),
        EXPIRY_OUT_OF_RANGE(400, "VALIDATION_FAILED", null);

        final int status;

        final String code;

        final String detail;

        BadBody(int status, String code, String detail) {
            this.status = status;
            this.code = code;
            this.detail = detail;
        }

        Reply send() {
            Http.Call call = app.http().post("/api-keys").bearer(owner.token()).org(owner.orgId());
            return switch (this) {
                case MALFORMED_JSON -> call.json("{\"name\":").send();
                case TRAILING_GARBAGE -> call.json("{} {}").send();
                case DEEPLY_NESTED -> call.json("[".repeat(5000) + "]".repeat(5000)).send();
                case EMPTY_BODY -> call.json("").send();
                case WHITESPACE_BODY -> call.json("  \n ").send();
                case TEXT_PLAIN -> call.body("text/plain", "{\"name\":\"ok\"}".getBytes(StandardCharsets.UTF_8))
                        .send();
                case FORM_ENCODED -> call.body("application/x-www-form-urlencoded",
                        "name=ok".getBytes(StandardCharsets.UTF_8)).send();
                case NO_CONTENT_TYPE -> call.body(null, "{\"name\":\"ok\"}".getBytes(StandardCharsets.UTF_8)).send();
                case TOO_LARGE -> call.body("application/json", large()).send();
                case TOO_LARGE_CHUNKED -> call.chunked("application/json", large()).send();
                case ARRAY_BODY -> call.json("[{\"name\":\"ok\"}]").send();
                case NULL_BODY -> call.json("null").send();
                case NUMBER_FIELDS -> call.json("{\"name\":5,\"expiresAt\":1767225600000}").send();
                case OBJECT_FIELDS -> call.json("{\"name\":{\"a\":1},\"expiresAt\":{\"b\":2}}").send();
                case BOOLEAN_FIELDS -> call.json("{\"name\":true,\"expiresAt\":false}").send();
                case MISSING_FIELDS -> call.json("{}").send();
                case NULL_FIELDS -> call.json("{\"name\":null,\"expiresAt\":null}").send();
                case LONG_STRINGS -> call.json("{\"name\":\"" + "a".repeat(10_000) + "\",\"expiresAt\":\""
                        + "2".repeat(10_000) + "\"}").send();
                case CONTROL_CHARACTERS -> call.json("{\"name\":\"ab\\u0000cd\",\"expiresAt\":\"2027\\u0007\"}")
                        .send();
                case SPACES_IN_NAME -> call.json("{\"name\":\"two words\"}").send();
                case EXPIRY_NOT_A_TIMESTAMP -> call.json("{\"name\":\"ok\",\"expiresAt\":\"tomorrow\"}").send();
                case EXPIRY_OUT_OF_RANGE -> call.json("{\"name\":\"ok\",\"expiresAt\":\"+999999999-12-31T23:59:59Z\"}")
                        .send();
            };
        }

        List<String> namedFields() {
            return switch (this) {
                case NUMBER_FIELDS, OBJECT_FIELDS, BOOLEAN_FIELDS, LONG_STRINGS, CONTROL_CHARACTERS ->
                        List.of("name", "expiresAt");
                case MISSING_FIELDS, NULL_FIELDS, SPACES_IN_NAME -> List.of("name");
                case EXPIRY_NOT_A_TIMESTAMP, EXPIRY_OUT_OF_RANGE -> List.of("expiresAt");
                case ARRAY_BODY, NULL_BODY -> List.of("body");
                default -> List.of();
            };
        }

        private static byte[] large() {
            byte[] body = new byte[TWO_MIB];
            Arrays.fill(body, (byte) ' ');
            body[0] = '{';
            body[body.length - 1] = '}';
            return body;
        }
    }

    @ParameterizedTest
    @EnumSource(BadBody.class)
    void badBodyIsAProblemThatWritesNothing(BadBody input) {
        Map<String, Long> before = counts();

        Reply reply = input.send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(input.status);
        assertThat(reply.mediaType()).isEqualTo("application/problem+json");
        assertThat(reply.json().get("code").stringValue()).isEqualTo(input.code);
        assertThat(reply.json().get("requestId").stringValue()).isEqualTo(reply.header("X-Request-Id"));
        if (input.detail != null) {
            assertThat(reply.json().get("detail").stringValue()).isEqualTo(input.detail);
        }
        if (!input.namedFields().isEmpty()) {
            assertThat(reply.json().get("errors").findValuesAsString("field")).as(reply.toString())
                    .containsExactlyInAnyOrderElementsOf(input.namedFields());
        }
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
        JdbcClient database = JdbcClient.create(app.database().dataSource());
        return Map.of("api_key", database.sql("select count(*) from api_key").query(Long.class).single(),
                "audit_log", database.sql("select count(*) from audit_log").query(Long.class).single());
    }
}
