package io.viberglass.platform.llm;

/**
 * A request the proxy answers itself, in the provider's error format, without forwarding it.
 *
 * @param type the provider's error type ({@code authentication_error}, {@code permission_error} …)
 * @param code OpenAI's error code
 */
public class ProxyRefusal extends RuntimeException {
    private final int status;
    private final String type;
    private final String code;
    private final java.util.Map<String, String> headers;

    public ProxyRefusal(int status, String type, String code, String message) {
        this(status, type, code, message, java.util.Map.of());
    }

    /** @param headers sent with the refusal, such as {@code retry-after} */
    public ProxyRefusal(int status, String type, String code, String message, java.util.Map<String, String> headers) {
        super(message);
        this.status = status;
        this.type = type;
        this.code = code;
        this.headers = java.util.Map.copyOf(headers);
    }

    public java.util.Map<String, String> headers() {
        return headers;
    }

    static ProxyRefusal unauthenticated(String message) {
        return new ProxyRefusal(401, "authentication_error", "invalid_api_key", message);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String code() {
        return code;
    }
}
