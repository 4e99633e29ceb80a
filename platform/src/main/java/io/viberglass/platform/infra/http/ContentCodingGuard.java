package io.viberglass.platform.infra.http;

import java.util.regex.Pattern;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * Refuses a request whose {@code Content-Encoding} is not a list of content-coding tokens with a 400, before any
 * handler runs. Jetty's gzip handler parses that header first and fails with an {@code IndexOutOfBoundsException} (a
 * 500) on some malformed values such as {@code ;!= "}; the fuzzed-input test found it. Content codings take no
 * parameters (RFC 9110 §8.4), so anything but tokens separated by commas is malformed.
 */
public final class ContentCodingGuard implements HttpConfiguration.Customizer {
    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    private static final Pattern CODINGS = Pattern.compile("\\s*" + TOKEN + "\\s*(,\\s*" + TOKEN + "\\s*)*");

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        for (HttpField field : request.getHeaders().getFields(HttpHeader.CONTENT_ENCODING)) {
            String value = field.getValue();
            if (value != null && !value.isBlank() && !CODINGS.matcher(value).matches()) {
                throw new BadMessageException(400, "Malformed Content-Encoding header");
            }
        }
        return request;
    }
}
