package io.saaskit.boot.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Session lifetime and cookie settings, bound from {@code saaskit.session.*} and bridged into the core's
 * {@link io.saaskit.core.identity.SessionSettings}.
 *
 * <p>Startup fails when the secret is shorter than 16 characters (32 in production), when it is missing in
 * production, or when the cookie is {@code SameSite=None} without {@code Secure}.
 *
 * @param secret Key that signs session tokens: at least 16 characters, 32 in production. Changing it invalidates
 * every session. Unset outside production means a random secret per boot, with a warning.
 * @param ttl Absolute session lifetime, whatever the activity.
 * @param idleTimeout Session lifetime without activity.
 * @param sliding Whether activity pushes the idle expiry forward.
 * @param maxPerUser How many sessions a user keeps. Older ones are deleted when a new one starts.
 * @param cookie Attributes of the sid cookie.
 */
@ConfigurationProperties("saaskit.session")
public record SaasSessionProperties(@Nullable String secret, @DefaultValue("7d") Duration ttl,
        @DefaultValue("24h") Duration idleTimeout, @DefaultValue("true") boolean sliding,
        @DefaultValue("10") int maxPerUser, @DefaultValue Cookie cookie) {

    @Override
    public String toString() {
        return "SaasSessionProperties[secret=" + ((this.secret != null) ? "<redacted>" : "<unset>") + ", ttl="
                + this.ttl + ", idleTimeout=" + this.idleTimeout + ", sliding=" + this.sliding + ", maxPerUser="
                + this.maxPerUser + ", cookie=" + this.cookie + "]";
    }

    /**
     * The attributes of the {@code sid} cookie.
     *
     * @param domain Domain attribute. Unset means the cookie goes only to the host that set it.
     * @param secure Secure attribute. Unset means true in production and false otherwise.
     * @param sameSite SameSite attribute: Lax, Strict or None. None requires Secure.
     */
    public record Cookie(@Nullable String domain, @Nullable Boolean secure, @DefaultValue("Lax") String sameSite) {

        /**
         * Whether the cookie carries the Secure attribute, applying the production default when unset.
         * @param production whether the application runs in production
         * @return the effective Secure attribute
         */
        public boolean isSecure(boolean production) {
            return (this.secure != null) ? this.secure : production;
        }
    }
}
