package io.saaskit.core.apikey.port;

import java.util.function.Consumer;

import io.saaskit.core.apikey.ApiKeyId;

/**
 * Tells every instance that an API key was revoked, so each can evict it from its in-process cache of verified
 * keys within a second (Redis pub/sub, PostgreSQL LISTEN/NOTIFY). Delivery is best effort: a lost message is
 * bounded by the cache's short lifetime.
 */
public interface ApiKeyRevocationChannel {

    /**
     * Announces a revocation to every instance, this one included.
     * @param keyId the revoked key
     */
    void publish(ApiKeyId keyId);

    /**
     * Registers a listener called for every announced revocation; listeners must be quick and never throw.
     * @param listener the listener
     */
    void subscribe(Consumer<ApiKeyId> listener);
}
