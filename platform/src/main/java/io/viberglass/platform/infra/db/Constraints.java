package io.viberglass.platform.infra.db;

import java.sql.SQLException;
import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Reads which constraint PostgreSQL reported, so a service can turn a unique violation into a precise answer. */
public final class Constraints {
    public static final String UNIQUE_VIOLATION = "23505";

    private Constraints() {}

    /** The name of the unique constraint this failure violated, if it is one. */
    public static Optional<String> uniqueViolation(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                if (sql instanceof PSQLException psql) {
                    ServerErrorMessage detail = psql.getServerErrorMessage();
                    if (detail != null && detail.getConstraint() != null) {
                        return Optional.of(detail.getConstraint());
                    }
                }
                return Optional.of("");
            }
        }
        return Optional.empty();
    }
}
