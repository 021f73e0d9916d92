package io.saaskit.boot.web.support;

import java.util.Locale;
import java.util.Optional;

/**
 * The stable error codes of the HTTP API, each with its HTTP status and problem title.
 *
 * <p>This is the one place where a {@link io.saaskit.core.shared.SaasException#code()} becomes an HTTP status, so
 * a new code in the core needs a constant here. The problem {@code type} is the configured base followed by the
 * code in kebab case ({@code urn:saaskit:problem:validation-failed}).
 */
public enum ProblemCode {

    UNAUTHORIZED(401, "Unauthorized"),
    FORBIDDEN(403, "Forbidden"),
    NOT_FOUND(404, "Not found"),
    BAD_REQUEST(400, "Bad request"),
    VALIDATION_FAILED(400, "Validation failed"),
    CONFLICT(409, "Conflict"),
    RATE_LIMIT(429, "Rate limit exceeded"),
    USAGE_LIMIT(429, "Usage limit exceeded"),
    DEMO_MODE(403, "Disabled in demo mode"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    SERVICE_UNAVAILABLE(503, "Service unavailable"),
    INTERNAL(500, "Internal server error");

    private final int status;

    private final String title;

    ProblemCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    /**
     * The HTTP status this code is normally sent with.
     * @return the status
     */
    public int status() {
        return this.status;
    }

    /**
     * The problem title.
     * @return the title
     */
    public String title() {
        return this.title;
    }

    /**
     * The code in kebab case, the last part of the problem type.
     * @return for example {@code validation-failed}
     */
    public String kebab() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Looks up a code by name.
     * @param code a code such as {@code CONFLICT}
     * @return the code, or empty when the API does not know it
     */
    public static Optional<ProblemCode> of(String code) {
        for (ProblemCode candidate : values()) {
            if (candidate.name().equals(code)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * The code usually sent with a status that no exception named, such as a container error page.
     * @param status the HTTP status
     * @return the closest code
     */
    public static ProblemCode forStatus(int status) {
        return switch (status) {
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMIT;
            case 503 -> SERVICE_UNAVAILABLE;
            default -> (status >= 400 && status < 500) ? BAD_REQUEST : INTERNAL;
        };
    }
}
