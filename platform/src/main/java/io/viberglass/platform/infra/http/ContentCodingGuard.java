package io.viberglass.platform.infra.http;

import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * Takes a {@code Content-Encoding} that is not a list of content-coding tokens out of the request before any handler
 * runs (and marks the request, which {@link ContentCodingFilter} then answers with a 400). Jetty's gzip handler parses that header first and fails with an {@code IndexOutOfBoundsException} (a
 * 500) on some malformed values such as {@code ;!= "}; the fuzzed-input test found it. Content codings take no
 * parameters (RFC 9110 §8.4), so anything but tokens separated by commas is malformed.
 */
public final class ContentCodingGuard implements HttpConfiguration.Customizer {
    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    private static final Pattern CODINGS = Pattern.compile("\\s*" + TOKEN + "\\s*(,\\s*" + TOKEN + "\\s*)*");

    /** Set instead of a malformed {@code Content-Encoding}; {@link ContentCodingFilter} answers such requests 400. */
    public static final String MALFORMED = "X-Viberglass-Malformed-Content-Encoding";

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        for (HttpField field : request.getHeaders().getFields(HttpHeader.CONTENT_ENCODING)) {
            String value = field.getValue();
            if (value != null && !value.isBlank() && !CODINGS.matcher(value).matches()) {
                // an exception thrown here becomes a 500, so the header is swapped for a marker the filter refuses
                HttpFields headers = HttpFields.build(request.getHeaders())
                        .remove(HttpHeader.CONTENT_ENCODING)
                        .add(MALFORMED, "true")
                        .asImmutable();
                return new Request.Wrapper(request) {
                    @Override
                    public HttpFields getHeaders() {
                        return headers;
                    }
                };
            }
        }
        return request;
    }
}
