package io.saaskit.boot.autoconfigure;

import java.net.URI;

import io.saaskit.adapters.stripe.StripeBillingGateway;
import io.saaskit.adapters.stripe.StripeJsonEventReader;
import io.saaskit.adapters.stripe.StripeWebhookSignatureVerifier;
import io.saaskit.core.billing.port.BillingGateway;
import io.saaskit.core.billing.port.StripeEventReader;
import io.saaskit.core.billing.port.WebhookSignatureVerifier;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the Stripe adapter, when {@code io.saaskit:saas-adapters-stripe} is on the class path and
 * billing is enabled ({@code saaskit.stripe.enabled}): the billing gateway on stripe-java, webhook signature
 * verification with {@code saaskit.stripe.webhook-secret}, and the event payload reader. Each backs off when the
 * application defines its own implementation of the port.
 */
@AutoConfiguration(before = SaasBillingAutoConfiguration.class)
@ConditionalOnClass(StripeBillingGateway.class)
@ConditionalOnBooleanProperty(name = "saaskit.stripe.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SaasStripeProperties.class)
public final class SaasStripeAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(BillingGateway.class)
    StripeBillingGateway saasBillingGateway(SaasStripeProperties properties) {
        try {
            URI base = URI.create(properties.apiBase());
            if (base.getScheme() == null || base.getHost() == null) {
                throw new IllegalArgumentException("not an absolute URL");
            }
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidSaasPropertyException("saaskit.stripe.api-base", ex.getMessage(),
                    "Use an absolute URL such as https://api.stripe.com.");
        }
        return new StripeBillingGateway(properties.apiKey(), properties.apiBase(), properties.timeout());
    }

    @Bean
    @ConditionalOnMissingBean(WebhookSignatureVerifier.class)
    StripeWebhookSignatureVerifier saasWebhookSignatureVerifier(SaasStripeProperties properties) {
        String secrets = properties.webhookSecret();
        return StripeWebhookSignatureVerifier.of((secrets != null) ? secrets : "", properties.webhookTolerance());
    }

    @Bean
    @ConditionalOnMissingBean(StripeEventReader.class)
    StripeJsonEventReader saasStripeEventReader() {
        return new StripeJsonEventReader();
    }
}
