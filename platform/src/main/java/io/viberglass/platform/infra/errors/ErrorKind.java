package io.viberglass.platform.infra.errors;

/** The kinds of failure a service reports, each with its HTTP status and the envelope's {@code error} label. */
public enum ErrorKind {
    INVALID(400, "Validation error"),
    UNAUTHORIZED(401, "Unauthorized"),
    FORBIDDEN(403, "Forbidden"),
    NOT_FOUND(404, "Not found"),
    CONFLICT(409, "Conflict"),
    TOO_LARGE(413, "Payload too large"),
    UNSUPPORTED_MEDIA(415, "Unsupported media type"),
    GONE(410, "Gone"),
    TOO_MANY_REQUESTS(429, "Too many requests"),
    UNAVAILABLE(503, "Service unavailable");

    private final int status;
    private final String label;

    ErrorKind(int status, String label) {
        this.status = status;
        this.label = label;
    }

    public int status() {
        return status;
    }

    public String label() {
        return label;
    }
}
