package io.saaskit.core.provisioning;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The attributes of a provisioned user that filters and sorting may name, with how their values compare.
 *
 * <p>{@code emails} and {@code roles} are multi-valued in SCIM, but a saaskit user has exactly one of each (the login
 * email, of type {@code work} and primary; the membership's role, primary), so their sub-attributes behave like
 * single values. {@code emails} alone means {@code emails.value}, {@code roles} alone {@code roles.value}.
 */
public enum UserAttribute {

    ID("id", Kind.CASE_EXACT, true),
    EXTERNAL_ID("externalId", Kind.CASE_EXACT, true),
    USER_NAME("userName", Kind.CASE_IGNORED, true),
    DISPLAY_NAME("displayName", Kind.CASE_IGNORED, true),
    GIVEN_NAME("name.givenName", Kind.CASE_IGNORED, true),
    FAMILY_NAME("name.familyName", Kind.CASE_IGNORED, true),
    FORMATTED_NAME("name.formatted", Kind.CASE_IGNORED, false),
    EMAIL_VALUE("emails.value", Kind.CASE_IGNORED, false),
    EMAIL_TYPE("emails.type", Kind.CASE_IGNORED, false),
    EMAIL_PRIMARY("emails.primary", Kind.BOOLEAN, false),
    ACTIVE("active", Kind.BOOLEAN, true),
    ROLE_VALUE("roles.value", Kind.CASE_IGNORED, false),
    ROLE_PRIMARY("roles.primary", Kind.BOOLEAN, false),
    CREATED("meta.created", Kind.DATETIME, true),
    LAST_MODIFIED("meta.lastModified", Kind.DATETIME, true);

    /** The type of every email: saaskit knows only the login email. */
    public static final String EMAIL_TYPE_WORK = "work";

    private static final Map<String, UserAttribute> BY_NAME = new HashMap<>();

    static {
        for (UserAttribute attribute : values()) {
            BY_NAME.put(attribute.scimName.toLowerCase(Locale.ROOT), attribute);
        }
        BY_NAME.put("emails", EMAIL_VALUE);
        BY_NAME.put("roles", ROLE_VALUE);
    }

    private final String scimName;

    private final Kind kind;

    private final boolean sortable;

    UserAttribute(String scimName, Kind kind, boolean sortable) {
        this.scimName = scimName;
        this.kind = kind;
        this.sortable = sortable;
    }

    /**
     * Finds an attribute by its SCIM name, case-insensitively; the core User schema URN prefix is accepted.
     * @param name a name such as {@code userName} or {@code name.givenName}
     * @return the attribute, or empty when it cannot be filtered on
     */
    public static Optional<UserAttribute> find(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String prefix = UserAttribute.USER_SCHEMA.toLowerCase(Locale.ROOT) + ":";
        if (lower.startsWith(prefix)) {
            lower = lower.substring(prefix.length());
        }
        return Optional.ofNullable(BY_NAME.get(lower));
    }

    /** The SCIM core User schema id. */
    public static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";

    /**
     * The attribute's SCIM name.
     * @return for example {@code name.givenName}
     */
    public String scimName() {
        return this.scimName;
    }

    /**
     * How the attribute's values compare.
     * @return the kind
     */
    public Kind kind() {
        return this.kind;
    }

    /**
     * Whether {@code sortBy} may name the attribute.
     * @return true when sortable
     */
    public boolean sortable() {
        return this.sortable;
    }

    /**
     * The attribute's value for a user: a {@link String}, {@link Boolean} or {@link Instant}. Times are cut to
     * milliseconds, the precision SCIM responses show, so a client filtering with a time it was sent gets exact
     * comparisons.
     * @param user the user
     * @return the value, or {@code null} when absent
     */
    public @Nullable Object valueOf(DirectoryUser user) {
        return switch (this) {
            case ID -> user.id().toString();
            case EXTERNAL_ID -> user.membership().externalId().orElse(null);
            case USER_NAME, EMAIL_VALUE -> user.userName().value();
            case DISPLAY_NAME -> user.profile().displayName();
            case GIVEN_NAME -> user.profile().givenName();
            case FAMILY_NAME -> user.profile().familyName();
            case FORMATTED_NAME -> user.profile().formatted();
            case EMAIL_TYPE -> EMAIL_TYPE_WORK;
            case EMAIL_PRIMARY, ROLE_PRIMARY -> Boolean.TRUE;
            case ACTIVE -> user.active();
            case ROLE_VALUE -> user.membership().role().name();
            case CREATED -> user.membership().createdAt().truncatedTo(ChronoUnit.MILLIS);
            case LAST_MODIFIED -> user.membership().updatedAt().truncatedTo(ChronoUnit.MILLIS);
        };
    }

    /** How an attribute's values compare. */
    public enum Kind {

        /** Strings compared exactly ({@code id}, {@code externalId}). */
        CASE_EXACT,

        /** Strings compared ignoring case. */
        CASE_IGNORED,

        /** {@code true} or {@code false}; only {@code eq}, {@code ne} and {@code pr} apply. */
        BOOLEAN,

        /** Instants; {@code co}, {@code sw} and {@code ew} do not apply. */
        DATETIME
    }
}
