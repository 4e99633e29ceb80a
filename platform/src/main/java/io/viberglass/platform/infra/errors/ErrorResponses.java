package io.viberglass.platform.infra.errors;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Builds envelope responses for the mappers. */
final class ErrorResponses {
    private ErrorResponses() {}

    static Response of(int status, ErrorBody body) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body)
                .build();
    }

    static Response of(ErrorKind kind, String message, String code, List<FieldError> details) {
        return of(kind.status(), new ErrorBody(kind.label(), message, details.isEmpty() ? null : details, code, null));
    }

    static Response invalid(String message, List<FieldError> details) {
        return of(ErrorKind.INVALID, message, "VALIDATION_ERROR", details);
    }
}
