import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes the events bench/webhook.sh posts, signed before the load starts, so the load generator (wrk with
 * bench/webhook-events.lua) only sends bytes and takes almost no CPU from the app on the same cores. Signing is
 * Stripe's cost, not the endpoint's; the endpoint still verifies every signature.
 *
 * <p>Each event is a unique customer.subscription.updated event of about 1.4 KB (its own evt_, sub_, cus_ ids) for an
 * organization that does not exist, signed as Stripe signs: {@code t=<unix seconds>,v1=<hex HMAC-SHA-256 of
 * "<t>.<body>">} with the secret of STRIPE_WEBHOOK_SECRET. The timestamp is the time of generation, so the events
 * are accepted for STRIPE_WEBHOOK_TOLERANCE seconds after it.
 *
 * <p>File format, one record per event: a line {@code <Stripe-Signature value> <body length in bytes>}, then the
 * body's bytes, then a newline.
 *
 * <p>Usage: {@code STRIPE_WEBHOOK_SECRET=whsec_... java bench/WebhookEvents.java <file> <count>}
 */
public final class WebhookEvents {

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: java bench/WebhookEvents.java <file> <count>");
        }
        String secret = System.getenv("STRIPE_WEBHOOK_SECRET");
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("STRIPE_WEBHOOK_SECRET is not set");
        }
        long count = Long.parseLong(args[1]);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(args[0])), 1 << 20)) {
            for (long i = 0; i < count; i++) {
                long t = System.currentTimeMillis() / 1000;
                byte[] body = event(t).getBytes(StandardCharsets.UTF_8);
                mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
                String signature = "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
                write(out, signature + " " + body.length + "\n");
                out.write(body);
                write(out, "\n");
            }
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** A unique customer.subscription.updated event created at {@code now} (unix seconds). */
    private static String event(long now) {
        String id = UUID.randomUUID().toString().replace("-", "");
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
}
