package io.saaskit.boot.web.support;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers every exception raised while Spring MVC handles a request with a problem response.
 *
 * <p>It is placed right after Spring's {@code @ExceptionHandler} resolver, so an application's own exception
 * handlers still win for their exceptions, and before Spring's default resolvers, which would otherwise call
 * {@code sendError} and render an error page. It sees the chosen handler, which tells a wrong method on a
 * controller route (405) from a request only the static-resource fallback matched (404).
 */
public final class ProblemExceptionResolver implements HandlerExceptionResolver {

    private static final Logger logger = LoggerFactory.getLogger(ProblemExceptionResolver.class);

    private final ProblemMapper mapper;

    private final ProblemWriter writer;

    /**
     * Creates the resolver.
     * @param mapper maps exceptions to problems
     * @param writer writes them
     */
    public ProblemExceptionResolver(ProblemMapper mapper, ProblemWriter writer) {
        this.mapper = mapper;
        this.writer = writer;
    }

    @Override
    public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
            @Nullable Object handler, Exception ex) {
        try {
            this.writer.write(request, response, this.mapper.map(ex, request, handler));
            return new ModelAndView();
        }
        catch (IOException writeFailure) {
            logger.debug("Could not write the problem response", writeFailure);
            return null;
        }
    }
}
