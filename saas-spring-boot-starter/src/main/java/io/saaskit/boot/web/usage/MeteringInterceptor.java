package io.saaskit.boot.web.usage;

import io.saaskit.core.shared.ServiceUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Settles the metering of a request once it is complete: a 5xx response (or an exception nobody handled) gives the
 * usage back, removing the event if it was recorded; any other response whose event is still pending (a handler
 * that wrote no body through Spring MVC) gets it recorded now.
 */
public final class MeteringInterceptor implements HandlerInterceptor {

    private static final Logger logger = LoggerFactory.getLogger(MeteringInterceptor.class);

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
            @Nullable Exception ex) {
        MeteredRequest metered = UsageMeter.of(request);
        if (metered == null) {
            return;
        }
        if (ex != null || response.getStatus() >= 500) {
            try {
                metered.giveBack();
            }
            catch (RuntimeException failure) {
                logger.error("Could not give back the usage of a failed request", failure);
            }
            return;
        }
        if (metered.isPending()) {
            try {
                metered.record();
            }
            catch (ServiceUnavailableException failure) {
                logger.error("Could not record the usage of a completed request", failure);
            }
        }
    }
}
