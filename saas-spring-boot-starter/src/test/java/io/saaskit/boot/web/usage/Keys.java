package io.saaskit.boot.web.usage;

import java.util.concurrent.atomic.AtomicInteger;

import io.saaskit.boot.web.testing.Account;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RunningApp;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API keys created through the public API, and metered calls made with them.
 *
 * @param id the key id
 * @param secret the key
 */
record Keys(String id, String secret) {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    static Keys create(RunningApp app, Account owner) {
        Reply reply = app.http().post("/api-keys").bearer(owner.token()).org(owner.orgId())
                .json("{\"name\":\"key_" + SEQUENCE.incrementAndGet() + "\"}").send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        JsonNode json = reply.json();
        return new Keys(json.get("id").stringValue(), json.get("secret").stringValue());
    }

    Reply data(RunningApp app) {
        return app.http().get("/data").bearer(this.secret).send();
    }
}
