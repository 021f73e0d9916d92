package io.saaskit.boot.web.billing;

/**
 * The body {@code {"url": ...}} of checkout and portal: the Stripe page to send the customer to.
 *
 * @param url the URL
 */
public record UrlResponse(String url) {
}
