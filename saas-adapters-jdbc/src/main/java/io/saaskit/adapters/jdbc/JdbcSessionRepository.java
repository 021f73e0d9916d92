package io.saaskit.adapters.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import io.saaskit.core.identity.Session;
import io.saaskit.core.identity.SessionId;
import io.saaskit.core.identity.UserId;
import io.saaskit.core.identity.port.SessionRepository;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link SessionRepository} on the {@code session} table. Sessions belong to users, not organizations, so no
 * tenant scope applies. Only the token's hash is stored.
 */
public final class JdbcSessionRepository implements SessionRepository {

    private static final String INSERT = """
            insert into session (id, user_id, token_hash, created_at, expires_at, last_seen_at, ip, user_agent)
            values (:id, :userId, :tokenHash, :createdAt, :expiresAt, :lastSeenAt, :ip, :userAgent)
            """;

    private static final String SELECT = """
            select id, user_id, token_hash, created_at, expires_at, last_seen_at, ip, user_agent
              from session
            """;

    private static final String TOUCH = """
            update session set expires_at = :expiresAt, last_seen_at = :lastSeenAt where id = :id
            """;

    private static final String DELETE = """
            delete from session where id = :id
            """;

    private static final String DELETE_FOR_USER = """
            delete from session where id = :id and user_id = :userId
            """;

    private static final String DELETE_ALL_FOR_USER = """
            delete from session where user_id = :userId
            """;

    private static final String DELETE_ALL_BUT_NEWEST = """
            delete from session
             where user_id = :userId
               and id not in (select id
                                from session
                               where user_id = :userId
                               order by created_at desc, id desc
                               limit :keep)
            """;

    private static final String DELETE_EXPIRED = """
            delete from session where expires_at <= :now or created_at < :createdBefore
            """;

    private final JdbcClient jdbc;

    /**
     * Creates the repository.
     * @param dataSource the database holding the saaskit schema
     * @param settings the adapter settings
     */
    public JdbcSessionRepository(DataSource dataSource, JdbcSettings settings) {
        Objects.requireNonNull(settings, "settings");
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
    }

    @Override
    public void insert(Session session) {
        this.jdbc.sql(INSERT)
                .param("id", session.id().value())
                .param("userId", session.userId().value())
                .param("tokenHash", session.tokenHash())
                .param("createdAt", Columns.timestamp(session.createdAt()))
                .param("expiresAt", Columns.timestamp(session.expiresAt()))
                .param("lastSeenAt", Columns.timestamp(session.lastSeenAt()))
                .param("ip", session.ip().orElse(null))
                .param("userAgent", session.userAgent().orElse(null))
                .update();
    }

    @Override
    public Optional<Session> findByTokenHash(String tokenHash) {
        return this.jdbc.sql(SELECT + " where token_hash = :tokenHash")
                .param("tokenHash", tokenHash)
                .query(JdbcSessionRepository::session)
                .optional();
    }

    @Override
    public void touch(SessionId id, Instant expiresAt, Instant lastSeenAt) {
        this.jdbc.sql(TOUCH)
                .param("id", id.value())
                .param("expiresAt", Columns.timestamp(expiresAt))
                .param("lastSeenAt", Columns.timestamp(lastSeenAt))
                .update();
    }

    @Override
    public boolean delete(SessionId id) {
        return this.jdbc.sql(DELETE).param("id", id.value()).update() > 0;
    }

    @Override
    public boolean deleteForUser(UserId userId, SessionId id) {
        return this.jdbc.sql(DELETE_FOR_USER).param("id", id.value()).param("userId", userId.value()).update() > 0;
    }

    @Override
    public int deleteAllForUser(UserId userId) {
        return this.jdbc.sql(DELETE_ALL_FOR_USER).param("userId", userId.value()).update();
    }

    @Override
    public int deleteAllButNewest(UserId userId, int keep) {
        if (keep < 0) {
            throw new IllegalArgumentException("keep must not be negative");
        }
        return this.jdbc.sql(DELETE_ALL_BUT_NEWEST).param("userId", userId.value()).param("keep", keep).update();
    }

    @Override
    public List<Session> listForUser(UserId userId) {
        return this.jdbc.sql(SELECT + " where user_id = :userId order by created_at desc, id desc")
                .param("userId", userId.value())
                .query(JdbcSessionRepository::session)
                .list();
    }

    @Override
    public int deleteExpired(Instant now, Instant createdBefore) {
        return this.jdbc.sql(DELETE_EXPIRED)
                .param("now", Columns.timestamp(now))
                .param("createdBefore", Columns.timestamp(createdBefore))
                .update();
    }

    private static Session session(ResultSet row, int rowNumber) throws SQLException {
        return Session.restore(new SessionId(Columns.uuid(row, "id")), new UserId(Columns.uuid(row, "user_id")),
                row.getString("token_hash"), Columns.instant(row, "created_at"), Columns.instant(row, "expires_at"),
                Columns.instant(row, "last_seen_at"), row.getString("ip"), row.getString("user_agent"));
    }
}
