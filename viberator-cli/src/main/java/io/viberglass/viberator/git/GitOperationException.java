package io.viberglass.viberator.git;

import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A git operation failed. The {@link Kind} classifies it so the runner can report a precise outcome; the message never
 * contains credentials (JGit's own messages name URLs, which never carry tokens here).
 */
public final class GitOperationException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** The remote could not be reached or is not a repository. */
        UNREACHABLE,
        /** The remote refused the credential. */
        AUTH_FAILED,
        /** The base branch does not exist on the remote. */
        BRANCH_MISSING,
        /** The remote refused the pushed ref (non-fast-forward, protected branch, hook). */
        PUSH_REJECTED,
        /** Anything else, such as a corrupt work tree. */
        OTHER
    }

    private final Kind kind;

    public GitOperationException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public GitOperationException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** A bare HTTP 401/403 status in a message, not digits inside a path or a hash. */
    private static final Pattern AUTH_STATUS = Pattern.compile("(?<![\\w/.-])40[13](?![\\w/.-])");

    /** Classifies a JGit transport failure by its message: JGit reports HTTP 401/403 as "not authorized". */
    static Kind classifyTransport(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("unable to tunnel through proxy")) {
                return Kind.UNREACHABLE; // the egress proxy's 403 on CONNECT is no verdict on the credential
            }
            if (message.contains("not authorized")
                    || message.contains("authentication is required")
                    || message.contains("authentication not supported")
                    || message.contains("no credentialsprovider")
                    || AUTH_STATUS.matcher(message).find()) {
                return Kind.AUTH_FAILED;
            }
        }
        return Kind.UNREACHABLE;
    }

    /**
     * A sentence to add to a transport failure when the worker reaches {@code url} through a proxy: an egress proxy
     * answers 403 for hosts outside the clanker's egress policy, which JGit reports like a refused credential.
     */
    static String egressHint(String url, Throwable error) {
        boolean proxied;
        try {
            proxied = ProxySelector.getDefault() != null
                    && ProxySelector.getDefault().select(URI.create(url)).stream()
                            .anyMatch(proxy -> proxy.type() != Proxy.Type.DIRECT);
        } catch (IllegalArgumentException e) {
            return "";
        }
        if (!proxied) {
            return "";
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("unable to tunnel through proxy")
                    || AUTH_STATUS.matcher(message).find()
                    || message.contains("not authorized")
                    || message.contains("not permitted")) {
                return " (this worker reaches the network through its clanker's egress proxy, which refuses hosts "
                        + "outside the egress policy with 403: see 'egress blocked' in the job log)";
            }
        }
        return "";
    }
}
