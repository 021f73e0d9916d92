package io.saaskit.boot.web.support;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WebOriginsTests {

    private final WebOrigins origins = new WebOrigins(URI.create("https://App.Example.com/dashboard"),
            URI.create("http://localhost:4000/"));

    @Test
    void theWebOriginIsItsSerialisedForm() {
        assertThat(this.origins.web()).isEqualTo("https://app.example.com");
        assertThat(this.origins.isWebOrigin("https://app.example.com")).isTrue();
        assertThat(this.origins.isWebOrigin("https://app.example.com:443")).isTrue();
        assertThat(this.origins.isWebOrigin("HTTPS://APP.EXAMPLE.COM")).isTrue();
        assertThat(this.origins.isWebOrigin("http://localhost:4000")).isFalse();
    }

    @Test
    void theOriginRuleAllowsTheWebAndApiOriginsOnly() {
        assertThat(this.origins.isAllowed("https://app.example.com")).isTrue();
        assertThat(this.origins.isAllowed("http://localhost:4000")).isTrue();
        assertThat(this.origins.isAllowed("http://localhost:3000")).isFalse();
        assertThat(this.origins.isAllowed("http://app.example.com")).isFalse();
        assertThat(this.origins.isAllowed("https://app.example.com.evil.example")).isFalse();
        assertThat(this.origins.isAllowed("null")).isFalse();
        assertThat(this.origins.isAllowed("")).isFalse();
        assertThat(this.origins.isAllowed("not a url")).isFalse();
        assertThat(this.origins.isAllowed(null)).isFalse();
    }

    @Test
    void onlyAnExactSerialisedOriginIsAllowed() {
        assertThat(this.origins.isAllowed("http://localhost:4000")).isTrue();
        assertThat(this.origins.isAllowed("https://app.example.com:443")).as("default port spelled out").isTrue();
        assertThat(this.origins.isAllowed("http://localhost:4000/")).as("trailing slash").isFalse();
        assertThat(this.origins.isAllowed("http://localhost:4000/path")).as("path").isFalse();
        assertThat(this.origins.isAllowed("http://localhost:4000?x=1")).as("query").isFalse();
        assertThat(this.origins.isAllowed("http://localhost:4000#x")).as("fragment").isFalse();
        assertThat(this.origins.isAllowed("http://user@localhost:4000")).as("credentials").isFalse();
        assertThat(this.origins.isAllowed("http://localhost:04000")).as("zero-padded port").isFalse();
        assertThat(this.origins.isAllowed("https://app.example.com:")).as("empty port").isFalse();
        assertThat(this.origins.isAllowed(" http://localhost:4000")).as("surrounding space").isFalse();
        assertThat(this.origins.isAllowed("http://localhost:4000, https://evil.example")).as("a list").isFalse();
        assertThat(this.origins.isWebOrigin("https://app.example.com/")).isFalse();
    }

    @Test
    void baseUrlsMustBeAbsoluteHttpUrls() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new WebOrigins(URI.create("/relative"), URI.create("http://localhost")));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new WebOrigins(URI.create("http://localhost"), URI.create("ftp://files")));
    }
}
