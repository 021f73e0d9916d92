package io.saaskit.boot.web.scim;

import java.io.IOException;

import io.saaskit.boot.web.support.JsonBodyReader;
import io.saaskit.boot.web.support.Problem;
import io.saaskit.boot.web.support.ProblemCode;
import io.saaskit.boot.web.support.ProblemRenderer;
import io.saaskit.boot.web.support.ProblemRendererSelector;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * Writes the failures of SCIM requests in the SCIM error schema ({@code {"schemas":[...Error],"status":"400",
 * "scimType":...,"detail":...}}, status as a string) instead of problem+json: authentication failures, unknown
 * routes, wrong methods, unreadable or oversized bodies, unavailable dependencies. Headers the problem carries
 * ({@code Allow}, {@code Retry-After}) are kept. It also selects itself for the paths under {@code /scim/v2}, so
 * errors the container answers before any filter runs (an undecodable request target) are SCIM errors too.
 */
public final class ScimErrorRenderer implements ProblemRenderer, ProblemRendererSelector {

    /** Detail of a body sent with another content type: SCIM accepts its own media type too. */
    static final String UNSUPPORTED_MEDIA_TYPE = "Content-Type must be application/scim+json or application/json";

    /**
     * This renderer for the paths under {@code /scim/v2}: the one test of whether a request is a SCIM request, used
     * by the {@link ScimRequestFilter} and for errors the container raises before any filter runs.
     * @param path the request path as sent
     * @return this renderer, or {@code null} for a path outside {@code /scim/v2}
     */
    @Override
    public @Nullable ProblemRenderer rendererFor(String path) {
        return (path.equals(ScimRequestFilter.PREFIX) || path.startsWith(ScimRequestFilter.PREFIX + "/")) ? this
                : null;
    }

    @Override
    public void render(HttpServletRequest request, HttpServletResponse response, Problem problem) throws IOException {
        problem.headers().forEach((name, values) -> values.forEach((value) -> response.addHeader(name, value)));
        String detail = (problem.code() == ProblemCode.UNSUPPORTED_MEDIA_TYPE) ? UNSUPPORTED_MEDIA_TYPE
                : problem.detail();
        write(response, problem.status(), scimType(problem), detail);
    }

    /**
     * Writes a SCIM error.
     * @param response the response, not committed
     * @param status the status
     * @param scimType the SCIM error type, or {@code null}
     * @param detail the detail
     * @throws IOException when the response cannot be written
     */
    static void write(HttpServletResponse response, int status, @Nullable String scimType, String detail)
            throws IOException {
        byte[] body = ScimJson.bytes(ScimJson.error(status, scimType, detail));
        response.setStatus(status);
        if (status == HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE) {
            response.setHeader("Connection", "close");
        }
        response.setContentType(ScimJson.MEDIA_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    private static @Nullable String scimType(Problem problem) {
        if (problem.code() == ProblemCode.VALIDATION_FAILED || JsonBodyReader.MALFORMED.equals(problem.detail())
                || JsonBodyReader.REQUIRED.equals(problem.detail())) {
            return "invalidSyntax";
        }
        return null;
    }
}
