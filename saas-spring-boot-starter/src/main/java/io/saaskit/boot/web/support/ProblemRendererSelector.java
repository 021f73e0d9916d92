package io.saaskit.boot.web.support;

import org.jspecify.annotations.Nullable;

/**
 * Chooses, from the request path alone, the {@link ProblemRenderer} of the requests that do not use problem+json
 * (the SCIM endpoints). Filters consult it to mark a request with {@link ProblemWriter#RENDERER_ATTRIBUTE}; errors
 * the servlet container answers before any filter runs (an undecodable request target) consult every selector
 * bean, so they come out in the same format as the rest of that path's errors.
 */
@FunctionalInterface
public interface ProblemRendererSelector {

    /**
     * The renderer of a path's problems.
     * @param path the request path as sent (percent-encoded), without the query string
     * @return the renderer, or {@code null} when the path's problems are problem+json
     */
    @Nullable ProblemRenderer rendererFor(String path);
}
