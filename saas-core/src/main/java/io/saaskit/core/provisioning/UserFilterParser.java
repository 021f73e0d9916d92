package io.saaskit.core.provisioning;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Parses SCIM filters (RFC 7644 section 3.4.2.2) and PATCH paths into validated {@link UserFilter}s and
 * {@link AttributePath}s.
 *
 * <p>Grammar: {@code attrPath op value}, {@code attrPath pr}, {@code and} binding tighter than {@code or},
 * {@code not ( ... )}, parentheses, and value paths {@code attr[filter]}. As identity providers send it, a value
 * path may also be followed by a sub-attribute comparison, {@code emails[type eq "work"].value eq "a@b.c"}, which
 * means {@code emails[type eq "work" and value eq "a@b.c"]}. Keywords, operators and attribute names are
 * case-insensitive. Values are JSON strings, numbers, {@code true}, {@code false} or {@code null}.
 *
 * <p>Every refusal is a {@link ProvisioningException} of type {@link ProvisioningError#INVALID_FILTER} (or
 * {@link ProvisioningError#INVALID_PATH} for PATCH paths): bad syntax, a filter longer than
 * {@value #MAX_LENGTH} characters or nested deeper than {@value #MAX_DEPTH} levels, an attribute that cannot be
 * filtered on, or a value or operator the attribute's type does not support.
 */
public final class UserFilterParser {

    /** Longest accepted filter. */
    public static final int MAX_LENGTH = 2048;

    /** Deepest accepted nesting of parentheses and {@code not}. */
    public static final int MAX_DEPTH = 32;

    private final List<Token> tokens;

    private final ProvisioningError error;

    private int position;

    private int depth;

    private UserFilterParser(String text, ProvisioningError error) {
        this.error = error;
        this.tokens = tokenize(text, error);
    }

    /**
     * Parses a filter.
     * @param text the filter
     * @return the filter
     * @throws ProvisioningException {@code invalidFilter} when the filter is refused
     */
    public static UserFilter parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new ProvisioningException(ProvisioningError.INVALID_FILTER,
                    "Filters are limited to " + MAX_LENGTH + " characters");
        }
        UserFilterParser parser = new UserFilterParser(text, ProvisioningError.INVALID_FILTER);
        if (parser.tokens.isEmpty()) {
            throw parser.refuse("The filter is empty");
        }
        UserFilter filter = parser.orExpression(null);
        if (parser.position < parser.tokens.size()) {
            throw parser.refuse("Unexpected '" + parser.tokens.get(parser.position).text() + "'");
        }
        return filter;
    }

    /**
     * Parses the path of a PATCH operation.
     * @param text the path
     * @return the path
     * @throws ProvisioningException {@code invalidPath} when the path is malformed or its filter is refused
     */
    public static AttributePath parsePath(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new ProvisioningException(ProvisioningError.INVALID_PATH,
                    "Paths are limited to " + MAX_LENGTH + " characters");
        }
        UserFilterParser parser = new UserFilterParser(text, ProvisioningError.INVALID_PATH);
        Token first = parser.next("an attribute");
        if (first.kind() != Kind.WORD || first.text().startsWith(".")) {
            throw parser.refuse("A path starts with an attribute name");
        }
        String name = stripSchema(first.text()).toLowerCase(Locale.ROOT);
        String attribute = name;
        String sub = null;
        int dot = name.indexOf('.');
        if (dot >= 0) {
            attribute = name.substring(0, dot);
            sub = name.substring(dot + 1);
        }
        UserFilter valueFilter = null;
        if (sub == null && parser.peekIs(Kind.OPEN_BRACKET)) {
            parser.position++;
            valueFilter = parser.orExpression(attribute);
            parser.expect(Kind.CLOSE_BRACKET, "']'");
            if (parser.position < parser.tokens.size()) {
                Token subToken = parser.next("a sub-attribute");
                if (subToken.kind() != Kind.WORD || !subToken.text().startsWith(".") || subToken.text().length() < 2) {
                    throw parser.refuse("Expected '.subAttribute' after ']'");
                }
                sub = subToken.text().substring(1).toLowerCase(Locale.ROOT);
            }
        }
        if (parser.position < parser.tokens.size() || attribute.isEmpty() || (sub != null && sub.isEmpty())
                || (sub != null && sub.contains("."))) {
            throw parser.refuse("Malformed path");
        }
        return new AttributePath(attribute, sub, valueFilter);
    }

    private UserFilter orExpression(@Nullable String parent) {
        UserFilter left = andExpression(parent);
        while (peekKeyword("or")) {
            this.position++;
            left = new UserFilter.Or(left, andExpression(parent));
        }
        return left;
    }

    private UserFilter andExpression(@Nullable String parent) {
        UserFilter left = unary(parent);
        while (peekKeyword("and")) {
            this.position++;
            left = new UserFilter.And(left, unary(parent));
        }
        return left;
    }

    private UserFilter unary(@Nullable String parent) {
        if (++this.depth > MAX_DEPTH) {
            throw refuse("The filter is nested too deeply");
        }
        try {
            if (peekKeyword("not")) {
                this.position++;
                expect(Kind.OPEN_PAREN, "'(' after not");
                UserFilter inner = orExpression(parent);
                expect(Kind.CLOSE_PAREN, "')'");
                return new UserFilter.Not(inner);
            }
            if (peekIs(Kind.OPEN_PAREN)) {
                this.position++;
                UserFilter inner = orExpression(parent);
                expect(Kind.CLOSE_PAREN, "')'");
                return inner;
            }
            return attributeExpression(parent);
        }
        finally {
            this.depth--;
        }
    }

    private UserFilter attributeExpression(@Nullable String parent) {
        Token token = next("an attribute");
        if (token.kind() != Kind.WORD || token.text().startsWith(".")) {
            throw refuse("Expected an attribute, found '" + token.text() + "'");
        }
        String name = stripSchema(token.text());
        if (peekIs(Kind.OPEN_BRACKET)) {
            if (parent != null) {
                throw refuse("Value filters cannot be nested");
            }
            this.position++;
            String multiValued = name.toLowerCase(Locale.ROOT);
            if (!multiValued.equals("emails") && !multiValued.equals("roles")) {
                throw refuse("Only emails and roles take a value filter");
            }
            UserFilter inner = orExpression(multiValued);
            expect(Kind.CLOSE_BRACKET, "']'");
            if (peekIs(Kind.WORD) && this.tokens.get(this.position).text().startsWith(".")) {
                String sub = next("a sub-attribute").text().substring(1);
                return new UserFilter.And(inner, comparison(resolve(multiValued, sub)));
            }
            return inner;
        }
        return comparison(resolve(parent, name));
    }

    private UserFilter comparison(UserAttribute attribute) {
        Token operatorToken = next("an operator");
        String operatorName = operatorToken.text();
        if (operatorToken.kind() == Kind.WORD && operatorName.equalsIgnoreCase("pr")) {
            return new UserFilter.Present(attribute);
        }
        FilterOperator operator = (operatorToken.kind() == Kind.WORD) ? FilterOperator.find(operatorName).orElse(null)
                : null;
        if (operator == null) {
            throw refuse("Unknown operator '" + operatorName + "'");
        }
        Token valueToken = next("a value");
        Object value = literal(valueToken);
        if (value == null) {
            return switch (operator) {
                case EQ -> new UserFilter.Not(new UserFilter.Present(attribute));
                case NE -> new UserFilter.Present(attribute);
                default -> throw refuse("null can only be compared with eq or ne");
            };
        }
        return new UserFilter.Comparison(attribute, operator, typed(attribute, operator, value));
    }

    private Object typed(UserAttribute attribute, FilterOperator operator, Object value) {
        switch (attribute.kind()) {
            case BOOLEAN -> {
                if (!(value instanceof Boolean)) {
                    throw refuse(attribute.scimName() + " is compared with true or false");
                }
                if (operator != FilterOperator.EQ && operator != FilterOperator.NE) {
                    throw refuse(attribute.scimName() + " supports only eq, ne and pr");
                }
                return value;
            }
            case DATETIME -> {
                if (!(value instanceof String text)) {
                    throw refuse(attribute.scimName() + " is compared with a date-time string");
                }
                if (operator.isSubstring()) {
                    throw refuse(attribute.scimName() + " does not support " + operator.name().toLowerCase(Locale.ROOT));
                }
                OffsetDateTime parsed;
                try {
                    parsed = OffsetDateTime.parse(text);
                }
                catch (DateTimeException ex) {
                    throw refuse("'" + text + "' is not an ISO-8601 date-time");
                }
                if (parsed.getYear() < 1 || parsed.getYear() > 9999) {
                    throw refuse("Date-times are limited to the years 1 to 9999");
                }
                return parsed.toInstant();
            }
            default -> {
                if (!(value instanceof String)) {
                    throw refuse(attribute.scimName() + " is compared with a string");
                }
                return value;
            }
        }
    }

    private UserAttribute resolve(@Nullable String parent, String name) {
        String full = (parent != null) ? parent + "." + name : name;
        return UserAttribute.find(full)
                .orElseThrow(() -> refuse("Filtering on '" + full + "' is not supported"));
    }

    private @Nullable Object literal(Token token) {
        if (token.kind() == Kind.STRING) {
            if (token.text().chars().anyMatch(Character::isISOControl)) {
                // no stored value holds control characters, and a NUL cannot even travel to PostgreSQL
                throw refuse("Values must not contain control characters");
            }
            return token.text();
        }
        if (token.kind() != Kind.WORD) {
            throw refuse("Expected a value, found '" + token.text() + "'");
        }
        String text = token.text();
        if (text.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (text.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        if (text.equalsIgnoreCase("null")) {
            return null;
        }
        if (text.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
            return new BigDecimal(text);
        }
        throw refuse("'" + text + "' is not a value (strings are quoted)");
    }

    private static String stripSchema(String name) {
        String prefix = UserAttribute.USER_SCHEMA + ":";
        return name.regionMatches(true, 0, prefix, 0, prefix.length()) ? name.substring(prefix.length()) : name;
    }

    private boolean peekKeyword(String keyword) {
        return this.position < this.tokens.size() && this.tokens.get(this.position).kind() == Kind.WORD
                && this.tokens.get(this.position).text().equalsIgnoreCase(keyword);
    }

    private boolean peekIs(Kind kind) {
        return this.position < this.tokens.size() && this.tokens.get(this.position).kind() == kind;
    }

    private Token next(String expected) {
        if (this.position >= this.tokens.size()) {
            throw refuse("Expected " + expected + " at the end");
        }
        return this.tokens.get(this.position++);
    }

    private void expect(Kind kind, String expected) {
        Token token = next(expected);
        if (token.kind() != kind) {
            throw refuse("Expected " + expected + ", found '" + token.text() + "'");
        }
    }

    private ProvisioningException refuse(String message) {
        return new ProvisioningException(this.error, message);
    }

    private static List<Token> tokenize(String text, ProvisioningError error) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            }
            else if (c == '(' || c == ')' || c == '[' || c == ']') {
                Kind kind = switch (c) {
                    case '(' -> Kind.OPEN_PAREN;
                    case ')' -> Kind.CLOSE_PAREN;
                    case '[' -> Kind.OPEN_BRACKET;
                    default -> Kind.CLOSE_BRACKET;
                };
                tokens.add(new Token(kind, String.valueOf(c)));
                i++;
            }
            else if (c == '"') {
                StringBuilder value = new StringBuilder();
                i = readString(text, i + 1, value, error);
                tokens.add(new Token(Kind.STRING, value.toString()));
            }
            else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i))
                        && "()[]\"".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                tokens.add(new Token(Kind.WORD, text.substring(start, i)));
            }
        }
        return tokens;
    }

    /** Reads a JSON string body after its opening quote; returns the index after the closing quote. */
    private static int readString(String text, int start, StringBuilder value, ProvisioningError error) {
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                if (i + 1 >= text.length()) {
                    break;
                }
                char escaped = text.charAt(i + 1);
                switch (escaped) {
                    case '"', '\\', '/' -> value.append(escaped);
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case 'u' -> {
                        if (i + 6 > text.length()) {
                            throw new ProvisioningException(error, "Malformed \\u escape in a string");
                        }
                        try {
                            value.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                        }
                        catch (NumberFormatException ex) {
                            throw new ProvisioningException(error, "Malformed \\u escape in a string");
                        }
                        i += 4;
                    }
                    default -> throw new ProvisioningException(error, "Unknown escape \\" + escaped + " in a string");
                }
                i += 2;
            }
            else {
                value.append(c);
                i++;
            }
        }
        throw new ProvisioningException(error, "Unterminated string");
    }

    private enum Kind {
        WORD, STRING, OPEN_PAREN, CLOSE_PAREN, OPEN_BRACKET, CLOSE_BRACKET
    }

    private record Token(Kind kind, String text) {
    }
}
