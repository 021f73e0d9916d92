package io.saaskit.boot.web.support;

import java.util.List;
import java.util.Optional;

import io.saaskit.core.shared.FieldError;
import io.saaskit.core.shared.ValidationException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * A request body as received, not yet trusted: it can be peeked at leniently (the login rate limit keys on
 * {@code email} before any validation) or parsed strictly into {@link JsonFields}.
 */
public final class ReceivedBody {

    /** The field name used in errors about the body as a whole. */
    public static final String ROOT_FIELD = "body";

    private final byte[] bytes;

    private final @Nullable String contentType;

    private final JsonMapper json;

    ReceivedBody(byte[] bytes, @Nullable String contentType, JsonMapper json) {
        this.bytes = bytes;
        this.contentType = contentType;
        this.json = json;
    }

    /**
     * A string member of the body, if the body is a JSON object that has one; never fails.
     * @param name the member name
     * @return the value, or empty when the body is not JSON, not an object, or the member is not a string
     */
    public Optional<String> peekString(String name) {
        if (isEmpty() || !isJson()) {
            return Optional.empty();
        }
        try {
            JsonNode root = this.json.readTree(this.bytes);
            JsonNode value = (root != null && root.isObject()) ? root.get(name) : null;
            return (value != null && value.isString()) ? Optional.of(value.stringValue()) : Optional.empty();
        }
        catch (JacksonException ex) {
            return Optional.empty();
        }
    }

    /**
     * Parses the body as a JSON object.
     * @return the members, to be read with type checks
     * @throws RefusedRequestException 400 when the body is missing or not JSON, 415 for another content type
     * @throws ValidationException when the body is JSON but not an object
     */
    public JsonFields requireObject() {
        // A declared non-JSON type is 415 even when the body looks empty: the container may have consumed a form
        // body already. An empty body without a declared type is simply missing.
        if (isEmpty() && (this.contentType == null || isJson())) {
            throw new RefusedRequestException(ProblemCode.BAD_REQUEST, JsonBodyReader.REQUIRED);
        }
        if (!isJson()) {
            throw new RefusedRequestException(ProblemCode.UNSUPPORTED_MEDIA_TYPE,
                    JsonBodyReader.UNSUPPORTED_MEDIA_TYPE);
        }
        JsonNode root;
        try {
            root = this.json.readTree(this.bytes);
        }
        catch (JacksonException ex) {
            throw new RefusedRequestException(ProblemCode.BAD_REQUEST, JsonBodyReader.MALFORMED);
        }
        if (root == null || root.isMissingNode()) {
            throw new RefusedRequestException(ProblemCode.BAD_REQUEST, JsonBodyReader.REQUIRED);
        }
        if (!root.isObject()) {
            throw new ValidationException(List.of(
                    new FieldError(ROOT_FIELD, "Expected object, received " + JsonFields.typeName(root))));
        }
        return new JsonFields(root);
    }

    /**
     * Whether the body is empty or only white space, for endpoints whose body is optional.
     * @return true when there is no body to parse
     */
    public boolean isBlank() {
        return isEmpty();
    }

    private boolean isEmpty() {
        for (byte b : this.bytes) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private boolean isJson() {
        if (this.contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(this.contentType);
            return type.getType().equals("application")
                    && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
        }
        catch (InvalidMediaTypeException ex) {
            return false;
        }
    }
}
