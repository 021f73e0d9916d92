package io.saaskit.boot.web.support;

import io.saaskit.boot.web.testing.RawHttp;
import io.saaskit.boot.web.testing.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests Tomcat refuses itself, before any filter or servlet runs (an undecodable target, an oversized header) or
 * before any route is consulted ({@code TRACE}), still get problem+json with a request id and the security headers,
 * never Tomcat's HTML error page.
 */
class ContainerErrorsIT {

    private static RunningApp app;

    private static RawHttp raw;

    @BeforeAll
    static void start() {
        app = RunningApp.start();
        raw = RawHttp.of(app);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @ParameterizedTest
    @ValueSource(strings = { "/%zz", "/org%2Fmembers", "/org/members/%ff", "/health%00" })
    void anUndecodableRequestTargetIsABadRequestProblem(String target) {
        RawHttp.Response response = raw.send("GET " + target + " HTTP/1.1\r\nHost: localhost", new byte[0]);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertProblem(response, "BAD_REQUEST");
        assertThat(response.json().get("instance").stringValue()).isEqualTo(target);
    }

    @Test
    void anOversizedHeaderIsABadRequestProblem() {
        RawHttp.Response response = raw.send("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                + "a".repeat(20_000), new byte[0]);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertProblem(response, "BAD_REQUEST");
    }

    @Test
    void aRequestLineOverTheLimitIsAProblemWithoutAPathNeverANullInstance() {
        // Tomcat refuses the request line before it has read the path: there is no path to report
        for (String target : new String[] { "/audit?action=" + "a".repeat(100_000),
                "/scim/v2/Users?filter=" + "userName%20eq%20%22a%22%20or%20".repeat(400) + "active%20pr" }) {
            RawHttp.Response response = raw.send("GET " + target + " HTTP/1.1\r\nHost: localhost", new byte[0]);

            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertProblem(response, "BAD_REQUEST");
            assertThat(response.json().has("instance")).as(response.toString()).isFalse();
        }
    }

    @Test
    void aRefusedTargetWhosePathWasReadKeepsItAsTheInstance() {
        RawHttp.Response response = raw.send("GET /org/members/%zz?action=" + "a".repeat(1000)
                + " HTTP/1.1\r\nHost: localhost", new byte[0]);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertProblem(response, "BAD_REQUEST");
        assertThat(response.json().get("instance").stringValue()).isEqualTo("/org/members/%zz");
    }

    @Test
    void traceIsAWrongMethodThatListsWhatThePathAccepts() {
        RawHttp.Response health = raw.send("TRACE /health HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: trace-1",
                new byte[0]);
        RawHttp.Response members = raw.send("TRACE /org/members HTTP/1.1\r\nHost: localhost", new byte[0]);

        assertThat(health.status()).as(health.toString()).isEqualTo(405);
        assertProblem(health, "BAD_REQUEST");
        assertThat(health.header("Allow")).isEqualTo("GET, HEAD");
        assertThat(health.header("X-Request-Id")).isEqualTo("trace-1");
        assertThat(health.json().get("detail").stringValue()).isEqualTo("Method TRACE is not allowed on /health");
        assertThat(members.status()).isEqualTo(405);
        assertThat(members.header("Allow")).isEqualTo("GET, HEAD, POST");
        assertThat(health.body()).as("never echoed").doesNotContain("TRACE /health HTTP/1.1");
    }

    @Test
    void traceOnAPathNoRouteServesIsAnUnknownRoute() {
        RawHttp.Response response = raw.send("TRACE /no/such/route HTTP/1.1\r\nHost: localhost", new byte[0]);

        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertProblem(response, "NOT_FOUND");
        assertThat(response.json().get("detail").stringValue()).isEqualTo("Route TRACE /no/such/route not found");
    }

    private static void assertProblem(RawHttp.Response response, String code) {
        assertThat(response.mediaType()).as(response.toString()).isEqualTo("application/problem+json");
        assertThat(response.body()).doesNotContain("<html").doesNotContain("Tomcat");
        assertThat(response.json().get("code").stringValue()).isEqualTo(code);
        assertThat(response.json().get("status").intValue()).isEqualTo(response.status());
        assertThat(response.header("X-Request-Id")).isNotBlank();
        assertThat(response.json().get("requestId").stringValue()).isEqualTo(response.header("X-Request-Id"));
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    }
}
