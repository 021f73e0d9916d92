package io.saaskit.boot.autoconfigure;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The HTTP inbound adapter, bound from {@code saaskit.http.*}.
 *
 * @param trustedProxies CIDR ranges of reverse proxies whose X-Forwarded-For header is honoured when resolving the
 * client address. Empty means the socket address is always used.
 * @param maxBodySize Largest accepted request body. Larger ones are answered with 413.
 * @param problemTypeBase Prefix of the type URI of problem responses.
 * @param auth The /auth endpoint group.
 * @param org The /org endpoint group.
 * @param health The /health and /ready endpoints.
 */
@ConfigurationProperties("saaskit.http")
public record SaasHttpProperties(@DefaultValue List<String> trustedProxies, @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue("urn:saaskit:problem:") String problemTypeBase, @DefaultValue Group auth,
        @DefaultValue Group org, @DefaultValue Group health) {

    /**
     * An endpoint group that a host application can switch off.
     *
     * @param enabled Whether the group's endpoints are served. When false, its paths answer 404.
     */
    public record Group(@DefaultValue("true") boolean enabled) {
    }
}
