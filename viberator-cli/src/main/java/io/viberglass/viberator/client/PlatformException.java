package io.viberglass.viberator.client;

/**
 * The platform said no, or could not be asked. Subtypes name the kind, so the command line can map each to its exit
 * code in one place; {@code code} is the platform's machine-readable error code when it sent one.
 */
public abstract sealed class PlatformException extends RuntimeException
        permits PlatformException.AuthenticationFailed,
                PlatformException.NotFound,
                PlatformException.Rejected,
                PlatformException.Unreachable {
    private final String code;

    PlatformException(String message, String code, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The platform's error code ({@code TICKET_NOT_FOUND}, {@code EXECUTION_BLOCKED_UNAPPROVED_PLAN}), or null. */
    public String code() {
        return code;
    }

    /** 401 or 403: the token is missing, wrong, expired or lacks the scope. */
    public static final class AuthenticationFailed extends PlatformException {
        public AuthenticationFailed(String message, String code) {
            super(message, code, null);
        }
    }

    /** 404: no such project, ticket or run (or not visible to this token). */
    public static final class NotFound extends PlatformException {
        public NotFound(String message, String code) {
            super(message, code, null);
        }
    }

    /** 400, 409, 422: the request breaks a rule, such as running execution without an approved plan. */
    public static final class Rejected extends PlatformException {
        private final int status;

        public Rejected(int status, String message, String code) {
            super(message, code, null);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** No answer, or a 5xx: the platform is down, unreachable or broken. */
    public static final class Unreachable extends PlatformException {
        public Unreachable(String message, Throwable cause) {
            super(message, null, cause);
        }
    }
}
