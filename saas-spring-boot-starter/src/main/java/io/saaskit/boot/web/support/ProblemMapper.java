package io.saaskit.boot.web.support;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.saaskit.core.metering.UsageLimitExceededException;
import io.saaskit.core.ratelimit.RateLimitExceededException;
import io.saaskit.core.ratelimit.RateLimitRule;
import io.saaskit.core.shared.ConflictException;
import io.saaskit.core.shared.FieldError;
import io.saaskit.core.shared.ForbiddenException;
import io.saaskit.core.shared.SaasException;
import io.saaskit.core.shared.ValidationException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Turns any exception into the {@link Problem} the client gets.
 *
 * <p>Core refusals ({@link SaasException}) keep their code and message; {@link ProblemCode} decides the status.
 * Spring MVC's own exceptions become the documented cases: an unknown route is 404 "Route METHOD path not found"
 * (also when only the static-resource fallback matched), a wrong method on a known route is 405 with {@code Allow},
 * an unreadable body is 400, a body over the limit is 413. A lost database connection is 503. A client that went
 * away (an upload cut short) is a 400 logged at DEBUG only. Everything else is a fault: 500 with a generic detail,
 * logged here with the stack trace (the request id is in the MDC), never echoed.
 */
public final class ProblemMapper {

    private static final Logger logger = LoggerFactory.getLogger(ProblemMapper.class);

    /** Exceptions, named so no optional dependency is needed, that mean the database could not be reached. */
    private static final Set<String> UNAVAILABLE_TYPES = Set.of(
            "org.springframework.dao.DataAccessResourceFailureException",
            "org.springframework.transaction.CannotCreateTransactionException");

    /**
     * Maps an exception.
     * @param ex the exception
     * @param request the request it was raised for
     * @param handler the handler that was chosen, if any
     * @return the problem to send
     */
    public Problem map(Throwable ex, HttpServletRequest request, @Nullable Object handler) {
        if (ex instanceof SaasException saas) {
            return fromSaas(saas);
        }
        if (findCause(ex, BodyTooLargeException.class).isPresent()) {
            return Problem.of(ProblemCode.PAYLOAD_TOO_LARGE, "Request body is too large");
        }
        if (DisconnectedClientHelper.isClientDisconnectedException(ex)) {
            // The client gave up (an upload cut short, a closed connection): its fault, not ours, and nobody
            // reads the answer.
            logger.debug("The client went away while the request was served", ex);
            return Problem.of(ProblemCode.BAD_REQUEST, JsonBodyReader.UNREADABLE);
        }
        if (ex instanceof NoHandlerFoundException || ex instanceof NoResourceFoundException) {
            return routeNotFound(request);
        }
        if (ex instanceof HttpRequestMethodNotSupportedException methodEx) {
            return wrongMethod(methodEx, request, handler);
        }
        if (ex instanceof HttpMediaTypeNotSupportedException) {
            return Problem.of(ProblemCode.UNSUPPORTED_MEDIA_TYPE, JsonBodyReader.UNSUPPORTED_MEDIA_TYPE);
        }
        if (ex instanceof HttpMediaTypeNotAcceptableException) {
            return Problem.of(ProblemCode.BAD_REQUEST, "No acceptable representation").withStatus(406);
        }
        if (ex instanceof HttpMessageNotReadableException) {
            return Problem.of(ProblemCode.BAD_REQUEST, JsonBodyReader.MALFORMED);
        }
        if (ex instanceof MethodArgumentTypeMismatchException mismatch) {
            return validation(mismatch.getName(), "Invalid value");
        }
        if (ex instanceof MissingServletRequestParameterException missing) {
            return validation(missing.getParameterName(), "Required");
        }
        if (ex instanceof MissingRequestHeaderException missing) {
            return validation(missing.getHeaderName(), "Required");
        }
        if (isMalformedParameters(ex)) {
            return Problem.of(ProblemCode.BAD_REQUEST, "Malformed query parameters");
        }
        if (isUnavailable(ex)) {
            logger.error("Dependency unavailable while serving the request", ex);
            return Problem.of(ProblemCode.SERVICE_UNAVAILABLE, "Service unavailable");
        }
        if (ex instanceof ErrorResponse errorResponse) {
            return fromStatus(errorResponse.getStatusCode().value(), ex);
        }
        ResponseStatus annotated = AnnotatedElementUtils.findMergedAnnotation(ex.getClass(), ResponseStatus.class);
        if (annotated != null) {
            return fromStatus(annotated.code().value(), ex);
        }
        logger.error("Unhandled error while serving the request", ex);
        return Problem.of(ProblemCode.INTERNAL, "Internal server error");
    }

