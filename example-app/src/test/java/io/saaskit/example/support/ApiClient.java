package io.saaskit.example.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Optional;

/**
 * A minimal HTTP client that behaves like the README's curl commands: HTTP/1.1, JSON bodies with
 * {@code Content-Type: application/json}, no {@code Origin} header, and (unless created without one) a cookie jar
 * that keeps the {@code sid} cookie between requests like {@code curl -b cookie.txt -c cookie.txt}.
 */
public final class ApiClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI baseUri;

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

    private final HttpClient http;

    private ApiClient(URI baseUri, boolean cookieJar) {
        this.baseUri = baseUri;
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT);
        if (cookieJar) {
            builder.cookieHandler(this.cookies);
        }
        this.http = builder.build();
    }

    /**
     * A client with a cookie jar.
     * @param baseUri the app's base URI
     * @return the client
     */
    public static ApiClient withCookieJar(URI baseUri) {
        return new ApiClient(baseUri, true);
    }

    /**
     * A client that never sends cookies, for Bearer-token requests.
     * @param baseUri the app's base URI
     * @return the client
     */
    public static ApiClient withoutCookies(URI baseUri) {
        return new ApiClient(baseUri, false);
    }

    public ApiResponse get(String path, String... headers) {
        return send("GET", path, BodyPublishers.noBody(), headers);
    }

    public ApiResponse post(String path, String json, String... headers) {
        return send("POST", path, BodyPublishers.ofString(json), withJson(headers));
    }

    public ApiResponse patch(String path, String json, String... headers) {
        return send("PATCH", path, BodyPublishers.ofString(json), withJson(headers));
    }

    /**
     * The value of a cookie in the jar.
     * @param name the cookie name
     * @return the value, or empty
     */
    public Optional<String> cookie(String name) {
        return this.cookies.getCookieStore().getCookies().stream().filter((c) -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst();
    }

    private static String[] withJson(String[] headers) {
        String[] result = new String[headers.length + 2];
        result[0] = "Content-Type";
        result[1] = "application/json";
        System.arraycopy(headers, 0, result, 2, headers.length);
        return result;
    }

    private ApiResponse send(String method, String path, BodyPublisher body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(this.baseUri.resolve(path)).timeout(TIMEOUT)
                .method(method, body);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            var response = this.http.send(request.build(), BodyHandlers.ofString());
            return new ApiResponse(response.statusCode(), response.headers(), response.body());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(method + " " + path + " failed", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", ex);
        }
    }
}
