package io.saaskit.boot.web.scim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * SCIM media type, schema URNs and response bodies. Bodies are serialised here and sent as bytes, so they go out as
 * {@code application/scim+json} whatever JSON converters the application configures.
 */
public final class ScimJson {

    /** The SCIM media type. */
    public static final String MEDIA_TYPE = "application/scim+json";

    /** The core User schema. */
    public static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";

    /** The error message schema. */
    public static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

    /** The list response message schema. */
    public static final String LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

    /** The PATCH message schema. */
    public static final String PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ScimJson() {
    }

    /**
     * A SCIM response.
     * @param status the status
     * @param body the body (maps, lists and JSON scalars)
     * @return the response
     */
    public static ResponseEntity<byte[]> response(HttpStatus status, Object body) {
        return response(status, body, new HttpHeaders());
    }

    /**
     * A SCIM response with extra headers.
     * @param status the status
     * @param body the body
     * @param headers the headers
     * @return the response
     */
    public static ResponseEntity<byte[]> response(HttpStatus status, Object body, HttpHeaders headers) {
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.parseMediaType(MEDIA_TYPE))
                .body(bytes(body));
    }

    /**
     * Serialises a body.
     * @param body the body
     * @return UTF-8 JSON
     */
    public static byte[] bytes(Object body) {
        return JSON.writeValueAsBytes(body);
    }

    /**
     * The SCIM error body.
     * @param status the HTTP status
     * @param scimType the SCIM error type, or {@code null}
     * @param detail the detail
     * @return the body
     */
    public static Map<String, Object> error(int status, @Nullable String scimType,
            String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schemas", List.of(ERROR_SCHEMA));
        body.put("status", Integer.toString(status));
        if (scimType != null) {
            body.put("scimType", scimType);
        }
        body.put("detail", detail);
        return body;
    }
}
