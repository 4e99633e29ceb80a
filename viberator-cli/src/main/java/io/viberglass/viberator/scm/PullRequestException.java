package io.viberglass.viberator.scm;

/** The SCM API refused or failed to open the pull request. The message carries the API's reason, never the token. */
public final class PullRequestException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean credentialRejected;

    public PullRequestException(String message, boolean credentialRejected, Throwable cause) {
        super(message, cause);
        this.credentialRejected = credentialRejected;
    }

    /** Whether the API said 401: the token is wrong rather than the request. */
    public boolean credentialRejected() {
        return credentialRejected;
    }
}
