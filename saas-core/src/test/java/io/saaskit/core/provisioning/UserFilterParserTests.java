package io.saaskit.core.provisioning;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class UserFilterParserTests {

    @Test
    void comparisonNamesAttributeOperatorAndValueInAnyCase() {
        assertThat(UserFilterParser.parse("UserName EQ \"Ann@Example.com\"")).isEqualTo(
                new UserFilter.Comparison(UserAttribute.USER_NAME, FilterOperator.EQ, "Ann@Example.com"));
        assertThat(UserFilterParser.parse("urn:ietf:params:scim:schemas:core:2.0:User:name.givenName sw \"A\""))
                .isEqualTo(new UserFilter.Comparison(UserAttribute.GIVEN_NAME, FilterOperator.SW, "A"));
        assertThat(UserFilterParser.parse("emails co \"x\"")).isEqualTo(
                new UserFilter.Comparison(UserAttribute.EMAIL_VALUE, FilterOperator.CO, "x"));
    }

    @Test
    void andBindsTighterThanOrAndParenthesesGroup() {
        UserFilter a = new UserFilter.Present(UserAttribute.EXTERNAL_ID);
        UserFilter b = new UserFilter.Comparison(UserAttribute.ACTIVE, FilterOperator.EQ, true);
        UserFilter c = new UserFilter.Present(UserAttribute.DISPLAY_NAME);

        assertThat(UserFilterParser.parse("externalId pr or active eq true and displayName pr"))
                .isEqualTo(new UserFilter.Or(a, new UserFilter.And(b, c)));
        assertThat(UserFilterParser.parse("(externalId pr OR active eq TRUE) And displayName pr"))
                .isEqualTo(new UserFilter.And(new UserFilter.Or(a, b), c));
        assertThat(UserFilterParser.parse("NOT(externalId pr)")).isEqualTo(new UserFilter.Not(a));
    }

    @Test
    void valuePathsFlattenToTheirSubAttributes() {
        assertThat(UserFilterParser.parse("emails[type eq \"work\"].value eq \"a@b.c\"")).isEqualTo(
                new UserFilter.And(new UserFilter.Comparison(UserAttribute.EMAIL_TYPE, FilterOperator.EQ, "work"),
                        new UserFilter.Comparison(UserAttribute.EMAIL_VALUE, FilterOperator.EQ, "a@b.c")));
        assertThat(UserFilterParser.parse("roles[primary eq true]")).isEqualTo(
                new UserFilter.Comparison(UserAttribute.ROLE_PRIMARY, FilterOperator.EQ, true));
    }

    @Test
    void nullComparesAsAbsenceAndDatetimesAreParsed() {
        assertThat(UserFilterParser.parse("externalId eq null"))
                .isEqualTo(new UserFilter.Not(new UserFilter.Present(UserAttribute.EXTERNAL_ID)));
        assertThat(UserFilterParser.parse("externalId ne null"))
                .isEqualTo(new UserFilter.Present(UserAttribute.EXTERNAL_ID));
        assertThat(UserFilterParser.parse("meta.lastModified gt \"2026-03-01T12:00:00+01:00\"")).isEqualTo(
                new UserFilter.Comparison(UserAttribute.LAST_MODIFIED, FilterOperator.GT,
                        Instant.parse("2026-03-01T11:00:00Z")));
    }

    @Test
    void stringEscapesAreDecoded() {
        assertThat(UserFilterParser.parse("displayName eq \"a \\\"b\\\" \\\\ \\u0041\"")).isEqualTo(
                new UserFilter.Comparison(UserAttribute.DISPLAY_NAME, FilterOperator.EQ, "a \"b\" \\ A"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "   ", "userName zz \"x\"", "userName eq", "userName", "password eq \"x\"",
            "name eq \"x\"", "(userName pr", "userName pr)", "userName pr and", "not userName pr",
            "active eq \"true\"", "active gt true", "meta.created co \"2026\"", "meta.created gt \"soon\"",
            "userName eq 5", "userName eq bare", "userName eq \"open", "displayName eq \"\\q\"",
            "emails[type eq \"work\"", "emails[roles[value pr]]", "name[givenName pr]", "userName pr userName pr",
            "displayName eq \"\\u12\"", "userName eq \"a\\u0000b\"", "userName co \"\u0007\"",
            "meta.created gt \"+999999999-12-31T23:59:59Z\"", "meta.created lt \"0000-01-01T00:00:00Z\"" })
    void malformedOrUnsupportedFiltersAreInvalidFilter(String text) {
        assertThatExceptionOfType(ProvisioningException.class).isThrownBy(() -> UserFilterParser.parse(text))
                .satisfies((ex) -> assertThat(ex.error()).isEqualTo(ProvisioningError.INVALID_FILTER));
    }

    @Test
    void longAndDeepFiltersAreRefused() {
        String longest = "userName eq \"" + "x".repeat(UserFilterParser.MAX_LENGTH - 14) + "\"";
        String tooLong = "userName eq \"" + "x".repeat(UserFilterParser.MAX_LENGTH - 13) + "\"";
        assertThat(longest).hasSize(UserFilterParser.MAX_LENGTH);
        assertThat(UserFilterParser.parse(longest)).isInstanceOf(UserFilter.Comparison.class);

        assertThatExceptionOfType(ProvisioningException.class).isThrownBy(() -> UserFilterParser.parse(tooLong))
                .withMessageContaining("2048");
        assertThatExceptionOfType(ProvisioningException.class)
                .isThrownBy(() -> UserFilterParser.parse("(".repeat(40) + "userName pr" + ")".repeat(40)));
    }

    @Test
    void pathsNameAttributeSubAttributeAndFilter() {
        assertThat(UserFilterParser.parsePath("name.givenName")).isEqualTo(
                new AttributePath("name", "givenname", null));
        assertThat(UserFilterParser.parsePath("Active")).isEqualTo(new AttributePath("active", null, null));
        assertThat(UserFilterParser.parsePath("emails[type eq \"work\"].value")).isEqualTo(new AttributePath(
                "emails", "value", new UserFilter.Comparison(UserAttribute.EMAIL_TYPE, FilterOperator.EQ, "work")));
        assertThat(UserFilterParser.parsePath("urn:ietf:params:scim:schemas:core:2.0:User:roles")).isEqualTo(
                new AttributePath("roles", null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "[x]", "emails[type eq]", "emails[type eq \"work\"]value", "name.a.b",
            "emails[type eq \"work\"].", "roles[value pr] extra" })
    void malformedPathsAreInvalidPath(String text) {
        assertThatExceptionOfType(ProvisioningException.class).isThrownBy(() -> UserFilterParser.parsePath(text))
                .satisfies((ex) -> assertThat(ex.error()).isEqualTo(ProvisioningError.INVALID_PATH));
    }
}
