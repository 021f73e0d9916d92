package io.saaskit.boot.web.support;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.saaskit.core.ratelimit.RateLimitDecision;
import io.saaskit.core.ratelimit.RateLimitExceededException;
import io.saaskit.core.ratelimit.RateLimitRule;
import io.saaskit.core.shared.FieldError;
import io.saaskit.core.shared.ForbiddenException;
import io.saaskit.core.shared.SaasException;
import io.saaskit.core.shared.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.MockHttpInputMessage;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemMapperTests {

    private final ProblemMapper mapper = new ProblemMapper();

    private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/things");

    @Test
    void validationKeepsEveryFieldError() {
        Problem problem = this.mapper.map(new ValidationException(List.of(new FieldError("a", "bad"),
                new FieldError("b", "worse"))), this.request, null);

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.code()).isEqualTo(ProblemCode.VALIDATION_FAILED);
        assertThat(problem.extensions().get("errors"))
                .isEqualTo(List.of(new FieldError("a", "bad"), new FieldError("b", "worse")));
    }

    @Test
    void aPermissionFailureNamesThePermission() {
        Problem problem = this.mapper.map(new ForbiddenException("Insufficient permission", "members.invite"),
                this.request, null);

        assertThat(problem.status()).isEqualTo(403);
        assertThat(problem.extensions()).containsEntry("requiredPermission", "members.invite");
    }

    @Test
    void aRateLimitCarriesItsMembersAndHeaders() {
        RateLimitRule rule = new RateLimitRule("auth_login_ip", 10, Duration.ofSeconds(60));
        RateLimitDecision.Limited limited = new RateLimitDecision.Limited(rule, Duration.ofMillis(41_200));

        Problem problem = this.mapper.map(new RateLimitExceededException("Too many", limited, List.of(limited)),
                this.request, null);

        assertThat(problem.status()).isEqualTo(429);
        assertThat(problem.extensions()).containsEntry("retryAfterSec", 42L).containsEntry("scope", "auth_login_ip")
                .containsEntry("limit", 10L).containsEntry("windowSec", 60L);
        assertThat(problem.headers().getFirst("Retry-After")).isEqualTo("42");
        assertThat(problem.headers().getFirst("RateLimit")).isEqualTo("\"auth_login_ip\";r=0;t=42");
    }

    @Test
    void anUnknownRouteIsNotFoundWhetherOrNotTheResourceFallbackMatched() throws Exception {
        Problem noHandler = this.mapper.map(new NoHandlerFoundException("POST", "/things", null), this.request, null);
        Problem noResource = this.mapper.map(new NoResourceFoundException(HttpMethod.GET, "/things", "things"),
                this.request, null);
        Problem resourceMethod = this.mapper.map(new HttpRequestMethodNotSupportedException("POST", Set.of("GET")),
                this.request, new ResourceHttpRequestHandler());

        for (Problem problem : List.of(noHandler, noResource, resourceMethod)) {
            assertThat(problem.status()).isEqualTo(404);
            assertThat(problem.detail()).isEqualTo("Route POST /things not found");
        }
    }

    @Test
    void aWrongMethodOnAControllerRouteIs405WithAllow() {
        Problem problem = this.mapper.map(new HttpRequestMethodNotSupportedException("POST", Set.of("GET", "HEAD")),
                this.request, null);

        assertThat(problem.status()).isEqualTo(405);
        assertThat(problem.code()).isEqualTo(ProblemCode.BAD_REQUEST);
        assertThat(problem.headers().getFirst("Allow")).contains("GET").contains("HEAD");
    }

    @Test
    void aBodyOverTheLimitAnywhereInTheCauseChainIs413() {
        Problem problem = this.mapper.map(new HttpMessageNotReadableException("x",
                new UncheckedIOException(new BodyTooLargeException(10)), new MockHttpInputMessage(new byte[0])),
                this.request, null);

        assertThat(problem.status()).isEqualTo(413);
    }

    @Test
    void anUnreadableBodyIsMalformed() {
        Problem problem = this.mapper.map(new HttpMessageNotReadableException("x",
                new MockHttpInputMessage(new byte[0])), this.request, null);

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.detail()).isEqualTo("Malformed JSON body");
    }

    @Test
    void aLostDatabaseConnectionIsServiceUnavailable() {
        Problem problem = this.mapper.map(new IllegalStateException("wrapped",
                new SQLTransientConnectionException("pool exhausted")), this.request, null);

        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.detail()).isEqualTo("Service unavailable");
    }

    @Test
    void anythingElseIsAnInternalErrorWithoutDetails() {
        Problem problem = this.mapper.map(new IllegalStateException("SELECT secret FROM app_user"), this.request,
                null);

        assertThat(problem.status()).isEqualTo(500);
        assertThat(problem.code()).isEqualTo(ProblemCode.INTERNAL);
        assertThat(problem.detail()).isEqualTo("Internal server error");
        assertThat(problem.extensions()).isEmpty();
    }

    @Test
    void aCoreCodeWithoutMappingIsAnInternalError() {
        SaasException unmapped = new SaasException("new refusal") {

            private static final long serialVersionUID = 1L;

            @Override
            public String code() {
                return "BRAND_NEW";
            }
        };

        assertThat(this.mapper.map(unmapped, this.request, null).status()).isEqualTo(500);
    }

    @Test
    void responseStatusExceptionsKeepTheirStatus() {
        Problem problem = this.mapper.map(new ResponseStatusException(HttpStatus.CONFLICT),
                this.request, null);

        assertThat(problem.status()).isEqualTo(409);
        assertThat(problem.code()).isEqualTo(ProblemCode.CONFLICT);
    }

    @Test
    void aStatusWithoutAnExceptionMapsToItsCode() {
        assertThat(this.mapper.forStatus(404, this.request).detail()).isEqualTo("Route POST /things not found");
        assertThat(this.mapper.forStatus(500, this.request).code()).isEqualTo(ProblemCode.INTERNAL);
    }

    @Test
    void aContainerWrongMethodOnAPathNoRouteServesIsAnUnknownRoute() {
        Problem problem = this.mapper.forStatus(405, this.request);

        assertThat(problem.status()).isEqualTo(404);
        assertThat(problem.detail()).isEqualTo("Route POST /things not found");
    }

    @Test
    void headIsAllowedWhereverGetIs() {
        assertThat(allow(Set.of("GET"))).isEqualTo("GET, HEAD");
        assertThat(allow(Set.of("POST", "GET"))).isEqualTo("GET, HEAD, POST");
        assertThat(allow(Set.of("DELETE", "PATCH"))).isEqualTo("PATCH, DELETE");
        assertThat(allow(Set.of("POST"))).isEqualTo("POST");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aClientThatWentAwayIsABadRequestLoggedOnlyAtDebug(CapturedOutput output) {
        List<Throwable> aborts = List.of(new EOFException(), new ClientAbortException(new EOFException()),
                new IllegalStateException("wrapped", new IOException("Connection reset by peer")));

        for (Throwable abort : aborts) {
            Problem problem = this.mapper.map(abort, this.request, null);

            assertThat(problem.status()).as(abort.toString()).isEqualTo(400);
            assertThat(problem.code()).isEqualTo(ProblemCode.BAD_REQUEST);
            assertThat(problem.detail()).isEqualTo("Request body could not be read");
        }
        assertThat(output.getAll()).doesNotContain("ERROR").doesNotContain("Unhandled error");
    }

    private String allow(Set<String> supported) {
        return this.mapper.map(new HttpRequestMethodNotSupportedException("PUT", supported), this.request, null)
                .headers().getFirst("Allow");
    }

    /** Named like Tomcat's, which is how client aborts are recognised without a dependency on Tomcat. */
    static final class ClientAbortException extends IOException {

        private static final long serialVersionUID = 1L;

        ClientAbortException(Throwable cause) {
            super(cause);
        }
    }
}
