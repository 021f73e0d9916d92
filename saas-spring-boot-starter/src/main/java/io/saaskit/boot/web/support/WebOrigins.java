package io.saaskit.boot.web.support;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The browser origins saaskit trusts: the web UI's ({@code WEB_BASE_URL}), which alone gets CORS, and the API's
 * own ({@code API_BASE_URL}), which the origin rule also accepts. Origins are compared in their serialised form
 * ({@code scheme://host[:port]}, lower case, default port omitted). An {@code Origin} header must be such a
 * serialised origin and nothing more: with a path, a trailing slash, credentials, a query or a fragment it is not
 * an origin a browser sends, and it is refused.
 */
public final class WebOrigins {

    private final String web;

    private final Set<String> allowed;

    /**
     * Creates the origins from the two base URLs.
     * @param webBaseUrl the web UI's URL
     * @param apiBaseUrl the API's URL
     */
    public WebOrigins(URI webBaseUrl, URI apiBaseUrl) {
        this.web = serialise(webBaseUrl).orElseThrow(
                () -> new IllegalArgumentException("saaskit.web-base-url must be an absolute http(s) URL"));
        String api = serialise(apiBaseUrl).orElseThrow(
                () -> new IllegalArgumentException("saaskit.api-base-url must be an absolute http(s) URL"));
        this.allowed = Set.of(this.web, api);
    }

    /**
     * Whether an {@code Origin} header is the web UI's origin, the only one CORS answers.
     * @param origin the header value
     * @return true for the web origin
     */
    public boolean isWebOrigin(@Nullable String origin) {
        return origin != null && normalise(origin).map(this.web::equals).orElse(false);
    }

    /**
     * Whether an {@code Origin} header is allowed by the origin rule.
     * @param origin the header value ({@code null} is not allowed)
     * @return true for the web or API origin
     */
    public boolean isAllowed(@Nullable String origin) {
        return origin != null && normalise(origin).map(this.allowed::contains).orElse(false);
    }

    /**
     * The web UI's origin.
     * @return the serialised origin
     */
    public String web() {
        return this.web;
    }

    private static Optional<String> normalise(String origin) {
        URI uri;
        try {
            uri = new URI(origin);
        }
        catch (URISyntaxException ex) {
            return Optional.empty();
        }
        // Exactly the serialisation (case aside), or it with the scheme's default port spelled out: anything else
        // (a path, a trailing slash, credentials, a query, an empty or zero-padded port) is refused.
        return serialise(uri).filter((serialised) -> {
            String given = origin.toLowerCase(Locale.ROOT);
            return given.equals(serialised) || given.equals(serialised + defaultPortSuffix(uri));
        });
    }

    private static String defaultPortSuffix(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme()) ? ":443" : ":80";
    }

    private static Optional<String> serialise(URI uri) {
        String scheme = uri.getScheme();
        String host = uri.getHost();
        if (scheme == null || host == null) {
            return Optional.empty();
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.empty();
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80)
                || (scheme.equals("https") && port == 443);
        return Optional.of(scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
    }
}
