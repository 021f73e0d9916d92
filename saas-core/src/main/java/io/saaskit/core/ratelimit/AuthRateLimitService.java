package io.saaskit.core.ratelimit;

import java.util.ArrayList;
import java.util.List;

import io.saaskit.core.identity.EmailAddress;
import io.saaskit.core.ratelimit.port.RateLimiter;

import org.jspecify.annotations.Nullable;

/**
 * Applies the authentication limits before any validation, counting every attempt, successful or not.
 * Login checks the client address first; when that refuses, the identifier counter is not touched.
 */
public final class AuthRateLimitService {

    /** Scope of registrations per client address. */
    public static final String REGISTER_IP = "auth_register_ip";

    /** Scope of login attempts per client address. */
    public static final String LOGIN_IP = "auth_login_ip";

    /** Scope of login attempts per email. */
    public static final String LOGIN_IDENTIFIER = "auth_login_identifier";

    private static final String REGISTER_MESSAGE = "Too many registration attempts. Please try again later.";

    private static final String LOGIN_MESSAGE = "Too many login attempts. Please try again later.";

    private static final int MAX_IDENTIFIER_LENGTH = 254;

    private final RateLimiter limiter;
    private final RateLimitRule registerIp;
    private final RateLimitRule loginIp;
    private final RateLimitRule loginIdentifier;

    public AuthRateLimitService(RateLimiter limiter, AuthRateLimitSettings settings) {
        this.limiter = limiter;
        this.registerIp = new RateLimitRule(REGISTER_IP, settings.registerPerIp(), settings.window());
        this.loginIp = new RateLimitRule(LOGIN_IP, settings.loginPerIp(), settings.window());
        this.loginIdentifier = new RateLimitRule(LOGIN_IDENTIFIER, settings.loginPerIdentifier(), settings.window());
    }

    /**
     * Counts a registration attempt.
     * @param ip the client address
     * @return the decisions taken, for response headers
     * @throws RateLimitExceededException when the attempt is refused
     */
    public List<RateLimitDecision> checkRegister(String ip) {
        List<RateLimitDecision> decisions = new ArrayList<>();
        apply(this.registerIp, RateLimitKey.of(REGISTER_IP, ip), REGISTER_MESSAGE, decisions);
        return decisions;
    }

    /**
     * Counts a login attempt: per address, then per identifier.
     * @param ip the client address
     * @param rawIdentifier the {@code email} member of the body if it was a string, else {@code null}
     * @return the decisions taken, for response headers
     * @throws RateLimitExceededException when the attempt is refused
     */
    public List<RateLimitDecision> checkLogin(String ip, @Nullable String rawIdentifier) {
        List<RateLimitDecision> decisions = new ArrayList<>();
        apply(this.loginIp, RateLimitKey.of(LOGIN_IP, ip), LOGIN_MESSAGE, decisions);
        apply(this.loginIdentifier, RateLimitKey.of(LOGIN_IDENTIFIER, identifier(rawIdentifier)), LOGIN_MESSAGE,
                decisions);
        return decisions;
    }

    /**
     * Counts an attempt on the login-address scope alone, as invitation acceptance does.
     * @param ip the client address
     * @return the decisions taken
     * @throws RateLimitExceededException when the attempt is refused
     */
    public List<RateLimitDecision> checkLoginIp(String ip) {
        List<RateLimitDecision> decisions = new ArrayList<>();
        apply(this.loginIp, RateLimitKey.of(LOGIN_IP, ip), LOGIN_MESSAGE, decisions);
        return decisions;
    }

    /**
     * Counts a password change on the login-identifier scope, keyed on the signed-in user's email, so password
     * guesses through the change form and through login share one budget.
     * @param email the user's email
     * @return the decisions taken, for response headers
     * @throws RateLimitExceededException when the attempt is refused
     */
    public List<RateLimitDecision> checkPasswordChange(EmailAddress email) {
        List<RateLimitDecision> decisions = new ArrayList<>();
        apply(this.loginIdentifier, RateLimitKey.of(LOGIN_IDENTIFIER, identifier(email.value())), LOGIN_MESSAGE,
                decisions);
        return decisions;
    }

    private void apply(RateLimitRule rule, String key, String message, List<RateLimitDecision> decisions) {
        if (!rule.enabled()) {
            return;
        }
        RateLimitDecision decision = this.limiter.hit(rule, key);
        decisions.add(decision);
        if (decision instanceof RateLimitDecision.Limited limited) {
            throw new RateLimitExceededException(message, limited, decisions);
        }
    }

    private static String identifier(@Nullable String raw) {
        if (raw == null) {
            return "unknown";
        }
        String normalised = EmailAddress.normalise(raw);
        return (normalised.length() > MAX_IDENTIFIER_LENGTH) ? normalised.substring(0, MAX_IDENTIFIER_LENGTH)
                : normalised;
    }
}
