package io.saaskit.core.provisioning;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The target of a PATCH operation (RFC 7644 section 3.5.2): an attribute, an optional value filter in brackets and
 * an optional sub-attribute, for example {@code emails[type eq "work"].value} or {@code name.givenName}.
 *
 * @param attribute the top-level attribute in lower case, without the schema URN, for example {@code emails}
 * @param subAttribute the sub-attribute in lower case, or {@code null}
 * @param valueFilter the filter in brackets, over the attribute's sub-attributes, or {@code null}
 */
public record AttributePath(String attribute, @Nullable String subAttribute, @Nullable UserFilter valueFilter) {

    public AttributePath {
        Objects.requireNonNull(attribute, "attribute");
    }

    /**
     * The path as {@code attribute} or {@code attribute.sub}, without the filter.
     * @return the dotted name in lower case
     */
    public String dotted() {
        return (this.subAttribute != null) ? this.attribute + "." + this.subAttribute : this.attribute;
    }
}
