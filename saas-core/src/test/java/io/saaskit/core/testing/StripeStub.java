package io.saaskit.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A local stand-in for the Stripe API on the JDK's HTTP server, for tests that point the gateway's API base at it.
 * It records every request (method, path, query, headers and the decoded form body) and answers like Stripe:
 * customers (one per idempotency key, as Stripe's idempotency guarantees), checkout and portal sessions with a URL,
 * and the subscriptions a test registered. {@link #failWith} makes every request fail, as an outage would.
 */
public final class StripeStub implements AutoCloseable {

    private final HttpServer server;

    private final List<Recorded> requests = new CopyOnWriteArrayList<>();

    private final Map<String, String> customersByKey = new ConcurrentHashMap<>();

    private final Map<String, String> subscriptions = new ConcurrentHashMap<>();

    private final Map<String, List<String>> subscriptionsByCustomer = new ConcurrentHashMap<>();

    private final AtomicInteger sequence = new AtomicInteger();

    private volatile int failure;

    private StripeStub(HttpServer server) {
        this.server = server;
    }

    /**
     * Starts a stub on a free loopback port.
     * @return the running stub
     */
    public static StripeStub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            StripeStub stub = new StripeStub(server);
            server.createContext("/", stub::handle);
            server.setExecutor(Executors.newFixedThreadPool(8));
            server.start();
            return stub;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The base URL to configure as the API base.
     * @return {@code http://127.0.0.1:<port>}
     */
    public String baseUrl() {
        return "http://127.0.0.1:" + this.server.getAddress().getPort();
    }

    /**
     * Every request received so far.
     * @return the requests, in arrival order
     */
    public List<Recorded> requests() {
        return List.copyOf(this.requests);
    }

    /**
     * The requests to one method and path.
     * @param method the method
     * @param path the path, for example {@code /v1/customers}
     * @return the requests
     */
    public List<Recorded> requests(String method, String path) {
        return this.requests.stream().filter((r) -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    /**
     * Makes every following request fail with a status (0 to answer normally again).
     * @param status the HTTP status, for example 500
     */
    public void failWith(int status) {
        this.failure = status;
    }

    /**
     * Registers a subscription the stub then serves by id and in its customer's list.
     * @param subscriptionId the id
     * @param customerId its customer
     * @param json the subscription object
     */
    public void putSubscription(String subscriptionId, String customerId, String json) {
        boolean known = this.subscriptions.put(subscriptionId, json) != null;
        if (!known) {
            this.subscriptionsByCustomer.computeIfAbsent(customerId, (key) -> new CopyOnWriteArrayList<>())
                    .add(subscriptionId);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            String form = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                    values.get(0)));
            Map<String, String> fields = decode(form);
            if (query != null) {
                fields.putAll(decode(query));
            }
            Recorded recorded = new Recorded(exchange.getRequestMethod(), path, headers, fields);
            this.requests.add(recorded);
            int status = this.failure;
            if (status != 0) {
                respond(exchange, status, "{\"error\":{\"type\":\"api_error\",\"message\":\"Stub outage\"}}");
                return;
            }
            answer(exchange, recorded);
        }
    }

    private void answer(HttpExchange exchange, Recorded request) throws IOException {
        String path = request.path();
        if ("POST".equals(request.method()) && "/v1/customers".equals(path)) {
            String key = request.headers().getOrDefault("idempotency-key", "none-" + this.sequence.incrementAndGet());
            String id = this.customersByKey.computeIfAbsent(key, (k) -> "cus_Stub" + this.sequence.incrementAndGet());
            respond(exchange, 200, "{\"id\":\"" + id + "\",\"object\":\"customer\",\"livemode\":false,"
                    + "\"metadata\":{\"orgId\":\"" + request.fields().get("metadata[orgId]") + "\"}}");
        }
        else if ("POST".equals(request.method()) && "/v1/checkout/sessions".equals(path)) {
            String id = "cs_test_Stub" + this.sequence.incrementAndGet();
            respond(exchange, 200, "{\"id\":\"" + id + "\",\"object\":\"checkout.session\",\"mode\":\"subscription\","
                    + "\"url\":\"https://checkout.stripe.com/c/pay/" + id + "\"}");
        }
        else if ("POST".equals(request.method()) && "/v1/billing_portal/sessions".equals(path)) {
            String id = "bps_Stub" + this.sequence.incrementAndGet();
            respond(exchange, 200, "{\"id\":\"" + id + "\",\"object\":\"billing_portal.session\","
                    + "\"url\":\"https://billing.stripe.com/p/session/" + id + "\"}");
        }
        else if ("GET".equals(request.method()) && "/v1/subscriptions".equals(path)) {
            List<String> data = new ArrayList<>();
            for (String id : this.subscriptionsByCustomer.getOrDefault(request.fields().get("customer"), List.of())) {
                data.add(this.subscriptions.get(id));
            }
            respond(exchange, 200, "{\"object\":\"list\",\"data\":[" + String.join(",", data)
                    + "],\"has_more\":false,\"url\":\"/v1/subscriptions\"}");
        }
        else if ("GET".equals(request.method()) && path.startsWith("/v1/subscriptions/")) {
            String json = this.subscriptions.get(path.substring("/v1/subscriptions/".length()));
            if (json == null) {
                respond(exchange, 404, "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"resource_missing\","
                        + "\"message\":\"No such subscription\"}}");
            }
            else {
                respond(exchange, 200, json);
            }
        }
        else {
            respond(exchange, 404, "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Unknown path\"}}");
        }
    }

    private static Map<String, String> decode(String form) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (form.isEmpty()) {
            return fields;
        }
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode((equals < 0) ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = (equals < 0) ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            fields.put(name, value);
        }
        return fields;
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Request-Id", "req_stub");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        this.server.stop(0);
    }

    /**
     * A request as the stub received it.
     *
     * @param method the method
     * @param path the path
     * @param headers the headers, names in lower case
     * @param fields the decoded form fields and query parameters ({@code metadata[orgId]}, ...)
     */
    public record Recorded(String method, String path, Map<String, String> headers, Map<String, String> fields) {

        /**
         * A form field or query parameter.
         * @param name the name
         * @return the value, or {@code null}
         */
        public @Nullable String field(String name) {
            return this.fields.get(name);
        }
    }
}
