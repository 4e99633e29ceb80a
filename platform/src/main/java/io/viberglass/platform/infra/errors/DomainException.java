package io.viberglass.platform.infra.errors;

import java.util.List;
import java.util.Map;

/**
 * A failure a service reports to its caller. Services throw these (no JAX-RS types); {@link DomainExceptionMapper}
 * turns them into the error envelope once, at the edge.
 */
public class DomainException extends RuntimeException {
    private final ErrorKind kind;
    private final String code;
    private final List<FieldError> details;
    private final Map<String, String> headers;

    public DomainException(ErrorKind kind, String code, String message, List<FieldError> details) {
        this(kind, code, message, details, Map.of());
    }

    private DomainException(
            ErrorKind kind, String code, String message, List<FieldError> details, Map<String, String> headers) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.details = details == null ? List.of() : List.copyOf(details);
        this.headers = Map.copyOf(headers);
    }

    public DomainException(ErrorKind kind, String code, String message) {
        this(kind, code, message, List.of());
    }

    public ErrorKind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public List<FieldError> details() {
        return details;
    }

    /** Response headers the answer must carry (a {@code Retry-After}, a worker's cancel flag). */
    public Map<String, String> headers() {
        return headers;
    }

    public DomainException withHeader(String name, String value) {
        Map<String, String> merged = new java.util.HashMap<>(headers);
        merged.put(name, value);
        return new DomainException(kind, code, getMessage(), details, merged);
    }

    /** Stack traces of expected failures are noise: they are answers, not bugs. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    public static DomainException notFound(String code, String message) {
        return new DomainException(ErrorKind.NOT_FOUND, code, message);
    }

    public static DomainException conflict(String code, String message) {
        return new DomainException(ErrorKind.CONFLICT, code, message);
    }

    public static DomainException forbidden(String code, String message) {
        return new DomainException(ErrorKind.FORBIDDEN, code, message);
    }

    public static DomainException unauthorized(String message) {
        return new DomainException(ErrorKind.UNAUTHORIZED, "UNAUTHORIZED", message);
    }

    /** A bad request naming the one field at fault. */
    public static DomainException invalid(String code, String field, String message) {
        return new DomainException(ErrorKind.INVALID, code, message, List.of(new FieldError(field, message)));
    }

    public static DomainException invalid(String code, String message, List<FieldError> details) {
        return new DomainException(ErrorKind.INVALID, code, message, details);
    }
}
