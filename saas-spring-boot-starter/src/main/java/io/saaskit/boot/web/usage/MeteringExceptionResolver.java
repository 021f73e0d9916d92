package io.saaskit.boot.web.usage;

import io.saaskit.boot.web.support.ProblemCode;
import io.saaskit.core.shared.SaasException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Gives back the usage of a metered request whose handler failed with an exception that becomes a 5xx response,
 * before that response is written, so a client never sees a failed call still counted. It resolves nothing itself:
 * the problem resolvers after it write the response.
 */
final class MeteringExceptionResolver implements HandlerExceptionResolver {

    private static final Logger logger = LoggerFactory.getLogger(MeteringExceptionResolver.class);

    @Override
    public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
            @Nullable Object handler, Exception ex) {
        MeteredRequest metered = UsageMeter.of(request);
        if (metered != null && isServerError(ex)) {
            try {
                metered.giveBack();
            }
            catch (RuntimeException failure) {
                logger.error("Could not give back the usage of a failed request", failure);
            }
        }
        return null;
    }

    private static boolean isServerError(Exception ex) {
        if (ex instanceof SaasException saas) {
            return ProblemCode.of(saas.code()).map(ProblemCode::status).orElse(500) >= 500;
        }
        if (ex instanceof ErrorResponse error) {
            return error.getStatusCode().is5xxServerError();
        }
        ResponseStatus status = AnnotatedElementUtils.findMergedAnnotation(ex.getClass(), ResponseStatus.class);
        return status == null || status.code().is5xxServerError();
    }
}
