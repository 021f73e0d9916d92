package io.saaskit.adapters.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import io.saaskit.core.identity.EmailAddress;
import io.saaskit.core.identity.EmailAlreadyRegisteredException;
import io.saaskit.core.identity.User;
import io.saaskit.core.identity.UserId;
import io.saaskit.core.identity.port.UserRepository;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link UserRepository} on the {@code app_user} table. Users are global, so no tenant scope applies; the unique
 * constraint on the email decides concurrent registrations of one address.
 */
public final class JdbcUserRepository implements UserRepository {

    private static final String EMAIL_CONSTRAINT = "app_user_email_key";

    private static final String INSERT = """
            insert into app_user (id, email, password_hash, password_changed_at, created_at, updated_at)
            values (:id, :email, :passwordHash, :passwordChangedAt, :createdAt, :updatedAt)
            """;

    private static final String UPDATE = """
            update app_user
               set email = :email, password_hash = :passwordHash, password_changed_at = :passwordChangedAt,
                   updated_at = :updatedAt
             where id = :id
            """;

    private static final String SELECT = """
            select id, email, password_hash, password_changed_at, created_at, updated_at
              from app_user
            """;

    private final JdbcClient jdbc;

    /**
     * Creates the repository.
     * @param dataSource the database holding the saaskit schema
     * @param settings the adapter settings
     */
    public JdbcUserRepository(DataSource dataSource, JdbcSettings settings) {
        Objects.requireNonNull(settings, "settings");
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
    }

    @Override
    public void insert(User user) {
        try {
            bind(this.jdbc.sql(INSERT), user).param("createdAt", Columns.timestamp(user.createdAt())).update();
        }
        catch (DataIntegrityViolationException ex) {
            throw translate(ex);
        }
    }

    @Override
    public void update(User user) {
        try {
            bind(this.jdbc.sql(UPDATE), user).update();
        }
        catch (DataIntegrityViolationException ex) {
            throw translate(ex);
        }
    }

    @Override
    public Optional<User> findById(UserId id) {
        return this.jdbc.sql(SELECT + " where id = :id")
                .param("id", id.value())
                .query(JdbcUserRepository::user)
                .optional();
    }

    @Override
    public Optional<User> findByEmail(EmailAddress email) {
        return this.jdbc.sql(SELECT + " where email = :email")
                .param("email", email.value())
                .query(JdbcUserRepository::user)
                .optional();
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, User user) {
        return statement.param("id", user.id().value())
                .param("email", user.email().value())
                .param("passwordHash", user.passwordHash().orElse(null))
                .param("passwordChangedAt", Columns.nullableTimestamp(user.passwordChangedAt().orElse(null)))
                .param("updatedAt", Columns.timestamp(user.updatedAt()));
    }

    private static RuntimeException translate(DataIntegrityViolationException ex) {
        return UniqueViolation.of(ex, EMAIL_CONSTRAINT) ? new EmailAlreadyRegisteredException() : ex;
    }

    private static User user(ResultSet row, int rowNumber) throws SQLException {
        return User.restore(new UserId(Columns.uuid(row, "id")), new EmailAddress(row.getString("email")),
                row.getString("password_hash"), Columns.instant(row, "created_at"),
                Columns.instant(row, "updated_at"), Columns.nullableInstant(row, "password_changed_at"));
    }
}
