package io.saaskit.boot.web.apikey;

import java.util.List;

import io.saaskit.boot.web.org.TenantResolver;
import io.saaskit.boot.web.support.AppliedRateLimits;
import io.saaskit.boot.web.support.BearerToken;
import io.saaskit.boot.web.support.MdcKeys;
import io.saaskit.core.apikey.ApiKey;
import io.saaskit.core.apikey.ApiKeyService;
import io.saaskit.core.apikey.ApiKeyVerification;
import io.saaskit.core.ratelimit.ApiKeyRateLimitService;
import io.saaskit.core.ratelimit.RateLimitDecision;
import io.saaskit.core.ratelimit.RateLimitExceededException;
import io.saaskit.core.shared.UnauthorizedException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;


/**
 * Authenticates API-key routes (auth K), running steps 1 to 6 of the verification pipeline in order:
 * {@code Authorization: Bearer} present (scheme case-insensitive), format and checksum with no I/O, lookup,
 * {@code X-Org-Id} against the key's organization, the per-key rate limit, and the coarse last-use write.
 *
 * <p>Every refusal but a missing key gets the same 401 body, "Invalid API key", whether the key is malformed,
 * unknown, revoked, expired or another organization's; the log line "API key auth failed" carries only the reason and
 * the key's 12-character prefix. A session cookie or session token never authenticates here (it is not in the key
 * format). The outcome is kept for the rest of the request, so a key is verified and counted once.
 */
public final class ApiKeyAuthenticator {

    private static final String ATTRIBUTE = ApiKeyAuthenticator.class.getName() + ".caller";

    private static final Logger logger = LoggerFactory.getLogger(ApiKeyAuthenticator.class);

    private final ApiKeyService keys;

    private final ApiKeyRateLimitService limits;

    /**
     * Creates the authenticator.
     * @param keys verifies keys and records their use
     * @param limits applies the per-key rate limit
     */
    public ApiKeyAuthenticator(ApiKeyService keys, ApiKeyRateLimitService limits) {
        this.keys = keys;
        this.limits = limits;
    }

    /**
     * Authenticates a request and applies the per-key rate limit, setting its response headers.
     * @param request the request
     * @param response the response, which gets the {@code RateLimit-Policy} and {@code RateLimit} headers
     * @return the caller
     * @throws UnauthorizedException "Missing API key" or "Invalid API key"
     * @throws RateLimitExceededException "API key rate limit exceeded"
     */
    public ApiKeyCaller authenticate(HttpServletRequest request, HttpServletResponse response) {
        Object known = request.getAttribute(ATTRIBUTE);
        if (known instanceof ApiKeyCaller caller) {
            return caller;
        }
        ApiKeyVerification verification = this.keys.verify(BearerToken.of(request).orElse(null),
                requestedOrgId(request));
        if (verification instanceof ApiKeyVerification.Rejected rejected) {
            logger.atWarn().addKeyValue("reason", rejected.reason().logValue())
                    .addKeyValue("prefix", rejected.prefix()).log("API key auth failed");
            throw new UnauthorizedException(rejected.reason().message());
        }
        ApiKey key = ((ApiKeyVerification.Valid) verification).key();
        MDC.put(MdcKeys.API_KEY_ID, key.id().toString());
        MDC.put(MdcKeys.ORG_ID, key.orgId().toString());
        List<RateLimitDecision> decisions;
        try {
            decisions = this.limits.check(key.id(), key.orgId());
        }
        catch (RateLimitExceededException ex) {
            AppliedRateLimits.add(request, response, ex.decisions());
            throw ex;
        }
        AppliedRateLimits.add(request, response, decisions);
        recordUse(key);
        ApiKeyCaller caller = new ApiKeyCaller(key.id(), key.orgId(), key.prefix(), decisions);
        request.setAttribute(ATTRIBUTE, caller);
        return caller;
    }

    private void recordUse(ApiKey key) {
        try {
            this.keys.recordUse(key);
        }
        catch (RuntimeException ex) {
            // Last use is informational: a failed write must not refuse an authenticated, admitted request.
            logger.atWarn().addKeyValue("prefix", key.prefix()).setCause(ex).log("Could not record API key use");
        }
    }


    private static @Nullable String requestedOrgId(HttpServletRequest request) {
        String header = request.getHeader(TenantResolver.HEADER);
        return (header == null || header.isBlank()) ? null : header.trim();
    }
}
