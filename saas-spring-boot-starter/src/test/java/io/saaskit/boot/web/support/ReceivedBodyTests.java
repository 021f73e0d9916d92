package io.saaskit.boot.web.support;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.saaskit.core.shared.FieldError;
import io.saaskit.core.shared.ValidationException;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ReceivedBodyTests {

    private final JsonBodyReader reader = new JsonBodyReader(1024);

    @Test
    void stringMembersAreReadAndUnknownOnesIgnored() {
        JsonFields fields = body("application/json", "{\"email\":\"a@b.com\",\"extra\":[1]}").requireObject();

        assertThat(fields.string("email")).isEqualTo("a@b.com");
        assertThat(fields.string("absent")).isNull();
        assertThat(fields.errors()).isEmpty();
    }

    @Test
    void wrongTypesAreFieldErrorsNamingTheMember() {
        JsonFields fields = body("application/json", "{\"email\":5,\"role\":[\"ADMIN\"],\"name\":{}}")
                .requireObject();

        fields.string("email");
        fields.string("role");
        fields.string("name");

        assertThat(fields.errors()).extracting("field").containsExactly("email", "role", "name");
        assertThat(fields.errors()).extracting("message").containsExactly("Expected string, received number",
                "Expected string, received array", "Expected string, received object");
        assertThatExceptionOfType(ValidationException.class).isThrownBy(fields::validate);
    }

    @Test
    void controlCharactersAreRefusedButSurroundingWhitespaceIsNot() {
        JsonFields fields = body("application/json", "{\"a\":\"x\\u0000y\",\"b\":\" padded\\n\"}").requireObject();

        assertThat(fields.string("a")).isNull();
        assertThat(fields.string("b")).isEqualTo(" padded\n");
        assertThat(fields.errors()).extracting("field").containsExactly("a");
    }

    @Test
    void unpairedSurrogatesAreRefusedButPairsAreNot() {
        JsonFields fields = body("application/json",
                "{\"lone\":\"a\\ud800b\",\"low\":\"\\udc00\",\"pair\":\"\\ud83d\\ude00\"}").requireObject();

        assertThat(fields.string("lone")).isNull();
        assertThat(fields.string("low")).isNull();
        assertThat(fields.string("pair")).isEqualTo("\uD83D\uDE00");
        assertThat(fields.errors()).extracting("field").containsExactly("lone", "low");
    }

    @Test
    void aServiceViolationIsMergedBehindTheTypeErrors() {
        JsonFields fields = body("application/json", "{\"email\":5}").requireObject();
        fields.string("email");

        ValidationException merged = fields.merge(new ValidationException(List.of(
                new FieldError("email", "Enter a valid email address"),
                new FieldError("password", "Password is required"))));

        assertThat(merged.errors()).extracting("field").containsExactly("email", "password");
        assertThat(merged.errors().get(0).message()).isEqualTo("Expected string, received number");
    }

    @Test
    void theDocumentedRefusals() {
        assertRefused(body("application/json", ""), ProblemCode.BAD_REQUEST, "Request body is required");
        assertRefused(body(null, ""), ProblemCode.BAD_REQUEST, "Request body is required");
        assertRefused(body("application/json", "{\"a\":"), ProblemCode.BAD_REQUEST, "Malformed JSON body");
        assertRefused(body("application/json", "{}{}"), ProblemCode.BAD_REQUEST, "Malformed JSON body");
        assertRefused(body("text/plain", "{}"), ProblemCode.UNSUPPORTED_MEDIA_TYPE, null);
        assertRefused(body("application/x-www-form-urlencoded", ""), ProblemCode.UNSUPPORTED_MEDIA_TYPE, null);
        assertRefused(body(null, "{}"), ProblemCode.UNSUPPORTED_MEDIA_TYPE, null);
        assertRefused(body("garbage/", "{}"), ProblemCode.UNSUPPORTED_MEDIA_TYPE, null);
        assertThatExceptionOfType(ValidationException.class)
                .isThrownBy(() -> body("application/json", "[]").requireObject())
                .satisfies((ex) -> assertThat(ex.errors().get(0).field()).isEqualTo("body"));
    }

    @Test
    void jsonMediaTypesWithSuffixesAndCharsetsAreAccepted() {
        assertThat(body("application/json; charset=UTF-8", "{}").requireObject().errors()).isEmpty();
        assertThat(body("application/merge-patch+json", "{}").requireObject().errors()).isEmpty();
        assertThat(body("APPLICATION/JSON", "{}").requireObject().errors()).isEmpty();
    }

    @Test
    void peekingNeverFails() {
        assertThat(body("application/json", "{\"email\":\"a@b.com\"}").peekString("email")).contains("a@b.com");
        assertThat(body("application/json", "{\"email\":5}").peekString("email")).isEmpty();
        assertThat(body("application/json", "{oops").peekString("email")).isEmpty();
        assertThat(body("text/plain", "{\"email\":\"a@b.com\"}").peekString("email")).isEmpty();
        assertThat(body("application/json", "[]").peekString("email")).isEmpty();
    }

    @Test
    void aBodyOverTheLimitIsRefused() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/x");
        request.setContentType("application/json");
        request.setContent(new byte[1025]);

        assertThatExceptionOfType(RefusedRequestException.class).isThrownBy(() -> this.reader.read(request))
                .satisfies((ex) -> assertThat(ex.code()).isEqualTo("PAYLOAD_TOO_LARGE"));
    }

    private ReceivedBody body(String contentType, String content) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/x");
        if (contentType != null) {
            request.setContentType(contentType);
        }
        request.setContent(content.getBytes(StandardCharsets.UTF_8));
        return this.reader.read(request);
    }

    private static void assertRefused(ReceivedBody body, ProblemCode code, String detail) {
        assertThatExceptionOfType(RefusedRequestException.class).isThrownBy(body::requireObject)
                .satisfies((ex) -> {
                    assertThat(ex.code()).isEqualTo(code.name());
                    if (detail != null) {
                        assertThat(ex.getMessage()).isEqualTo(detail);
                    }
                });
    }
}
