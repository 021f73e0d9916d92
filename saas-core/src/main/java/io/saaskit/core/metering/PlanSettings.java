package io.saaskit.core.metering;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of plan handling.
 *
 * @param overrideEnabled whether owners may set and clear a plan override ({@code PLAN_OVERRIDE_ENABLED}); when
 *                        false, {@code POST} and {@code DELETE /admin/plan} are refused
 * @param cacheTtl how long an instance reuses an organization's effective plan before reading it again; a change
 *                 made on this instance applies at once, one made on another instance within this time
 */
public record PlanSettings(boolean overrideEnabled, Duration cacheTtl) {

    public PlanSettings {
        Objects.requireNonNull(cacheTtl, "cacheTtl");
        if (cacheTtl.isNegative()) {
            throw new IllegalArgumentException("cacheTtl must not be negative");
        }
    }

    /**
     * The recommended settings: overrides allowed, effective plans cached for one second.
     * @return the defaults
     */
    public static PlanSettings defaults() {
        return new PlanSettings(true, Duration.ofSeconds(1));
    }
}
