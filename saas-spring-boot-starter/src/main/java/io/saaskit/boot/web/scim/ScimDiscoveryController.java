package io.saaskit.boot.web.scim;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.saaskit.core.provisioning.ScimCaller;
import io.saaskit.core.shared.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The SCIM discovery endpoints (auth T, RFC 7644 section 4): {@code /ServiceProviderConfig}, {@code /Schemas},
 * {@code /Schemas/:id}, {@code /ResourceTypes} and {@code /ResourceTypes/User}. They describe exactly what this
 * server supports: PATCH, filters (up to 200 results), sorting and ETags; no bulk and no password changes; only the
 * User resource with the core User schema's attributes that saaskit keeps.
 */
@RestController
@RequestMapping(ScimRequestFilter.PREFIX)
public class ScimDiscoveryController {

    private static final String SCHEMA_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";

    private static final String RESOURCE_TYPE_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";

    private static final String CONFIG_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";

    private final Map<String, Object> serviceProviderConfig;

    private final Map<String, Object> userSchema;

    private final Map<String, Object> userResourceType;

    /**
     * Creates the controller.
     * @param apiBaseUrl the public URL of the API, for {@code meta.location}
     */
    public ScimDiscoveryController(URI apiBaseUrl) {
        String base = apiBaseUrl.toString().replaceAll("/+$", "") + ScimRequestFilter.PREFIX;
        this.serviceProviderConfig = serviceProviderConfig(base);
        this.userSchema = userSchema(base);
        this.userResourceType = userResourceType(base);
    }

    /**
     * What the server supports.
     * @param caller the SCIM client
     * @return 200 with the ServiceProviderConfig
     */
    @GetMapping("/ServiceProviderConfig")
    public ResponseEntity<byte[]> serviceProviderConfig(ScimCaller caller) {
        return ScimJson.response(HttpStatus.OK, this.serviceProviderConfig);
    }

    /**
     * The schemas: the core User schema only.
     * @param caller the SCIM client
     * @return 200 with a ListResponse
     */
    @GetMapping("/Schemas")
    public ResponseEntity<byte[]> schemas(ScimCaller caller) {
        return ScimJson.response(HttpStatus.OK, list(this.userSchema));
    }

    /**
     * One schema.
     * @param caller the SCIM client
     * @param id the schema URN
     * @return 200 with the schema
     */
    @GetMapping("/Schemas/{id}")
    public ResponseEntity<byte[]> schema(ScimCaller caller, @PathVariable String id) {
        if (!ScimJson.USER_SCHEMA.equalsIgnoreCase(id)) {
            throw new NotFoundException("Schema not found");
        }
        return ScimJson.response(HttpStatus.OK, this.userSchema);
    }

    /**
     * The resource types: User only.
     * @param caller the SCIM client
     * @return 200 with a ListResponse
     */
    @GetMapping("/ResourceTypes")
    public ResponseEntity<byte[]> resourceTypes(ScimCaller caller) {
        return ScimJson.response(HttpStatus.OK, list(this.userResourceType));
    }

    /**
     * One resource type.
     * @param caller the SCIM client
     * @param id the resource type name
     * @return 200 with the resource type
     */
    @GetMapping("/ResourceTypes/{id}")
    public ResponseEntity<byte[]> resourceType(ScimCaller caller, @PathVariable String id) {
        if (!"User".equalsIgnoreCase(id)) {
            throw new NotFoundException("Resource type not found");
        }
        return ScimJson.response(HttpStatus.OK, this.userResourceType);
    }

