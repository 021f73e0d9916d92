package io.saaskit.boot.web.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.springframework.http.HttpHeaders;

/**
 * One failure, ready to be written as {@code application/problem+json}: the code, the status (usually the code's
 * own), the detail for humans, extra members such as {@code errors}, and extra response headers such as
 * {@code Retry-After}.
 *
 * @param code the stable error code
 * @param status the HTTP status
 * @param detail the human-readable detail
 * @param extensions extra members, in order
 * @param headers extra response headers
 */
public record Problem(ProblemCode code, int status, String detail, Map<String, Object> extensions,
        HttpHeaders headers) {

    public Problem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
        extensions = new LinkedHashMap<>(extensions);
        headers = HttpHeaders.copyOf(headers);
    }

    /**
     * A problem sent with its code's usual status.
     * @param code the code
     * @param detail the detail
     * @return the problem
     */
    public static Problem of(ProblemCode code, String detail) {
        return new Problem(code, code.status(), detail, Map.of(), new HttpHeaders());
    }

    /**
     * The same problem with one more member.
     * @param name the member name
     * @param value the value
     * @return a new problem
     */
    public Problem with(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(this.extensions);
        more.put(name, value);
        return new Problem(this.code, this.status, this.detail, more, this.headers);
    }

    /**
     * The same problem with one more response header.
     * @param name the header name
     * @param value the value
     * @return a new problem
     */
    public Problem withHeader(String name, String value) {
        HttpHeaders more = HttpHeaders.copyOf(this.headers);
        more.add(name, value);
        return new Problem(this.code, this.status, this.detail, this.extensions, more);
    }

    /**
     * The same problem sent with another status, as a wrong method is sent with 405.
     * @param newStatus the status
     * @return a new problem
     */
    public Problem withStatus(int newStatus) {
        return new Problem(this.code, newStatus, this.detail, this.extensions, this.headers);
    }
}
