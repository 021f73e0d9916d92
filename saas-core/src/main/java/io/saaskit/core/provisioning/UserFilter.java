package io.saaskit.core.provisioning;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A parsed, validated SCIM filter over provisioned users ({@link UserFilterParser} builds it). Adapters compile it
 * to their query language (the JDBC adapter to parameterised SQL); {@link #matches(DirectoryUser)} is the reference
 * semantics every adapter must agree with.
 *
 * <p>An absent attribute matches only {@code ne} and {@code not(...)}. Comparisons of case-ignored strings ignore
 * case; ordering of strings is by code point.
 */
public sealed interface UserFilter {

    /**
     * Whether a user matches.
     * @param user the user
     * @return true when the user matches
     */
    boolean matches(DirectoryUser user);

    /**
     * {@code attribute op value}. The value is a {@link String} for string attributes, a {@link Boolean} for boolean
     * ones and an {@link Instant} for datetimes; the parser guarantees the combination is meaningful.
     *
     * @param attribute the attribute
     * @param operator the operator
     * @param value the value
     */
    record Comparison(UserAttribute attribute, FilterOperator operator, Object value) implements UserFilter {

        public Comparison {
            Objects.requireNonNull(attribute, "attribute");
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean matches(DirectoryUser user) {
            Object actual = this.attribute.valueOf(user);
            if (actual == null) {
                return this.operator == FilterOperator.NE;
            }
            boolean ignoreCase = this.attribute.kind() == UserAttribute.Kind.CASE_IGNORED;
            if (actual instanceof String text) {
                String left = ignoreCase ? text.toLowerCase(Locale.ROOT) : text;
                String right = ignoreCase ? ((String) this.value).toLowerCase(Locale.ROOT) : (String) this.value;
                return switch (this.operator) {
                    case EQ -> left.equals(right);
                    case NE -> !left.equals(right);
                    case CO -> left.contains(right);
                    case SW -> left.startsWith(right);
                    case EW -> left.endsWith(right);
                    default -> ordered(left.compareTo(right));
                };
            }
            if (actual instanceof Instant instant) {
                int order = instant.compareTo((Instant) this.value);
                return switch (this.operator) {
                    case EQ -> order == 0;
                    case NE -> order != 0;
                    default -> ordered(order);
                };
            }
            boolean equal = actual.equals(this.value);
            return (this.operator == FilterOperator.EQ) == equal;
        }

        private boolean ordered(int order) {
            return switch (this.operator) {
                case GT -> order > 0;
                case GE -> order >= 0;
                case LT -> order < 0;
                case LE -> order <= 0;
                default -> throw new IllegalStateException("Not an ordering operator: " + this.operator);
            };
        }
    }

    /**
     * {@code attribute pr}: the attribute has a non-empty value.
     *
     * @param attribute the attribute
     */
    record Present(UserAttribute attribute) implements UserFilter {

        public Present {
            Objects.requireNonNull(attribute, "attribute");
        }

        @Override
        public boolean matches(DirectoryUser user) {
            Object actual = this.attribute.valueOf(user);
            return actual != null && !"".equals(actual);
        }
    }

    /**
     * Both filters match.
     *
     * @param left the first filter
     * @param right the second filter
     */
    record And(UserFilter left, UserFilter right) implements UserFilter {

        public And {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        @Override
        public boolean matches(DirectoryUser user) {
            return this.left.matches(user) && this.right.matches(user);
        }
    }

    /**
     * Either filter matches.
     *
     * @param left the first filter
     * @param right the second filter
     */
    record Or(UserFilter left, UserFilter right) implements UserFilter {

        public Or {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        @Override
        public boolean matches(DirectoryUser user) {
            return this.left.matches(user) || this.right.matches(user);
        }
    }

    /**
     * The filter does not match.
     *
     * @param filter the negated filter
     */
    record Not(UserFilter filter) implements UserFilter {

        public Not {
            Objects.requireNonNull(filter, "filter");
        }

        @Override
        public boolean matches(DirectoryUser user) {
            return !this.filter.matches(user);
        }
    }

    /**
     * Convenience for callers that hold an optional filter.
     * @param filter the filter, or {@code null} for "everyone"
     * @param user the user
     * @return true when there is no filter or it matches
     */
    static boolean matches(@Nullable UserFilter filter, DirectoryUser user) {
        return filter == null || filter.matches(user);
    }
}
