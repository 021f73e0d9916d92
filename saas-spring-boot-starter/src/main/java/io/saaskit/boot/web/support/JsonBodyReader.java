package io.saaskit.boot.web.support;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads request bodies of saaskit's JSON endpoints.
 *
 * <p>Controllers read the body themselves instead of binding it with {@code @RequestBody}, so that the documented
 * order holds (the origin rule and rate limits run before validation, and a malformed body still counts as an
 * attempt) and so that every failure has its documented problem: an empty body is 400 "Request body is required",
 * another content type is 415, unparseable JSON is 400 "Malformed JSON body", more than the size limit is 413.
 * A member repeated within one object ({@code {"role":"MEMBER","role":"OWNER"}}) also makes the body malformed:
 * parsers disagree on which value wins, so such a body is refused rather than read either way.
 */
public final class JsonBodyReader {

    /** Detail of a body that is not JSON. */
    public static final String MALFORMED = "Malformed JSON body";

    /** Detail of a body that could not be received, typically because the client went away while sending it. */
    public static final String UNREADABLE = "Request body could not be read";

    /** Detail of an empty body where one is required. */
    public static final String REQUIRED = "Request body is required";

    /** Detail of a body sent with another content type. */
    public static final String UNSUPPORTED_MEDIA_TYPE = "Content-Type must be application/json";

    private final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final long maxBytes;

    /**
     * Creates a reader.
     * @param maxBytes the largest body accepted; a larger one is refused with 413
     */
    public JsonBodyReader(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Reads the whole body; parsing happens later, through {@link ReceivedBody}.
     * @param request the request
     * @return the body and its content type
     * @throws RefusedRequestException 413 when the body is too large, 400 when it cannot be read
     */
    public ReceivedBody read(HttpServletRequest request) {
        byte[] bytes;
        try {
            int limit = (int) Math.min(Integer.MAX_VALUE - 8, this.maxBytes + 1);
            bytes = request.getInputStream().readNBytes(limit);
        }
        catch (BodyTooLargeException ex) {
            throw new RefusedRequestException(ProblemCode.PAYLOAD_TOO_LARGE, "Request body is too large");
        }
        catch (IOException ex) {
            throw new RefusedRequestException(ProblemCode.BAD_REQUEST, UNREADABLE);
        }
        if (bytes.length > this.maxBytes) {
            throw new RefusedRequestException(ProblemCode.PAYLOAD_TOO_LARGE, "Request body is too large");
        }
        return new ReceivedBody(bytes, request.getContentType(), this.json);
    }
}
