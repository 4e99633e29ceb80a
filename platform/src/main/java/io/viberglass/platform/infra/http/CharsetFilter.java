package io.viberglass.platform.infra.http;

import io.viberglass.platform.infra.errors.ErrorBody;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses a body declared in a character set this JVM does not know with 415 before anything reads it: Jetty and
 * Jersey otherwise fail deep inside the request with an unsupported-encoding error that surfaces as a 500. Also
 * answers 400 for a request whose malformed {@code Content-Encoding} {@link ContentEncodingGuard} took off.
 */
public class CharsetFilter implements Filter {
    private static final Pattern CHARSET = Pattern.compile(";\\s*charset\\s*=\\s*\"?([^\";]*)\"?");

    private final JsonErrorWriter errors;

    public CharsetFilter(JsonErrorWriter errors) {
        this.errors = errors;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getAttribute(ContentEncodingGuard.MALFORMED) != null) {
            errors.write(
                    (HttpServletResponse) response,
                    400,
                    ErrorBody.of(
                            "Bad Request",
                            "The Content-Encoding header is not a list of encodings",
                            "MALFORMED_CONTENT_ENCODING"));
            return;
        }
        String type = ((HttpServletRequest) request).getHeader("Content-Type");
        if (type != null) {
            Matcher charset = CHARSET.matcher(type.toLowerCase(Locale.ROOT));
            if (charset.find() && !isSupported(charset.group(1).trim())) {
                errors.write(
                        (HttpServletResponse) response,
                        415,
                        ErrorBody.of(
                                "Unsupported media type",
                                "The Content-Type names a character set this server does not know; send UTF-8",
                                "UNSUPPORTED_CHARSET"));
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean isSupported(String name) {
        try {
            return !name.isEmpty() && Charset.isSupported(name);
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }
}
