import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Load generator of bench/webhook.sh: posts unique, genuinely signed Stripe-shaped events to /billing/webhook from
 * CONNECTIONS closed-loop workers for DURATION seconds (after WARMUP seconds not counted) and prints throughput and
 * latency percentiles. Run with the JDK's source launcher: java bench/WebhookLoad.java.
 *
 * Environment: BASE (http://127.0.0.1:4077), STRIPE_WEBHOOK_SECRET, CONNECTIONS (32), DURATION (30), WARMUP (10).
 */
public final class WebhookLoad {

    public static void main(String[] args) throws Exception {
        String base = env("BASE", "http://127.0.0.1:4077");
        String secret = env("STRIPE_WEBHOOK_SECRET", "whsec_bench_0123456789");
        int connections = Integer.parseInt(env("CONNECTIONS", "32"));
        long duration = Long.parseLong(env("DURATION", "30"));
        long warmup = Long.parseLong(env("WARMUP", "10"));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create(base + "/billing/webhook");
        long start = System.nanoTime();
        long measureFrom = start + Duration.ofSeconds(warmup).toNanos();
        long end = measureFrom + Duration.ofSeconds(duration).toNanos();
        AtomicLong non2xx = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        int[] counts = new int[connections];
        for (int i = 0; i < connections; i++) {
            long[] samples = new long[4_000_000 / connections];
            latencies.add(samples);
            int worker = i;
            Thread thread = new Thread(() -> {
                Mac mac = mac(secret);
                int n = 0;
                while (true) {
                    long now = System.nanoTime();
                    if (now >= end) {
                        break;
                    }
                    byte[] body = event().getBytes(StandardCharsets.UTF_8);
                    long t = System.currentTimeMillis() / 1000;
                    mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
                    String signature = "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
                    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json; charset=utf-8")
                            .header("Stripe-Signature", signature)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                        long took = System.nanoTime() - sent;
                        if (sent >= measureFrom) {
                            if (response.statusCode() / 100 != 2) {
                                non2xx.incrementAndGet();
                            }
                            if (n < samples.length) {
                                samples[n++] = took;
                            }
                        }
                    }
                    catch (Exception ex) {
                        if (sent >= measureFrom) {
                            errors.incrementAndGet();
                        }
                    }
                }
                counts[worker] = n;
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int i = 0; i < connections; i++) {
            System.arraycopy(latencies.get(i), 0, all, at, counts[i]);
            at += counts[i];
        }
        Arrays.sort(all);
        System.out.printf("events: %d in %d s = %.0f/s; p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms; "
                + "non-2xx %d, errors %d (connections %d)%n", total, duration, total / (double) duration,
                pct(all, 0.50), pct(all, 0.90), pct(all, 0.99), (all.length > 0) ? all[all.length - 1] / 1e6 : 0.0,
                non2xx.get(), errors.get(), connections);
    }

    private static double pct(long[] sorted, double p) {
        return (sorted.length == 0) ? 0.0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))]
                / 1e6;
    }

    private static Mac mac(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A unique customer.subscription.updated event (about 2 KB) for an organization that does not exist. */
    private static String event() {
        String id = UUID.randomUUID().toString().replace("-", "");
        long now = System.currentTimeMillis() / 1000;
        return """
                {"id":"evt_%1$s","object":"event","api_version":"2026-07-29.dahlia","created":%2$d,
                 "data":{"object":{"id":"sub_%1$s","object":"subscription","billing_cycle_anchor":%2$d,
                  "cancel_at_period_end":false,"collection_method":"charge_automatically","created":%2$d,
                  "currency":"usd","customer":"cus_%1$s","items":{"object":"list","data":[{"id":"si_%1$s",
                  "object":"subscription_item","created":%2$d,"current_period_end":%3$d,"current_period_start":%2$d,
                  "metadata":{},"price":{"id":"price_bench","object":"price","active":true,"currency":"usd",
                  "product":"prod_bench","recurring":{"interval":"month","interval_count":1,"usage_type":"licensed"},
                  "type":"recurring","unit_amount":2000},"quantity":1,"subscription":"sub_%1$s"}],"has_more":false,
                  "total_count":1,"url":"/v1/subscription_items?subscription=sub_%1$s"},"livemode":false,
                  "metadata":{"orgId":"00000000-0000-7000-8000-000000000000"},"start_date":%2$d,"status":"active"},
                  "previous_attributes":{"status":"incomplete"}},
                 "livemode":false,"pending_webhooks":1,"request":{"id":"req_%1$s","idempotency_key":null},
                 "type":"customer.subscription.updated"}
                """.formatted(id, now, now + 2_592_000);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return (value == null || value.isBlank()) ? fallback : value;
    }
}
