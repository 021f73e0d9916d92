package io.saaskit.core.provisioning;

import org.jspecify.annotations.Nullable;

/**
 * Why a provisioning request was refused, in the vocabulary of SCIM (RFC 7644 section 3.12): each value names
 * its {@code scimType} and the HTTP status it is answered with.
 */
public enum ProvisioningError {

    /** The filter is malformed, too long, or names an attribute that cannot be filtered on. */
    INVALID_FILTER("invalidFilter", 400),

    /** The request body is not a valid SCIM message (missing schema, wrong shape). */
    INVALID_SYNTAX("invalidSyntax", 400),

    /** A PATCH path is malformed or names an unsupported attribute. */
    INVALID_PATH("invalidPath", 400),

    /** A PATCH path's filter matched nothing. */
    NO_TARGET("noTarget", 400),

    /** A value is of the wrong type or not allowed (an unknown role, an invalid email). */
    INVALID_VALUE("invalidValue", 400),

    /** The attribute may not be changed (id, meta, or a userName shared with another organization). */
    MUTABILITY("mutability", 400),

    /** The value must be unique and is taken (already a member, externalId in use). */
    UNIQUENESS("uniqueness", 409),

    /** The resource changed since the version the client presented ({@code If-Match}). */
    VERSION_MISMATCH(null, 412);

    private final @Nullable String scimType;

    private final int status;

    ProvisioningError(@Nullable String scimType, int status) {
        this.scimType = scimType;
        this.status = status;
    }

    /**
     * The SCIM error type.
     * @return the {@code scimType}, or {@code null} when SCIM defines none
     */
    public @Nullable String scimType() {
        return this.scimType;
    }

    /**
     * The HTTP status of the refusal.
     * @return 400, 409 or 412
     */
    public int status() {
        return this.status;
    }
}
