package io.viberglass.platform.infra.errors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import org.glassfish.jersey.server.ParamException;

/**
 * Jersey's own failures (unknown route, wrong method, unsupported media type, a path or query parameter of the wrong
 * type) in the same envelope. A malformed UUID in the path is a 400 naming the parameter, not Jersey's 404.
 */
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException exception) {
        if (exception instanceof ParamException param) {
            String field = param.getParameterName();
            String message = "has an invalid value";
            return ErrorResponses.invalid(field + " " + message, List.of(new FieldError(field, message)));
        }
        Response original = exception.getResponse();
        int status = original.getStatus();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String label = type == null ? "Error" : type.getReasonPhrase();
        String message = status == 404 ? "No such resource" : messageOf(exception, label);
        List<FieldError> details = status == 415
                ? List.of(new FieldError("Content-Type", "must be one the endpoint accepts, usually application/json"))
                : null;
        Response.ResponseBuilder builder = Response.fromResponse(original)
                .type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(label, message, details, null, null));
        return builder.build();
    }

    private static String messageOf(WebApplicationException exception, String fallback) {
        String message = exception.getMessage();
        return message == null || message.startsWith("HTTP ") ? fallback : message;
    }
}
