package io.saaskit.boot.web.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A small HTTP/1.1 client bound to a running test server.
 */
public final class Http {

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final URI base;

    /**
     * Creates a client.
     * @param base the server's base URI
     */
    public Http(URI base) {
        this.base = base;
    }

    public Call get(String path) {
        return new Call("GET", path);
    }

    public Call head(String path) {
        return new Call("HEAD", path);
    }

    public Call post(String path) {
        return new Call("POST", path);
    }

    public Call put(String path) {
        return new Call("PUT", path);
    }

    public Call patch(String path) {
        return new Call("PATCH", path);
    }

    public Call delete(String path) {
        return new Call("DELETE", path);
    }

    public Call options(String path) {
        return new Call("OPTIONS", path);
    }

    public Call method(String method, String path) {
        return new Call(method, path);
    }

    /** One request being built. */
    public final class Call {

        private final String method;

        private final HttpRequest.Builder builder;

        private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

        Call(String method, String path) {
            this.method = method;
            this.builder = HttpRequest.newBuilder(Http.this.base.resolve(path)).timeout(Duration.ofSeconds(30));
        }

        public Call header(String name, String value) {
            this.builder.header(name, value);
            return this;
        }

        public Call cookie(String token) {
            return header("Cookie", "sid=" + token);
        }

        public Call bearer(String token) {
            return header("Authorization", "Bearer " + token);
        }

        public Call org(String orgId) {
            return header("X-Org-Id", orgId);
        }

        public Call json(String json) {
            return body("application/json", json.getBytes(StandardCharsets.UTF_8));
        }

        public Call body(@Nullable String contentType, byte[] bytes) {
            if (contentType != null) {
                this.builder.header("Content-Type", contentType);
            }
            this.body = HttpRequest.BodyPublishers.ofByteArray(bytes);
            return this;
        }

        /**
         * A body sent without a length, in chunks, so the server must count it while reading.
         * @param contentType the content type
         * @param bytes the body
         * @return this call
         */
        public Call chunked(String contentType, byte[] bytes) {
            this.builder.header("Content-Type", contentType);
            this.body = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
            return this;
        }

        public Reply send() {
            HttpRequest request = this.builder.method(this.method, this.body).build();
            try {
                HttpResponse<String> response = Http.this.client.send(request,
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                return new Reply(response.statusCode(), response.headers(), response.body());
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
    }
}
