package io.saaskit.boot.web.support;

import java.util.HexFormat;
import java.util.regex.Pattern;

import io.saaskit.core.shared.PerThreadSecureRandom;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * The id that ties a request's response, log lines and problem body together.
 *
 * <p>A client-supplied {@code X-Request-Id} is kept when it is 1 to 128 characters of {@code [A-Za-z0-9._-]},
 * so ids from a proxy or a calling service carry through; anything else is replaced by 24 lowercase hex
 * characters from 12 random bytes, so a client cannot inject text into logs.
 */
public final class RequestId {

    /** The request and response header. */
    public static final String HEADER = "X-Request-Id";

    /** The request attribute holding the id of the current request. */
    public static final String ATTRIBUTE = RequestId.class.getName();

    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private static final int RANDOM_BYTES = 12;

    private RequestId() {
    }

    /**
     * The id to use for a request.
     * @param incoming the {@code X-Request-Id} header, or {@code null}
     * @return the incoming id when acceptable, else a new one
     */
    public static String resolve(@Nullable String incoming) {
        if (incoming != null && ACCEPTED.matcher(incoming).matches()) {
            return incoming;
        }
        return generate();
    }

    /**
     * A new random id.
     * @return 24 lowercase hex characters
     */
    public static String generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        PerThreadSecureRandom.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * The id assigned to a request by the request id filter.
     * @param request the request
     * @return the id, or empty when the filter did not run
     */
    public static @Nullable String of(HttpServletRequest request) {
        Object value = request.getAttribute(ATTRIBUTE);
        return (value instanceof String id) ? id : null;
    }
}
