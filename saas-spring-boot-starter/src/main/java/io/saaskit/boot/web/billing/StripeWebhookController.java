package io.saaskit.boot.web.billing;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.saaskit.boot.web.support.BodyTooLargeException;
import io.saaskit.boot.web.support.JsonBodyReader;
import io.saaskit.boot.web.support.ProblemCode;
import io.saaskit.boot.web.support.RefusedRequestException;
import io.saaskit.boot.web.support.RequestId;
import io.saaskit.core.billing.StripeWebhookService;
import io.saaskit.core.billing.WebhookReceipt;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Stripe webhook, {@code POST /billing/webhook} (auth W: the {@code Stripe-Signature} header). The body is
 * taken as raw bytes of any content type and verified exactly as received; the event is stored and enqueued, and
 * the answer is {@code {"received":true}}, with {@code "duplicate":true} for an event received before.
 */
@RestController
public class StripeWebhookController {

    /** The signature header. */
    public static final String SIGNATURE_HEADER = "Stripe-Signature";

    private final StripeWebhookService webhooks;

    private final long maxBytes;

    /**
     * Creates the controller.
     * @param webhooks the webhook service
     * @param maxBytes the largest accepted body
     */
    public StripeWebhookController(StripeWebhookService webhooks, long maxBytes) {
        this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
        this.maxBytes = maxBytes;
    }

    /**
     * Receives one delivery.
     * @param request the request
     * @return 200 {@code {received}} or {@code {received, duplicate}}
     */
    @PostMapping("/billing/webhook")
    public Map<String, Object> receive(HttpServletRequest request) {
        String signature = request.getHeader(SIGNATURE_HEADER);
        this.webhooks.requireReady(signature);
        WebhookReceipt receipt = this.webhooks.receive(body(request), signature, RequestId.of(request));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("received", true);
        if (receipt.duplicate()) {
            answer.put("duplicate", true);
        }
        return answer;
    }

    private byte[] body(HttpServletRequest request) {
        byte[] bytes;
        try {
            bytes = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, this.maxBytes + 1));
        }
        catch (BodyTooLargeException ex) {
            throw new RefusedRequestException(ProblemCode.PAYLOAD_TOO_LARGE, "Request body is too large");
        }
        catch (IOException ex) {
            throw new RefusedRequestException(ProblemCode.BAD_REQUEST, JsonBodyReader.UNREADABLE);
        }
        if (bytes.length > this.maxBytes) {
            throw new RefusedRequestException(ProblemCode.PAYLOAD_TOO_LARGE, "Request body is too large");
        }
        return bytes;
    }
}
