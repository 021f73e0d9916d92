package io.saaskit.boot.web.support;

import java.io.IOException;

import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RunningApp;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failures raised outside saaskit's own controllers (an application's controller, a filter, {@code sendError},
 * the container) still become problem responses, while an application's own exception handlers keep precedence.
 */
class ProblemResponsesIT {

    private static RunningApp app;

    @BeforeAll
    static void start() {
        app = RunningApp.startWith(new Class<?>[] { HostApplication.class });
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void anUnexpectedExceptionIsA500WithoutDetails() {
        Reply reply = app.http().get("/host/boom").send();

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.mediaType()).isEqualTo("application/problem+json");
        assertThat(reply.json().get("code").stringValue()).isEqualTo("INTERNAL");
        assertThat(reply.json().get("detail").stringValue()).isEqualTo("Internal server error");
        assertThat(reply.body()).doesNotContain("SELECT").doesNotContain("IllegalStateException")
                .doesNotContain("at io.saaskit");
        assertThat(reply.json().get("requestId").stringValue()).isEqualTo(reply.header("X-Request-Id"));
    }

    @Test
    void anExceptionThrownByAFilterIsAProblem() {
        Reply reply = app.http().get("/health").header("X-Fail-In-Filter", "yes").send();

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.mediaType()).isEqualTo("application/problem+json");
        assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(reply.body()).doesNotContain("filter failure");
    }

    @Test
    void sendErrorBecomesAProblem() {
        Reply reply = app.http().get("/host/send-error").send();

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.mediaType()).isEqualTo("application/problem+json");
        assertThat(reply.json().get("code").stringValue()).isEqualTo("CONFLICT");
    }

    @Test
    void responseStatusExceptionsKeepTheirStatus() {
        Reply reply = app.http().get("/host/teapot").send();

        assertThat(reply.status()).isEqualTo(418);
        assertThat(reply.mediaType()).isEqualTo("application/problem+json");
        assertThat(reply.json().get("code").stringValue()).isEqualTo("BAD_REQUEST");
    }

    @Test
    void anInvalidQueryParameterIsAValidationProblemNamingIt() {
        Reply wrongType = app.http().get("/host/days?days=abc").send();
        Reply missing = app.http().get("/host/days").send();

        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("code").stringValue()).isEqualTo("VALIDATION_FAILED");
        assertThat(wrongType.json().get("errors").get(0).get("field").stringValue()).isEqualTo("days");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("errors").get(0).get("field").stringValue()).isEqualTo("days");
    }

    @Test
    void queryParametersThatAreNotValidUtf8AreABadRequestNotAServerError() {
        Reply invalid = app.http().get("/host/days?days=%ff").send();
        Reply truncated = app.http().get("/host/days?days=%C3%28").send();

        assertThat(invalid.status()).as(invalid.body()).isEqualTo(400);
        assertThat(invalid.mediaType()).isEqualTo("application/problem+json");
        assertThat(invalid.json().get("code").stringValue()).isIn("BAD_REQUEST", "VALIDATION_FAILED");
        assertThat(truncated.status()).as(truncated.body()).isEqualTo(400);
    }

    @Test
    void theApplicationsOwnExceptionHandlersWin() {
        Reply reply = app.http().get("/host/own").send();

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.body()).isEqualTo("handled by the application");
    }

    @Test
    void theContainersOwnRefusalsAreProblems() {
        Reply trace = app.http().method("TRACE", "/health").send();

        assertThat(trace.status()).isEqualTo(405);
        assertThat(trace.mediaType()).isEqualTo("application/problem+json");
    }

    /** Application code around saaskit. */
    @Configuration(proxyBeanMethods = false)
    static class HostApplication {

        @Bean
        HostController hostController() {
            return new HostController();
        }

        @Bean
        HostExceptionHandler hostExceptionHandler() {
            return new HostExceptionHandler();
        }

        @Bean
        FilterRegistrationBean<FailingFilter> failingFilter() {
            FilterRegistrationBean<FailingFilter> registration = new FilterRegistrationBean<>(new FailingFilter());
            registration.setOrder(0);
            return registration;
        }
    }

    @RestController
    static class HostController {

        @GetMapping("/host/boom")
        String boom() {
            throw new IllegalStateException("SELECT password_hash FROM app_user");
        }

        @GetMapping("/host/send-error")
        void sendError(HttpServletResponse response) throws IOException {
            response.sendError(409, "internal conflict text");
        }

        @GetMapping("/host/teapot")
        String teapot() {
            throw new ResponseStatusException(HttpStatusCode.valueOf(418));
        }

        @GetMapping("/host/days")
        String days(@RequestParam int days) {
            return Integer.toString(days);
        }

        @GetMapping("/host/own")
        String own() {
            throw new HostException();
        }
    }

    static class HostException extends RuntimeException {

        private static final long serialVersionUID = 1L;
    }

    @RestControllerAdvice
    static class HostExceptionHandler {

        @ExceptionHandler(HostException.class)
        ResponseEntity<String> handle() {
            return ResponseEntity.status(422).body("handled by the application");
        }
    }

    static class FailingFilter extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                FilterChain chain) throws ServletException, IOException {
            if (request.getHeader("X-Fail-In-Filter") != null) {
                throw new IllegalStateException("filter failure");
            }
            chain.doFilter(request, response);
        }
    }
}
