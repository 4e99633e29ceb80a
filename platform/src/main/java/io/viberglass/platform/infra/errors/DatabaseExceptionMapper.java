package io.viberglass.platform.infra.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.JdbiException;

/**
 * Constraint violations reported by PostgreSQL are answers about the request, not crashes: uniqueness is enforced by
 * the database (no check-then-insert), so its 23505 is our 409. Data exceptions (SQLState class 22: too long, NUL
 * bytes, invalid Unicode, out of range) are values the request carried, so they are a 400. A database that cannot be
 * reached is a 503. Anything else is an unexpected error.
 */
public class DatabaseExceptionMapper implements ExceptionMapper<JdbiException> {
    private final UnexpectedErrorMapper unexpected;

    public DatabaseExceptionMapper(UnexpectedErrorMapper unexpected) {
        this.unexpected = unexpected;
    }

    @Override
    public Response toResponse(JdbiException exception) {
        SQLException sql = findSqlException(exception);
        String state = sql == null ? null : sql.getSQLState();
        if (state == null) {
            return unexpected.toResponse(exception);
        }
        if (unavailable(state)) {
            return ErrorResponses.of(
                    ErrorKind.UNAVAILABLE,
                    "The database is unavailable; try again shortly",
                    "DATABASE_UNAVAILABLE",
                    List.of());
        }
        return switch (state) {
            case "23505" ->
                ErrorResponses.of(
                        ErrorKind.CONFLICT,
                        "A resource with the same unique value already exists",
                        "DUPLICATE",
                        List.of());
            case "23503" ->
                ErrorResponses.of(
                        ErrorKind.CONFLICT,
                        "The request refers to a resource that does not " + "exist or is still referenced elsewhere",
                        "REFERENCE_CONFLICT",
                        List.of());
            case "22001" -> ErrorResponses.invalid("A value is too long", List.of(new FieldError("body", "too long")));
            // NUL, lone surrogates and other text PostgreSQL cannot store; the driver refuses NUL itself with 22023
            case "22021", "22P05", "22023" ->
                ErrorResponses.invalid(
                        "A value contains characters that cannot be stored (NUL or invalid Unicode)",
                        List.of(new FieldError("body", "contains a NUL byte or invalid Unicode")));
            case "22003" ->
                ErrorResponses.invalid("A number is out of range", List.of(new FieldError("body", "out of range")));
            default ->
                // any other data exception (class 22) is a value in the request the database would not take
                state.startsWith("22")
                        ? ErrorResponses.invalid(
                                "A value was rejected by the database",
                                List.of(new FieldError("body", "has an invalid value")))
                        : unexpected.toResponse(exception);
        };
    }

    /**
     * Connection exceptions (class 08: refused, broken, reset) and a server shutting down or starting up (57P01–57P03):
     * an outage, not a fault of the request or of this code, so 503 rather than a 500 with a logged stack trace.
     */
    static boolean unavailable(String state) {
        return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
    }

    static SQLException findSqlException(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }
}
