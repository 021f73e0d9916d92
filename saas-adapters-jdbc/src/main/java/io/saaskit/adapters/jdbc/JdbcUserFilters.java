package io.saaskit.adapters.jdbc;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.saaskit.core.provisioning.FilterOperator;
import io.saaskit.core.provisioning.UserAttribute;
import io.saaskit.core.provisioning.UserFilter;

/**
 * Compiles a {@link UserFilter} to a parameterised SQL condition over {@code membership m join app_user u}.
 *
 * <p>The SQL text is built only from fixed column expressions and operators chosen by the filter's structure; every
 * value travels as a named parameter ({@code :f0}, {@code :f1}, ...), never in the text. Each comparison is wrapped
 * in {@code coalesce} so an absent value gives a definite true or false, which keeps {@code not (...)} exact and
 * matches {@link UserFilter#matches}: an absent attribute matches only {@code ne}. Case-ignored strings are compared
 * through {@code lower(...)}; strings are ordered by code point ({@code collate "C"}).
 */
final class JdbcUserFilters {

    private final Map<String, Object> parameters = new LinkedHashMap<>();

    private JdbcUserFilters() {
    }

    /**
     * The condition and its parameters.
     * @param sql the condition
     * @param parameters the values to bind by name
     */
    record Condition(String sql, Map<String, Object> parameters) {
    }

    static Condition compile(UserFilter filter) {
        JdbcUserFilters compiler = new JdbcUserFilters();
        String sql = compiler.condition(filter);
        return new Condition(sql, compiler.parameters);
    }

    /**
     * The column expression of an attribute.
     * @param attribute the attribute
     * @return fixed SQL text
     */
    static String column(UserAttribute attribute) {
        return switch (attribute) {
            case ID -> "m.user_id::text";
            case EXTERNAL_ID -> "m.external_id";
            case USER_NAME, EMAIL_VALUE -> "u.email";
            case DISPLAY_NAME -> "u.display_name";
            case GIVEN_NAME -> "u.given_name";
            case FAMILY_NAME -> "u.family_name";
            case FORMATTED_NAME -> "nullif(concat_ws(' ', u.given_name, u.family_name), '')";
            case EMAIL_TYPE -> "'" + UserAttribute.EMAIL_TYPE_WORK + "'::text";
            case EMAIL_PRIMARY, ROLE_PRIMARY -> "true";
            case ACTIVE -> "(m.status = 'active')";
            case ROLE_VALUE -> "m.role";
            case CREATED -> "date_trunc('milliseconds', m.created_at)";
            case LAST_MODIFIED -> "date_trunc('milliseconds', m.updated_at)";
        };
    }

    /**
     * The sort expression of an attribute: case-ignored strings in lower case, strings by code point.
     * @param attribute the attribute
     * @return fixed SQL text
     */
    static String sortExpression(UserAttribute attribute) {
        return switch (attribute.kind()) {
            case CASE_IGNORED -> "lower(" + column(attribute) + ") collate \"C\"";
            case CASE_EXACT -> column(attribute) + " collate \"C\"";
            default -> column(attribute);
        };
    }

    private String condition(UserFilter filter) {
        if (filter instanceof UserFilter.And and) {
            return "(" + condition(and.left()) + " and " + condition(and.right()) + ")";
        }
        if (filter instanceof UserFilter.Or or) {
            return "(" + condition(or.left()) + " or " + condition(or.right()) + ")";
        }
        if (filter instanceof UserFilter.Not not) {
            return "(not " + condition(not.filter()) + ")";
        }
        if (filter instanceof UserFilter.Present present) {
            String column = column(present.attribute());
            return isString(present.attribute()) ? "coalesce(" + column + " <> '', false)"
                    : "(" + column + " is not null)";
        }
        return comparison((UserFilter.Comparison) filter);
    }

    private String comparison(UserFilter.Comparison comparison) {
        UserAttribute attribute = comparison.attribute();
        FilterOperator operator = comparison.operator();
        boolean ignoreCase = attribute.kind() == UserAttribute.Kind.CASE_IGNORED;
        // emails are stored normalised to lower case: comparing the bare column lets the email index serve the
        // userName lookups identity providers make before every change
        boolean storedLower = attribute == UserAttribute.USER_NAME || attribute == UserAttribute.EMAIL_VALUE;
        String column = column(attribute);
        Object value = comparison.value();
        if (operator.isSubstring()) {
            String pattern = switch (operator) {
                case CO -> "%" + escapeLike((String) value) + "%";
                case SW -> escapeLike((String) value) + "%";
                default -> "%" + escapeLike((String) value);
            };
            String parameter = bind(pattern);
            String left = (ignoreCase && !storedLower) ? "lower(" + column + ")" : column;
            String right = ignoreCase ? "lower(" + parameter + ")" : parameter;
            return "coalesce(" + left + " like " + right + " escape '\\', false)";
        }
        String parameter = bind((value instanceof Instant instant) ? Columns.timestamp(instant) : value);
        String left = column;
        String right = parameter;
        if (value instanceof String) {
            left = (ignoreCase && !storedLower) ? "lower(" + column + ")" : column;
            right = ignoreCase ? "lower(" + parameter + ")" : parameter;
            if (operator.isOrdering()) {
                left = left + " collate \"C\"";
                right = right + " collate \"C\"";
            }
        }
        String sqlOperator = switch (operator) {
            case EQ -> "=";
            case NE -> "<>";
            case GT -> ">";
            case GE -> ">=";
            case LT -> "<";
            case LE -> "<=";
            default -> throw new IllegalStateException("Not a comparison operator: " + operator);
        };
        return "coalesce(" + left + " " + sqlOperator + " " + right + ", " + (operator == FilterOperator.NE) + ")";
    }

    private String bind(Object value) {
        String name = "f" + this.parameters.size();
        this.parameters.put(name, value);
        return ":" + name;
    }

    private static boolean isString(UserAttribute attribute) {
        return attribute.kind() == UserAttribute.Kind.CASE_EXACT || attribute.kind() == UserAttribute.Kind.CASE_IGNORED;
    }

    private static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
