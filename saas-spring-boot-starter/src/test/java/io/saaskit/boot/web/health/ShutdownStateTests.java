package io.saaskit.boot.web.health;

import org.junit.jupiter.api.Test;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

class ShutdownStateTests {

    @Test
    void onlyTheOwnContextClosingCounts() {
        GenericApplicationContext own = new GenericApplicationContext();
        GenericApplicationContext child = new GenericApplicationContext();
        ShutdownState state = new ShutdownState(own);

        state.onApplicationEvent(new ContextClosedEvent(child));
        assertThat(state.isShuttingDown()).isFalse();

        state.onApplicationEvent(new ContextClosedEvent(own));
        assertThat(state.isShuttingDown()).isTrue();
    }
}
