package io.saaskit.adapters.jdbc;

import java.sql.SQLException;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Recognises a PostgreSQL unique violation and the constraint it hit, so repositories can turn exactly the
 * violations with a domain meaning (a taken email, a duplicate member) into domain exceptions and let every other
 * failure through unchanged.
 */
final class UniqueViolation {

    private static final String UNIQUE_VIOLATION = "23505";

    private UniqueViolation() {
    }

    /**
     * Whether the failure, or one of its causes, is a unique violation of the named constraint.
     * @param failure what the driver or Spring threw
     * @param constraint the constraint name as declared in the migrations
     * @return true when that constraint was violated
     */
    static boolean of(Throwable failure, String constraint) {
        return constraintOf(failure).filter(constraint::equals).isPresent();
    }

    private static Optional<String> constraintOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return Optional.ofNullable(constraintName(sql));
            }
        }
        return Optional.empty();
    }

    private static @Nullable String constraintName(SQLException exception) {
        if (exception instanceof PSQLException postgres) {
            ServerErrorMessage message = postgres.getServerErrorMessage();
            return (message != null) ? message.getConstraint() : null;
        }
        return null;
    }
}
