package io.saaskit.boot.autoconfigure;

import java.util.Arrays;
import java.util.Map;

import io.saaskit.boot.autoconfigure.SaasRateLimitProperties.Store;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The condition behind {@link ConditionalOnRateLimitStore}. The store is bound the way the properties record binds
 * it, so {@code REDIS}, {@code redis} and {@code Redis} all match; an invalid value matches nothing and is reported by
 * the binding of {@link SaasRateLimitProperties}.
 */
final class OnRateLimitStoreCondition extends SpringBootCondition {

    /** The property naming the store. */
    static final String STORE_PROPERTY = "saaskit.rate-limit.store";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnRateLimitStore.class.getName());
        Store[] accepted = (attributes != null) ? (Store[]) attributes.get("value") : new Store[0];
        Store store;
        try {
            store = Binder.get(context.getEnvironment()).bind(STORE_PROPERTY, Store.class).orElse(Store.AUTO);
        }
        catch (RuntimeException ex) {
            return ConditionOutcome.noMatch(STORE_PROPERTY + " is not a valid store");
        }
        if (Arrays.asList(accepted).contains(store)) {
            return ConditionOutcome.match(STORE_PROPERTY + " is " + store);
        }
        return ConditionOutcome.noMatch(STORE_PROPERTY + " is " + store + ", not one of " + Arrays.toString(accepted));
    }
}
