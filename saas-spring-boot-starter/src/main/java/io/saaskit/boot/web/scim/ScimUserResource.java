package io.saaskit.boot.web.scim;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.saaskit.boot.web.support.JsonTimestamps;
import io.saaskit.core.provisioning.DirectoryUser;
import io.saaskit.core.provisioning.Profile;
import io.saaskit.core.provisioning.UserAttribute;
import org.jspecify.annotations.Nullable;

/**
 * Renders a provisioned user as a SCIM User resource (spec section 9.2): {@code emails} from the login email,
 * {@code active} from the membership status, one primary role, and {@code meta} with the resource type, creation
 * and change times, the location under the API base URL and the version.
 */
final class ScimUserResource {

    private final String usersLocation;

    /**
     * Creates the renderer.
     * @param apiBaseUrl the public URL of the API
     */
    ScimUserResource(URI apiBaseUrl) {
        String base = apiBaseUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        this.usersLocation = base + ScimRequestFilter.PREFIX + "/Users/";
    }

    String location(DirectoryUser user) {
        return this.usersLocation + user.id();
    }

    /**
     * The resource, limited to the requested attributes.
     * @param user the user
     * @param projection which attributes to include
     * @return the JSON object
     */
    Map<String, Object> render(DirectoryUser user, Projection projection) {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("schemas", List.of(ScimJson.USER_SCHEMA));
        resource.put("id", user.id().toString());
        user.membership().externalId().ifPresent((externalId) -> resource.put("externalId", externalId));
        resource.put("userName", user.userName().value());
        Profile profile = user.profile();
        Map<String, Object> name = new LinkedHashMap<>();
        putIfPresent(name, "givenName", profile.givenName());
        putIfPresent(name, "familyName", profile.familyName());
        putIfPresent(name, "formatted", profile.formatted());
        if (!name.isEmpty()) {
            resource.put("name", name);
        }
        putIfPresent(resource, "displayName", profile.displayName());
        Map<String, Object> email = new LinkedHashMap<>();
        email.put("value", user.userName().value());
        email.put("type", UserAttribute.EMAIL_TYPE_WORK);
        email.put("primary", true);
        resource.put("emails", List.of(email));
        resource.put("active", user.active());
        Map<String, Object> role = new LinkedHashMap<>();
        role.put("value", user.membership().role().name());
        role.put("primary", true);
        resource.put("roles", List.of(role));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("resourceType", "User");
        meta.put("created", JsonTimestamps.format(user.membership().createdAt()));
        meta.put("lastModified", JsonTimestamps.format(user.membership().updatedAt()));
        meta.put("location", location(user));
        meta.put("version", ScimVersions.etag(user));
        resource.put("meta", meta);
        return projection.apply(resource);
    }

    private static void putIfPresent(Map<String, Object> target, String name, @Nullable String value) {
        if (value != null) {
            target.put(name, value);
        }
    }

    /**
     * The {@code attributes} / {@code excludedAttributes} query parameters: which top-level attributes a response
     * carries. {@code schemas} and {@code id} are always returned; a sub-attribute name selects its whole parent.
     *
     * @param attributes the attributes to return, lower case, or empty for all
     * @param excluded the attributes to leave out, lower case
     */
    record Projection(Set<String> attributes, Set<String> excluded) {

        static final Projection ALL = new Projection(Set.of(), Set.of());

        static Projection of(@Nullable String attributes, @Nullable String excluded) {
            return new Projection(names(attributes), names(excluded));
        }

        Map<String, Object> apply(Map<String, Object> resource) {
            if (this.attributes.isEmpty() && this.excluded.isEmpty()) {
                return resource;
            }
            Map<String, Object> projected = new LinkedHashMap<>();
            resource.forEach((name, value) -> {
                String key = name.toLowerCase(Locale.ROOT);
                boolean always = key.equals("schemas") || key.equals("id");
                boolean wanted = this.attributes.isEmpty() || this.attributes.contains(key);
                if (always || (wanted && !this.excluded.contains(key))) {
                    projected.put(name, value);
                }
            });
            return projected;
        }

        private static Set<String> names(@Nullable String list) {
            if (list == null || list.isBlank()) {
                return Set.of();
            }
            List<String> names = new ArrayList<>();
            for (String raw : list.split(",")) {
                String name = raw.trim().toLowerCase(Locale.ROOT);
                String prefix = ScimJson.USER_SCHEMA.toLowerCase(Locale.ROOT) + ":";
                if (name.startsWith(prefix)) {
                    name = name.substring(prefix.length());
                }
                int dot = name.indexOf('.');
                names.add((dot > 0) ? name.substring(0, dot) : name);
            }
            return Set.copyOf(names);
        }
    }
}
