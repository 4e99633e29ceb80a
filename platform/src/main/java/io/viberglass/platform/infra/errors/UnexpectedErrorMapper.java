package io.viberglass.platform.infra.errors;

import io.viberglass.platform.infra.http.BodyTooLargeException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import java.util.UUID;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last resort: an unexpected failure answers 500 with an error id and nothing else (no stack trace, no SQL, no
 * secret); the stack trace goes to the log under that id. A body over the size limit or a client that hung up
 * surfaces here wrapped in Jersey's exceptions and gets its proper 4xx.
 */
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorMapper.class);

    @Override
    public Response toResponse(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLargeException tooLarge) {
                return ErrorResponses.of(ErrorKind.TOO_LARGE, tooLarge.getMessage(), "BODY_TOO_LARGE", List.of());
            }
            if (cause instanceof EofException) {
                return ErrorResponses.invalid(
                        "The request body ended early", List.of(new FieldError("body", "ended early")));
            }
        }
        String errorId = UUID.randomUUID().toString();
        LOG.error("Unexpected error {}", errorId, exception);
        return ErrorResponses.of(
                500,
                new ErrorBody(
                        "Internal server error",
                        "An unexpected error occurred; quote error id " + errorId + " to your operator",
                        null,
                        "INTERNAL",
                        errorId));
    }
}
