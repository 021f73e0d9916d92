package io.saaskit.boot.web.testing;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An HTTP response as a test sees it.
 *
 * @param status the status
 * @param headers the headers
 * @param body the body text
 */
public record Reply(int status, HttpHeaders headers, String body) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * The body as JSON.
     * @return the tree
     */
    public JsonNode json() {
        return JSON.readTree(this.body);
    }

    /**
     * A header's first value.
     * @param name the header
     * @return the value, or {@code null}
     */
    public @Nullable String header(String name) {
        Optional<String> value = this.headers.firstValue(name);
        return value.orElse(null);
    }

    /**
     * Every value of a header.
     * @param name the header
     * @return the values
     */
    public List<String> headers(String name) {
        return this.headers.allValues(name);
    }

    /**
     * The media type of the body, without parameters.
     * @return the media type, or {@code null}
     */
    public @Nullable String mediaType() {
        String contentType = header("Content-Type");
        return (contentType != null) ? contentType.split(";")[0].trim() : null;
    }

    /**
     * The session token of the {@code sid} cookie this response sets.
     * @return the token, or {@code null}
     */
    public @Nullable String sessionCookie() {
        for (String cookie : headers("Set-Cookie")) {
            if (cookie.startsWith("sid=")) {
                return cookie.substring(4, cookie.indexOf(';'));
            }
        }
        return null;
    }

    /**
     * The body with its {@code requestId} removed, to compare two problem bodies.
     * @return the body text without the request id
     */
    public String bodyWithoutRequestId() {
        return this.body.replaceAll("\"requestId\":\"[^\"]*\"", "\"requestId\":\"-\"");
    }

    @Override
    public String toString() {
        return this.status + " " + this.body;
    }
}
