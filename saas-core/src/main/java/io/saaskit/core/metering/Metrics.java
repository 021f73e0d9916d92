package io.saaskit.core.metering;

import java.util.Optional;
import java.util.regex.Pattern;

import io.saaskit.core.apikey.ApiKeyId;

/**
 * Names of metrics: the built-in {@code api_requests}, the per-key daily rollup {@code api_key:<id>}, and the rule
 * custom metrics recorded with {@code POST /usage/events} follow.
 */
public final class Metrics {

    /** Requests to metered API routes such as {@code GET /data}; reserved for them. */
    public static final String API_REQUESTS = "api_requests";

    /** Prefix of the per-key daily rollup of {@link #API_REQUESTS}. */
    public static final String API_KEY_PREFIX = "api_key:";

    private static final Pattern CUSTOM = Pattern.compile("^[a-z][a-z0-9_.-]{0,63}$");

    private static final Pattern API_KEY_ROLLUP = Pattern.compile("^api_key:[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$");

    private Metrics() {
    }

    /**
     * The daily rollup metric of one key's requests.
     * @param keyId the key
     * @return {@code api_key:<id>}
     */
    public static String apiKey(ApiKeyId keyId) {
        return API_KEY_PREFIX + keyId.value();
    }

    /**
     * Whether a name can be asked for in a usage query: a custom or built-in metric, or a key's rollup.
     * @param metric the name from a query parameter
     * @return true when it is a well-formed metric name
     */
    public static boolean isQueryable(String metric) {
        return CUSTOM.matcher(metric).matches() || API_KEY_ROLLUP.matcher(metric).matches();
    }

    /**
     * Checks a custom metric name.
     * @param metric the name sent by a client
     * @return the reason it is refused, or empty when acceptable
     */
    public static Optional<String> checkCustom(String metric) {
        if (!CUSTOM.matcher(metric).matches()) {
            return Optional.of("Metric must match ^[a-z][a-z0-9_.-]{0,63}$");
        }
        if (API_REQUESTS.equals(metric)) {
            return Optional.of("Metric api_requests is reserved");
        }
        return Optional.empty();
    }
}
