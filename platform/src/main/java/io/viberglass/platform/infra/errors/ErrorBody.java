package io.viberglass.platform.infra.errors;

import java.util.List;

/**
 * The one error envelope every failing request gets: {@code {error, message, details[{field, message}], code}}, plus
 * {@code errorId} on unexpected errors so that an operator can find the logged stack trace.
 */
public record ErrorBody(String error, String message, List<FieldError> details, String code, String errorId) {
    public static ErrorBody of(String error, String message, String code) {
        return new ErrorBody(error, message, null, code, null);
    }
}