    private static Map<String, Object> list(Map<String, Object> resource) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schemas", List.of(ScimJson.LIST_SCHEMA));
        body.put("totalResults", 1);
        body.put("startIndex", 1);
        body.put("itemsPerPage", 1);
        body.put("Resources", List.of(resource));
        return body;
    }

    private static Map<String, Object> serviceProviderConfig(String base) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("schemas", List.of(CONFIG_SCHEMA));
        config.put("patch", Map.of("supported", true));
        config.put("bulk", Map.of("supported", false, "maxOperations", 0, "maxPayloadSize", 0));
        config.put("filter", Map.of("supported", true, "maxResults", ScimUsersController.MAX_COUNT));
        config.put("changePassword", Map.of("supported", false));
        config.put("sort", Map.of("supported", true));
        config.put("etag", Map.of("supported", true));
        Map<String, Object> bearer = new LinkedHashMap<>();
        bearer.put("type", "oauthbearertoken");
        bearer.put("name", "OAuth Bearer Token");
        bearer.put("description", "A per-organization SCIM token (scim_...), or the shared SCIM bearer token with "
                + "X-Org-Id, in the Authorization header");
        bearer.put("primary", true);
        config.put("authenticationSchemes", List.of(bearer));
        config.put("meta", meta("ServiceProviderConfig", base + "/ServiceProviderConfig"));
        return config;
    }

    private static Map<String, Object> userResourceType(String base) {
        Map<String, Object> type = new LinkedHashMap<>();
        type.put("schemas", List.of(RESOURCE_TYPE_SCHEMA));
        type.put("id", "User");
        type.put("name", "User");
        type.put("endpoint", "/Users");
        type.put("description", "A member of the organization");
        type.put("schema", ScimJson.USER_SCHEMA);
        type.put("schemaExtensions", List.of());
        type.put("meta", meta("ResourceType", base + "/ResourceTypes/User"));
        return type;
    }

    private static Map<String, Object> userSchema(String base) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("schemas", List.of(SCHEMA_SCHEMA));
        schema.put("id", ScimJson.USER_SCHEMA);
        schema.put("name", "User");
        schema.put("description", "A member of the organization");
        schema.put("attributes", List.of(
                attribute("userName", "string", false, "readWrite", "server", true,
                        "The login email, unique case-insensitively", List.of()),
                attribute("name", "complex", false, "readWrite", "none", false, "The user's name", List.of(
                        attribute("givenName", "string", false, "readWrite", "none", false, "Given name", List.of()),
                        attribute("familyName", "string", false, "readWrite", "none", false, "Family name",
                                List.of()),
                        attribute("formatted", "string", false, "readOnly", "none", false,
                                "Given and family name", List.of()))),
                attribute("displayName", "string", false, "readWrite", "none", false, "Name to display", List.of()),
                attribute("active", "boolean", false, "readWrite", "none", false,
                        "Whether the membership is active; false suspends it and signs the user out", List.of()),
                attribute("emails", "complex", true, "readOnly", "none", false,
                        "The login email (change it through userName)", List.of(
                                attribute("value", "string", false, "readOnly", "none", false, "The email",
                                        List.of()),
                                attribute("type", "string", false, "readOnly", "none", false, "Always work",
                                        List.of()),
                                attribute("primary", "boolean", false, "readOnly", "none", false, "Always true",
                                        List.of()))),
                attribute("roles", "complex", true, "readWrite", "none", false,
                        "The role in the organization: ADMIN, MEMBER, BILLING or READONLY", List.of(
                                attribute("value", "string", false, "readWrite", "none", false, "The role",
                                        List.of()),
                                attribute("primary", "boolean", false, "readWrite", "none", false,
                                        "The primary role decides", List.of())))));
        schema.put("meta", meta("Schema", base + "/Schemas/" + ScimJson.USER_SCHEMA));
        return schema;
    }

    private static Map<String, Object> attribute(String name, String type, boolean multiValued, String mutability,
            String uniqueness, boolean required, String description, List<Map<String, Object>> subAttributes) {
        Map<String, Object> attribute = new LinkedHashMap<>();
        attribute.put("name", name);
        attribute.put("type", type);
        attribute.put("multiValued", multiValued);
        attribute.put("description", description);
        attribute.put("required", required);
        attribute.put("caseExact", false);
        attribute.put("mutability", mutability);
        attribute.put("returned", "default");
        attribute.put("uniqueness", uniqueness);
        if (!subAttributes.isEmpty()) {
            attribute.put("subAttributes", subAttributes);
        }
        return attribute;
    }

    private static Map<String, Object> meta(String resourceType, String location) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("resourceType", resourceType);
        meta.put("location", location);
        return meta;
    }
}
