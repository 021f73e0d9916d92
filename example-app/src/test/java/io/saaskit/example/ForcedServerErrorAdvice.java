package io.saaskit.example;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * A test hook that exists only in the test class path (component scanning picks it up when the example app runs
 * inside the tests): a request with {@code X-Test-Fail: 5xx} fails with 500 after its handler returned, just before
 * the body would be written, so the test can check that a failed {@code /data} call is not billed even though its
 * usage event was already recorded.
 */
@ControllerAdvice
class ForcedServerErrorAdvice implements ResponseBodyAdvice<Object> {

    static final String HEADER = "X-Test-Fail";

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public @Nullable Object beforeBodyWrite(@Nullable Object body, MethodParameter returnType,
            MediaType selectedContentType, Class<? extends HttpMessageConverter<?>> selectedConverterType,
            ServerHttpRequest request, ServerHttpResponse response) {
        if (request instanceof ServletServerHttpRequest servlet) {
            HttpServletRequest raw = servlet.getServletRequest();
            if ("5xx".equals(raw.getHeader(HEADER))) {
                throw new IllegalStateException("forced test failure");
            }
        }
        return body;
    }
}
