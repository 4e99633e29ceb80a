package io.viberglass.platform.infra.errors;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatabaseExceptionMapperTest {
    private final DatabaseExceptionMapper mapper = new DatabaseExceptionMapper(new UnexpectedErrorMapper());

    @ParameterizedTest(name = "SQLState {0} is {1} {2}")
    @CsvSource({
        "08001, 503, DATABASE_UNAVAILABLE", // connection refused: the server is down
        "08006, 503, DATABASE_UNAVAILABLE", // connection failure: the server went away mid-query
        "57P01, 503, DATABASE_UNAVAILABLE", // admin shutdown
        "57P03, 503, DATABASE_UNAVAILABLE", // the server is starting up
        "23505, 409, DUPLICATE",
        "22001, 400, VALIDATION_ERROR",
        "42P01, 500, INTERNAL" // a missing table is our fault, not an outage
    })
    void answersEachDatabaseFailureAsWhatItIs(String state, int status, String code) {
        SQLException cause = new SQLException("reason", state);
        Response response = state.startsWith("08")
                ? mapper.toResponse(new ConnectionException(cause))
                : mapper.toResponse(new UnableToExecuteStatementException(cause, null));

        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(((ErrorBody) response.getEntity()).code()).isEqualTo(code);
    }
}
