package io.saaskit.core.metering;

import java.util.Locale;

/**
 * Why an organization is on its effective plan. The first match wins: an operator's override, then an entitled
 * subscription's price, then the catalogue's default plan.
 */
public enum PlanSource {

    /** The catalogue's default plan. */
    DEFAULT,

    /** The plan whose Stripe price matches the organization's entitled subscription. */
    SUBSCRIPTION,

    /** An override set with {@code POST /admin/plan}. */
    OVERRIDE;

    /**
     * The source as stored and shown in the API.
     * @return {@code default}, {@code subscription} or {@code override}
     */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a stored source.
     * @param key the stored key
     * @return the source; unknown keys read as {@link #DEFAULT}
     */
    public static PlanSource of(String key) {
        for (PlanSource source : values()) {
            if (source.key().equals(key)) {
                return source;
            }
        }
        return DEFAULT;
    }
}
