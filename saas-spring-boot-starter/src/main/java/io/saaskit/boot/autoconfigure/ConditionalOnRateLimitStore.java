package io.saaskit.boot.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when {@code saaskit.rate-limit.store} (default {@code auto}, relaxed binding) is one of the given stores,
 * so each adapter offers its rate limiter only for the store values it serves.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnRateLimitStoreCondition.class)
@interface ConditionalOnRateLimitStore {

    /**
     * The store values that match.
     * @return the stores
     */
    SaasRateLimitProperties.Store[] value();
}
