package io.saaskit.boot.web.support;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Writes a {@link Problem} in a format other than problem+json. A filter puts one in the request attribute
 * {@link ProblemWriter#RENDERER_ATTRIBUTE}; from then on every failure of that request, whichever filter, resolver or
 * error page raises it, is written by the renderer instead.
 */
@FunctionalInterface
public interface ProblemRenderer {

    /**
     * Writes the problem; the response is not committed and its buffer was reset.
     * @param request the request
     * @param response the response
     * @param problem the problem
     * @throws IOException when the response cannot be written
     */
    void render(HttpServletRequest request, HttpServletResponse response, Problem problem) throws IOException;
}