    /**
     * Whether the servlet container failed to decode the query string or form parameters (for example invalid
     * UTF-8): the container's own exception type is matched by name, so Tomcat stays an optional dependency.
     */
    private static boolean isMalformedParameters(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause.getClass().getName().endsWith(".InvalidParameterException")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The problem for a path that no route serves.
     * @param request the request
     * @return a 404 problem naming the method and path
     */
    public Problem routeNotFound(HttpServletRequest request) {
        return Problem.of(ProblemCode.NOT_FOUND,
                "Route " + RequestPath.method(request) + " " + RequestPath.of(request) + " not found");
    }

    /**
     * The problem for a status set without an exception, as by {@code sendError} or a container error page.
     * @param status the status
     * @param request the request
     * @return the problem
     */
    public Problem forStatus(int status, HttpServletRequest request) {
        if (status == 404) {
            return routeNotFound(request);
        }
        if (status == 405) {
            // Refused before any route was consulted (the container refuses TRACE): say what the path accepts.
            Set<String> allowed = AllowedMethods.ofPath(request);
            return allowed.isEmpty() ? routeNotFound(request) : methodNotAllowed(request, allowed);
        }
        ProblemCode code = ProblemCode.forStatus(status);
        return Problem.of(code, code.title()).withStatus(status);
    }

    private Problem fromSaas(SaasException ex) {
        Optional<ProblemCode> known = ProblemCode.of(ex.code());
        if (known.isEmpty()) {
            logger.error("No HTTP mapping for error code {}", ex.code(), ex);
            return Problem.of(ProblemCode.INTERNAL, "Internal server error");
        }
        Problem problem = Problem.of(known.get(), ex.getMessage());
        if (ex instanceof ValidationException validation) {
            problem = problem.with("errors", errors(validation.errors()));
        }
        if (ex instanceof ConflictException conflict && !conflict.errors().isEmpty()) {
            problem = problem.with("errors", errors(conflict.errors()));
        }
        if (ex instanceof ForbiddenException forbidden && forbidden.requiredPermission().isPresent()) {
            problem = problem.with("requiredPermission", forbidden.requiredPermission().get());
        }
        if (ex instanceof RateLimitExceededException limited) {
            problem = rateLimited(problem, limited);
        }
        if (ex instanceof UsageLimitExceededException usage) {
            problem = usageLimited(problem, usage);
        }
        if (problem.status() >= 500) {
            logger.error("{} while serving the request", ex.code(), ex);
        }
        return problem;
    }

    private static Problem usageLimited(Problem problem, UsageLimitExceededException ex) {
        // The "usage" entry of the RateLimit headers is already on the response (set at admission), so only
        // Retry-After is added here; setting RateLimit headers again would drop the other scopes' entries.
        return problem.with("metric", ex.metric())
                .with("used", ex.used())
                .with("limit", ex.limit())
                .with("periodEnd", JsonTimestamps.format(ex.periodEnd()))
                .with("retryAfterSec", ex.retryAfterSeconds())
                .withHeader(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()));
    }

    private static Problem rateLimited(Problem problem, RateLimitExceededException ex) {
        RateLimitRule rule = ex.decision().rule();
        HttpHeaders headers = RateLimitHeaders.of(ex.decisions());
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()));
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("retryAfterSec", ex.retryAfterSeconds());
        extensions.put("scope", rule.scope());
        extensions.put("limit", rule.limit());
        extensions.put("windowSec", RateLimitHeaders.ceilSeconds(rule.window()));
        return new Problem(problem.code(), problem.status(), problem.detail(), extensions, headers);
    }

    private Problem wrongMethod(HttpRequestMethodNotSupportedException ex, HttpServletRequest request,
            @Nullable Object handler) {
        // Only a controller route knows its methods; the static-resource fallback answers GET for any path, and
        // a POST to a path nobody serves is an unknown route, not a wrong method.
        Set<HttpMethod> supported = ex.getSupportedHttpMethods();
        if ((handler != null && !(handler instanceof HandlerMethod)) || supported == null || supported.isEmpty()) {
            return routeNotFound(request);
        }
        return methodNotAllowed(request, supported.stream().map(HttpMethod::name).toList());
    }

    private static Problem methodNotAllowed(HttpServletRequest request, Collection<String> allowed) {
        return Problem.of(ProblemCode.BAD_REQUEST,
                "Method " + RequestPath.method(request) + " is not allowed on " + RequestPath.of(request))
                .withStatus(405)
                .withHeader(HttpHeaders.ALLOW, AllowedMethods.header(allowed));
    }

    private static Problem fromStatus(int status, Throwable ex) {
        if (status >= 500) {
            logger.error("Error while serving the request", ex);
        }
        ProblemCode code = ProblemCode.forStatus(status);
        return Problem.of(code, code.title()).withStatus(status);
    }

    private static Problem validation(String field, String message) {
        return Problem.of(ProblemCode.VALIDATION_FAILED, "Request validation failed")
                .with("errors", errors(List.of(new FieldError(field, message))));
    }

    private static List<FieldError> errors(List<FieldError> errors) {
        return List.copyOf(errors);
    }

    private static boolean isUnavailable(Throwable ex) {
        int depth = 0;
        for (Throwable cause = ex; cause != null && depth < 32; cause = cause.getCause(), depth++) {
            if (cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            for (Class<?> type = cause.getClass(); type != null; type = type.getSuperclass()) {
                if (UNAVAILABLE_TYPES.contains(type.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static <T extends Throwable> Optional<T> findCause(Throwable ex, Class<T> type) {
        int depth = 0;
        for (Throwable cause = ex; cause != null && depth < 32; cause = cause.getCause(), depth++) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }
}
