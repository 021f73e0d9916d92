package io.saaskit.boot.web.usage;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Makes a metered request's usage event durable just before its response body is written, so no successful
 * response leaves without its usage recorded. A failure to record turns the response into 503 (the quota was given
 * back). 5xx bodies are written without recording. It runs before other advice, so advice that fails afterwards
 * turns a recorded request into a compensated one.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class MeteringResponseAdvice implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public @Nullable Object beforeBodyWrite(@Nullable Object body, MethodParameter returnType,
            MediaType selectedContentType, Class<? extends HttpMessageConverter<?>> selectedConverterType,
            ServerHttpRequest request, ServerHttpResponse response) {
        if (request instanceof ServletServerHttpRequest servletRequest) {
            HttpServletRequest servlet = servletRequest.getServletRequest();
            MeteredRequest metered = UsageMeter.of(servlet);
            if (metered != null && metered.isPending() && !isServerError(response)) {
                metered.record();
            }
        }
        return body;
    }

    private static boolean isServerError(ServerHttpResponse response) {
        return response instanceof ServletServerHttpResponse servlet
                && servlet.getServletResponse().getStatus() >= 500;
    }
}
