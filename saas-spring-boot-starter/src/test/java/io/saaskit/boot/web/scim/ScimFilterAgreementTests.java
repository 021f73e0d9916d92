package io.saaskit.boot.web.scim;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ValueNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import io.saaskit.core.provisioning.ProvisioningException;
import io.saaskit.core.provisioning.UserAttribute;
import io.saaskit.core.provisioning.UserFilter;
import io.saaskit.core.provisioning.UserFilterParser;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The hand-written filter parser against a well-kept one: for filters in the RFC 7644 grammar, saaskit's
 * {@link UserFilterParser} builds the same tree (precedence, grouping, negation, value paths, typed values) as the
 * UnboundID SCIM 2 SDK's {@code Filter.fromString}, and both refuse the same malformed filters. Trees are compared
 * in a canonical text form with {@code and}/{@code or} flattened.
 */
class ScimFilterAgreementTests {

    @ParameterizedTest
    @ValueSource(strings = { "userName eq \"bjensen\"", "name.familyName co \"O'Malley\"", "userName sw \"J\"",
            "externalId pr", "meta.lastModified gt \"2011-05-13T04:42:34Z\"",
            "meta.lastModified ge \"2011-05-13T04:42:34+02:00\"", "meta.created lt \"2011-05-13T04:42:34Z\"",
            "meta.created le \"2011-05-13T04:42:34.123Z\"", "externalId pr and displayName eq \"Employee\"",
            "externalId pr or userName eq \"x\"", "userName eq \"a\" or userName eq \"b\" and active eq true",
            "(userName eq \"a\" or userName eq \"b\") and active eq false", "not (userName co \"x\")",
            "emails[type eq \"work\" and value co \"@example.com\"]",
            "emails[type eq \"work\" and value co \"@example.com\"] or emails[primary eq true and value co \"@x.org\"]",
            "userName Eq \"Ann\" AND NOT (displayName sw \"x\")", "roles[value eq \"ADMIN\"]",
            "userName ne \"a\" and (name.givenName ew \"n\" or not (name.familyName gt \"m\"))",
            "displayName eq \"quote \\\" and backslash \\\\\"", "a.b eq 1 or userName eq \"x\"" })
    void bothParsersBuildTheSameTree(String text) {
        String library;
        try {
            library = canonical(Filter.fromString(text), null);
        }
        catch (BadRequestException | IllegalArgumentException ex) {
            throw new AssertionError("The SDK refused " + text, ex);
        }
        catch (UnsupportedAttribute ex) {
            assertThatExceptionOfType(ProvisioningException.class).isThrownBy(() -> UserFilterParser.parse(text));
            return;
        }

        assertThat(canonical(UserFilterParser.parse(text))).isEqualTo(library);
    }

    @ParameterizedTest
    @ValueSource(strings = { "userName zz \"x\"", "userName eq", "(userName pr", "userName pr)",
            "userName eq \"unterminated" })
    void bothParsersRefuseMalformedFilters(String text) {
        assertThatExceptionOfType(BadRequestException.class).isThrownBy(() -> Filter.fromString(text));
        assertThatExceptionOfType(ProvisioningException.class).isThrownBy(() -> UserFilterParser.parse(text));
    }

    private static String canonical(UserFilter filter) {
        if (filter instanceof UserFilter.And || filter instanceof UserFilter.Or) {
            String op = (filter instanceof UserFilter.And) ? "and" : "or";
            List<UserFilter> operands = new ArrayList<>();
            flatten(filter, filter.getClass(), operands);
            return op + operands.stream().map(ScimFilterAgreementTests::canonical)
                    .collect(Collectors.joining(",", "[", "]"));
        }
        if (filter instanceof UserFilter.Not not) {
            return "not[" + canonical(not.filter()) + "]";
        }
        if (filter instanceof UserFilter.Present present) {
            return "(" + present.attribute().scimName() + " pr)";
        }
        UserFilter.Comparison comparison = (UserFilter.Comparison) filter;
        return "(" + comparison.attribute().scimName() + " " + comparison.operator().name().toLowerCase(Locale.ROOT)
                + " " + comparison.value() + ")";
    }

    private static void flatten(UserFilter filter, Class<?> type, List<UserFilter> into) {
        if (type.isInstance(filter) && filter instanceof UserFilter.And and) {
            flatten(and.left(), type, into);
            flatten(and.right(), type, into);
        }
        else if (type.isInstance(filter) && filter instanceof UserFilter.Or or) {
            flatten(or.left(), type, into);
            flatten(or.right(), type, into);
        }
        else {
            into.add(filter);
        }
    }

    private static String canonical(Filter filter, @Nullable String parent) {
        FilterType type = filter.getFilterType();
        if (type == FilterType.AND || type == FilterType.OR) {
            List<String> operands = new ArrayList<>();
            flatten(filter, type, parent, operands);
            return type.toString().toLowerCase(Locale.ROOT) + operands.stream()
                    .collect(Collectors.joining(",", "[", "]"));
        }
        if (type == FilterType.NOT) {
            return "not[" + canonical(filter.getInvertedFilter(), parent) + "]";
        }
        if (type == FilterType.COMPLEX_VALUE) {
            return canonical(filter.getValueFilter(), filter.getAttributePath().toString());
        }
        UserAttribute attribute = attribute(filter, parent);
        if (type == FilterType.PRESENT) {
            return "(" + attribute.scimName() + " pr)";
        }
        return "(" + attribute.scimName() + " " + type.toString().toLowerCase(Locale.ROOT) + " "
                + value(attribute, filter.getComparisonValue()) + ")";
    }

    private static void flatten(Filter filter, FilterType type, @Nullable String parent, List<String> into) {
        if (filter.getFilterType() == type) {
            for (Filter operand : filter.getCombinedFilters()) {
                flatten(operand, type, parent, into);
            }
        }
        else {
            into.add(canonical(filter, parent));
        }
    }

    private static UserAttribute attribute(Filter filter, @Nullable String parent) {
        String path = filter.getAttributePath().toString();
        String full = (parent != null) ? parent + "." + path : path;
        return UserAttribute.find(full).orElseThrow(() -> new UnsupportedAttribute(full));
    }

    private static Object value(UserAttribute attribute, ValueNode node) {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (attribute.kind() == UserAttribute.Kind.DATETIME) {
            return OffsetDateTime.parse(node.textValue()).toInstant();
        }
        return node.textValue();
    }

    /** The SDK parsed an attribute saaskit does not filter on; saaskit must refuse the filter. */
    private static final class UnsupportedAttribute extends RuntimeException {

        private static final long serialVersionUID = 1L;

        UnsupportedAttribute(String attribute) {
            super(attribute);
        }
    }
}
