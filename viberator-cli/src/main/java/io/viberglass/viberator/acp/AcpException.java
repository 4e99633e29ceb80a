package io.viberglass.viberator.acp;

/** A failed exchange with an ACP agent. */
public class AcpException extends Exception {

    public AcpException(String message) {
        super(message);
    }

    public AcpException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The agent answered a request with a JSON-RPC error; also thrown by handlers to answer the agent with one. */
    public static final class RemoteError extends AcpException {
        private final int code;

        public RemoteError(int code, String message) {
            super(message);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /** The agent process ended while a request was waiting for its answer (or before it was sent). */
    public static final class ProcessExited extends AcpException {
        private final int exitCode;

        public ProcessExited(int exitCode) {
            super("the agent exited with code " + exitCode);
            this.exitCode = exitCode;
        }

        private ProcessExited(int exitCode, String method) {
            super("the agent exited with code " + exitCode + " before answering " + method);
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }

        ProcessExited pending(String method) {
            return new ProcessExited(exitCode, method);
        }
    }
}
