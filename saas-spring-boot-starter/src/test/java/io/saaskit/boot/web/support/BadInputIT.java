package io.saaskit.boot.web.support;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.saaskit.boot.web.testing.Account;
import io.saaskit.boot.web.testing.Accounts;
import io.saaskit.boot.web.testing.Http;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RowCounts;
import io.saaskit.boot.web.testing.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input on every endpoint of this milestone: each case is a 4xx problem with a request id, never a 500, and
 * writes nothing.
 */
class BadInputIT {

    private static final int TWO_MIB = 2 * 1024 * 1024;

    private static RunningApp app;

    private static Accounts accounts;

    private static Account owner;

    private static String target;

    /** A registered user who is nobody's member in the owner's organization: bad requests never add them. */
    private static Account candidate;

    @BeforeAll
    static void start() {
        app = RunningApp.start();
        accounts = new Accounts(app);
        owner = accounts.register();
        target = accounts.addMember(owner, accounts.register(), "MEMBER");
        candidate = accounts.register();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** The endpoints that take a body, with their fields. */
    enum BodyEndpoint {
        REGISTER("POST", "/auth/register", false, "email", "password", "orgName"),
        LOGIN("POST", "/auth/login", false, "email", "password"),
        CREATE_ORG("POST", "/org", true, "name"),
        ADD_MEMBER("POST", "/org/members", true, "email", "role"),
        CHANGE_ROLE("PATCH", "/org/members/{target}", true, "role"),
        CREATE_API_KEY("POST", "/api-keys", true, "name"),
        CREATE_SCIM_TOKEN("POST", "/org/scim-tokens", true, "name");

        final String method;

        final String path;

        final boolean authenticated;

        final List<String> fields;

        BodyEndpoint(String method, String path, boolean authenticated, String... fields) {
            this.method = method;
            this.path = path;
            this.authenticated = authenticated;
            this.fields = List.of(fields);
        }

        Http.Call call() {
            Http.Call call = app.http().method(this.method, this.path.replace("{target}", target));
            return this.authenticated ? call.bearer(owner.token()) : call;
        }

        String bodyWithEveryField(String jsonValue) {
            return this.fields.stream().map((f) -> "\"" + f + "\":" + jsonValue)
                    .collect(Collectors.joining(",", "{", "}"));
        }

        String validBody() {
            return validBody(candidate.email());
        }

        String validBody(String newMemberEmail) {
            return switch (this) {
                case REGISTER -> "{\"email\":\"" + Accounts.uniqueEmail()
                        + "\",\"password\":\"StrongPass1!\",\"orgName\":\"Valid Org\"";
                case LOGIN -> "{\"email\":\"" + owner.email() + "\",\"password\":\"" + owner.password() + "\"";
                case CREATE_ORG -> "{\"name\":\"Valid Org\"";
                case ADD_MEMBER -> "{\"email\":\"" + newMemberEmail + "\",\"role\":\"MEMBER\"";
                case CHANGE_ROLE -> "{\"role\":\"READONLY\"";
                case CREATE_API_KEY -> "{\"name\":\"valid_key\"";
                case CREATE_SCIM_TOKEN -> "{\"name\":\"valid_token\"";
            } + ",\"unknown\":{\"nested\":[1,2,3]},\"other\":null}";
        }
    }

    /** A kind of bad input and the answer it must get. */
    enum BadInput {
        MALFORMED_JSON(400, "BAD_REQUEST", "Malformed JSON body"),
        TRAILING_GARBAGE(400, "BAD_REQUEST", "Malformed JSON body"),
        DUPLICATE_MEMBERS(400, "BAD_REQUEST", "Malformed JSON body"),
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
        CONTROL_CHARACTERS(400, "VALIDATION_FAILED", null);

        final int status;

        final String code;

        final String detail;

        BadInput(int status, String code, String detail) {
            this.status = status;
            this.code = code;
            this.detail = detail;
        }

        Reply send(BodyEndpoint endpoint) {
            Http.Call call = endpoint.call();
            return switch (this) {
                case MALFORMED_JSON -> call.json("{\"email\":").send();
                case TRAILING_GARBAGE -> call.json("{} {}").send();
                case DUPLICATE_MEMBERS -> call.json(endpoint.validBody().replaceFirst("}$",
                        ",\"" + endpoint.fields.get(endpoint.fields.size() - 1) + "\":\"OWNER\"}")).send();
                case DEEPLY_NESTED -> call.json("[".repeat(5000) + "]".repeat(5000)).send();
                case EMPTY_BODY -> call.json("").send();
                case WHITESPACE_BODY -> call.json("  \n ").send();
                case TEXT_PLAIN -> call.body("text/plain", endpoint.validBody().getBytes(StandardCharsets.UTF_8))
                        .send();
                case FORM_ENCODED -> call.body("application/x-www-form-urlencoded",
                        "email=a%40b.com&password=x&role=MEMBER&name=x".getBytes(StandardCharsets.UTF_8)).send();
                case NO_CONTENT_TYPE -> call.body(null, endpoint.validBody().getBytes(StandardCharsets.UTF_8))
                        .send();
                case TOO_LARGE -> call.body("application/json", large()).send();
                case TOO_LARGE_CHUNKED -> call.chunked("application/json", large()).send();
                case ARRAY_BODY -> call.json("[" + endpoint.validBody() + "]").send();
                case NULL_BODY -> call.json("null").send();
                case NUMBER_FIELDS -> call.json(endpoint.bodyWithEveryField("5")).send();
                case OBJECT_FIELDS -> call.json(endpoint.bodyWithEveryField("{\"a\":1}")).send();
                case BOOLEAN_FIELDS -> call.json(endpoint.bodyWithEveryField("true")).send();
                case MISSING_FIELDS -> call.json("{}").send();
                case NULL_FIELDS -> call.json(endpoint.bodyWithEveryField("null")).send();
                case LONG_STRINGS -> call.json(endpoint.bodyWithEveryField("\"" + "a".repeat(10_000) + "\""))
                        .send();
                case CONTROL_CHARACTERS -> call.json(endpoint.bodyWithEveryField("\"Abc\\u0000de\\u0007f1!\""))
                        .send();
            };
        }

        boolean namesEveryField() {
            return this == NUMBER_FIELDS || this == OBJECT_FIELDS || this == BOOLEAN_FIELDS
                    || this == LONG_STRINGS || this == CONTROL_CHARACTERS || this == MISSING_FIELDS
                    || this == NULL_FIELDS;
        }

        private static byte[] large() {
            byte[] body = new byte[TWO_MIB];
            Arrays.fill(body, (byte) ' ');
            body[0] = '{';
            body[body.length - 1] = '}';
            return body;
        }
    }

    static Stream<Arguments> everyEndpointAndBadInput() {
        return Arrays.stream(BodyEndpoint.values())
                .flatMap((e) -> Arrays.stream(BadInput.values()).map((b) -> Arguments.of(e, b)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyEndpointAndBadInput")
    void badInputIsAProblemThatWritesNothing(BodyEndpoint endpoint, BadInput input) {
        Map<String, Long> before = RowCounts.of(app.database().dataSource());

        Reply reply = input.send(endpoint);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(input.status);
        assertThat(reply.mediaType()).isEqualTo("application/problem+json");
        assertThat(reply.json().get("code").stringValue()).isEqualTo(input.code);
        assertThat(reply.json().get("status").intValue()).isEqualTo(input.status);
        assertThat(reply.json().get("requestId").stringValue()).isEqualTo(reply.header("X-Request-Id"));
        if (input.detail != null) {
            assertThat(reply.json().get("detail").stringValue()).isEqualTo(input.detail);
        }
        if (input.namesEveryField()) {
            assertThat(reply.json().get("errors").findValuesAsString("field")).as(reply.toString())
                    .containsAll(endpoint.fields);
        }
        if (input == BadInput.ARRAY_BODY || input == BadInput.NULL_BODY) {
            assertThat(reply.json().get("errors").get(0).get("field").stringValue()).isEqualTo("body");
        }
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("tools.jackson");
        assertThat(RowCounts.of(app.database().dataSource())).isEqualTo(before);
    }

    @Test
    void aRepeatedRoleCannotSmuggleInAnotherRole() {
        Account member = accounts.register();
        String membership = accounts.addMember(owner, member, "MEMBER");
        Account invitee = accounts.register();

        Reply change = app.http().patch("/org/members/" + membership).bearer(owner.token())
                .json("{\"role\":\"READONLY\",\"role\":\"OWNER\"}").send();
        Reply add = app.http().post("/org/members").bearer(owner.token())
                .json("{\"email\":\"" + invitee.email() + "\",\"role\":\"MEMBER\",\"role\":\"OWNER\"}").send();
        Reply nested = app.http().post("/org/members").bearer(owner.token())
                .json("{\"email\":\"" + invitee.email() + "\",\"role\":\"MEMBER\",\"x\":{\"a\":1,\"a\":2}}")
                .send();

        for (Reply reply : List.of(change, add, nested)) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
            assertThat(reply.json().get("detail").stringValue()).isEqualTo("Malformed JSON body");
        }
        JsonNode members = app.http().get("/org/members").bearer(owner.token()).send().json();
        assertThat(members.findValuesAsString("email")).contains(member.email()).doesNotContain(invitee.email());
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).get("user").get("email").stringValue().equals(member.email())) {
                assertThat(members.get(i).get("role").stringValue()).isEqualTo("MEMBER");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(BodyEndpoint.class)
    void unknownMembersAreIgnored(BodyEndpoint endpoint) {
        Reply reply = endpoint.call().json(endpoint.validBody(accounts.register().email())).send();

        assertThat(reply.status()).as(reply.toString()).isBetween(200, 201);
    }

    @ParameterizedTest
    @EnumSource(BodyEndpoint.class)
    void structuredSyntaxSuffixJsonIsAccepted(BodyEndpoint endpoint) {
        Reply reply = endpoint.call()
                .body("application/vnd.example+json; charset=utf-8",
                        endpoint.validBody(accounts.register().email()).getBytes(StandardCharsets.UTF_8))
                .send();

        assertThat(reply.status()).as(reply.toString()).isBetween(200, 201);
    }

    @Test
    void endpointsWithoutABodyIgnoreContentTypeAndBody() {
        Account account = accounts.register();

        Reply org = app.http().method("GET", "/org").bearer(account.token()).json("{not json").send();
        Reply members = app.http().method("GET", "/org/members").bearer(account.token())
                .body("text/plain", "hello".getBytes(StandardCharsets.UTF_8)).send();
        Reply me = app.http().get("/auth/me").bearer(account.token()).header("Content-Type", "application/json")
                .send();
        Reply logout = app.http().post("/auth/logout").bearer(account.token()).json("[[[").send();

        assertThat(org.status()).isEqualTo(200);
        assertThat(members.status()).isEqualTo(200);
        assertThat(me.status()).isEqualTo(200);
        assertThat(logout.status()).isEqualTo(200);
    }

    @Test
    void aMemberRemovalIgnoresItsBody() {
        String membership = accounts.addMember(owner, accounts.register(), "MEMBER");

        Reply reply = app.http().delete("/org/members/" + membership).bearer(owner.token()).json("{oops").send();

        assertThat(reply.status()).isEqualTo(200);
    }

    @Test
    void anOversizedBodyIsRefusedEvenWhereNoBodyIsExpected() {
        byte[] body = new byte[TWO_MIB];

        Reply reply = app.http().post("/auth/logout").body("application/octet-stream", body).send();

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.json().get("code").stringValue()).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    @Test
    void aBodyJustUnderTheLimitIsRead() {
        String padding = " ".repeat(1024 * 1024 - 200);
        Reply reply = app.http().post("/auth/login")
                .json("{\"email\":\"" + owner.email() + "\",\"password\":\"" + owner.password() + "\"}" + padding)
                .send();

        assertThat(reply.status()).isEqualTo(200);
    }
}
