package io.saaskit.core.identity;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules a new password must meet: 10 to 128 characters (after trimming) with an uppercase letter, a
 * lowercase letter, a digit and a symbol. Every failing rule is reported, so a form can show them all at once.
 */
public final class PasswordPolicy {

    /** Shortest acceptable password. */
    public static final int MIN_LENGTH = 10;

    /** Longest acceptable password; also bounds the work of hashing. */
    public static final int MAX_LENGTH = 128;

    /**
     * Checks a new password.
     * @param password the trimmed password
     * @return the messages of every failing rule, empty when the password is acceptable
     */
    public List<String> check(String password) {
        List<String> problems = new ArrayList<>();
        if (password.length() < MIN_LENGTH) {
            problems.add("Password must be at least 10 characters");
        }
        if (password.length() > MAX_LENGTH) {
            problems.add("Password must be 128 characters or fewer");
        }
        if (password.chars().noneMatch(Character::isUpperCase)) {
            problems.add("Password must include at least one uppercase letter");
        }
        if (password.chars().noneMatch(Character::isLowerCase)) {
            problems.add("Password must include at least one lowercase letter");
        }
        if (password.chars().noneMatch(Character::isDigit)) {
            problems.add("Password must include at least one number");
        }
        if (password.chars().allMatch(Character::isLetterOrDigit)) {
            problems.add("Password must include at least one symbol");
        }
        return problems;
    }
}
