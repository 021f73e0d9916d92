package io.saaskit.core.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.saaskit.core.shared.ClientInfo;

import org.jspecify.annotations.Nullable;

/**
 * A server-side login session. Only the SHA-256 of the session token is kept, so a database leak yields no
 * usable tokens.
 */
public final class Session {

    private final SessionId id;
    private final UserId userId;
    private final String tokenHash;
    private final Instant createdAt;
    private final Instant expiresAt;
    private final Instant lastSeenAt;
    private final @Nullable String ip;
    private final @Nullable String userAgent;

    private Session(SessionId id, UserId userId, String tokenHash, Instant createdAt, Instant expiresAt,
            Instant lastSeenAt, @Nullable String ip, @Nullable String userAgent) {
        this.id = Objects.requireNonNull(id, "id");
        this.userId = Objects.requireNonNull(userId, "userId");
        this.tokenHash = Objects.requireNonNull(tokenHash, "tokenHash");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        this.lastSeenAt = Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        this.ip = ip;
        this.userAgent = userAgent;
    }

    /**
     * A new session: it expires at the idle timeout when sliding is on (capped by the TTL), else at the TTL.
     * @param id the id
     * @param userId the owner
     * @param tokenHash hex SHA-256 of the raw token
     * @param client where the login came from
     * @param settings the session settings
     * @param now the creation time
     * @return the session
     */
    public static Session start(SessionId id, UserId userId, String tokenHash, ClientInfo client,
            SessionSettings settings, Instant now) {
        Instant absolute = now.plus(settings.ttl());
        Instant expiresAt = settings.sliding() ? min(absolute, now.plus(settings.idleTimeout())) : absolute;
        return new Session(id, userId, tokenHash, now, expiresAt, now, client.ip(), client.userAgent());
    }

    /**
     * Rebuilds a stored session.
     * @param id the id
     * @param userId the owner
     * @param tokenHash hex SHA-256 of the raw token
     * @param createdAt creation time
     * @param expiresAt current expiry
     * @param lastSeenAt last recorded activity
     * @param ip client address at login
     * @param userAgent user agent at login
     * @return the session
     */
    public static Session restore(SessionId id, UserId userId, String tokenHash, Instant createdAt,
            Instant expiresAt, Instant lastSeenAt, @Nullable String ip, @Nullable String userAgent) {
        return new Session(id, userId, tokenHash, createdAt, expiresAt, lastSeenAt, ip, userAgent);
    }

    /**
     * Whether the idle (or absolute) expiry has passed.
     * @param now the current time
     * @return true when expired
     */
    public boolean isExpired(Instant now) {
        return !this.expiresAt.isAfter(now);
    }

    /**
     * Whether the absolute lifetime has passed, whatever the expiry column says.
     * @param ttl the absolute lifetime
     * @param now the current time
     * @return true when older than the TTL
     */
    public boolean isPastAbsoluteLifetime(Duration ttl, Instant now) {
        return !this.createdAt.plus(ttl).isAfter(now);
    }

    /**
     * The refreshed session when sliding is on and less than half the idle window remains; otherwise empty, so
     * a busy session is written at most once per half idle window.
     * @param settings the session settings
     * @param now the current time
     * @return the refreshed session, or empty when no write is due
     */
    public Optional<Session> slide(SessionSettings settings, Instant now) {
        if (!settings.sliding()) {
            return Optional.empty();
        }
        Duration remaining = Duration.between(now, this.expiresAt);
        if (remaining.compareTo(settings.idleTimeout().dividedBy(2)) >= 0) {
            return Optional.empty();
        }
        Instant newExpiry = min(now.plus(settings.idleTimeout()), this.createdAt.plus(settings.ttl()));
        return Optional.of(new Session(this.id, this.userId, this.tokenHash, this.createdAt, newExpiry, now,
                this.ip, this.userAgent));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    public SessionId id() {
        return this.id;
    }

    public UserId userId() {
        return this.userId;
    }

    public String tokenHash() {
        return this.tokenHash;
    }

    public Instant createdAt() {
        return this.createdAt;
    }

    public Instant expiresAt() {
        return this.expiresAt;
    }

    public Instant lastSeenAt() {
        return this.lastSeenAt;
    }

    public Optional<String> ip() {
        return Optional.ofNullable(this.ip);
    }

    public Optional<String> userAgent() {
        return Optional.ofNullable(this.userAgent);
    }
}
