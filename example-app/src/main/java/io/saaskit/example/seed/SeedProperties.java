package io.saaskit.example.seed;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo data switch, bound as a real boolean so that a value such as {@code SAASKIT_SEED_DEMO_DATA=maybe}
 * stops startup instead of silently meaning "no".
 *
 * @param enabled whether the demo data is created at startup ({@code SAASKIT_SEED_DEMO_DATA}; the {@code seed}
 * command sets it)
 */
@ConfigurationProperties("saaskit.seed")
public record SeedProperties(@DefaultValue("false") boolean enabled) {
}
