package io.saaskit.core.shared;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The caller is known but may not do this: not a member, missing a permission, or an anti-escalation rule.
 */
public class ForbiddenException extends SaasException {

    private static final long serialVersionUID = 1L;

    private final @Nullable String requiredPermission;

    public ForbiddenException(String message) {
        this(message, null);
    }

    public ForbiddenException(String message, @Nullable String requiredPermission) {
        super(message);
        this.requiredPermission = requiredPermission;
    }

    /**
     * The permission that would have allowed the action, when a permission check failed.
     * @return the permission key such as {@code members.invite}, or empty
     */
    public Optional<String> requiredPermission() {
        return Optional.ofNullable(this.requiredPermission);
    }

    @Override
    public String code() {
        return "FORBIDDEN";
    }
}
