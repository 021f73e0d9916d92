package io.saaskit.core.apikey;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.saaskit.core.apikey.port.ApiKeyRevocationChannel;

/**
 * An {@link ApiKeyRevocationChannel} that reaches only this process: right for a single instance and for tests.
 * With several instances and neither Redis nor PostgreSQL notifications, other instances notice a revocation only
 * when their cache entry expires (at most 10 seconds).
 */
public final class InProcessApiKeyRevocationChannel implements ApiKeyRevocationChannel {

    private final List<Consumer<ApiKeyId>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void publish(ApiKeyId keyId) {
        Objects.requireNonNull(keyId, "keyId");
        this.listeners.forEach((listener) -> listener.accept(keyId));
    }

    @Override
    public void subscribe(Consumer<ApiKeyId> listener) {
        this.listeners.add(Objects.requireNonNull(listener, "listener"));
    }
}
