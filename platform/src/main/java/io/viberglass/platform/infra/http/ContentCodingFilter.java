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

/** Answers 400 in the error envelope to a request whose {@code Content-Encoding} {@link ContentCodingGuard} removed. */
public class ContentCodingFilter implements Filter {
    private final JsonErrorWriter errors;

    public ContentCodingFilter(JsonErrorWriter errors) {
        this.errors = errors;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (((HttpServletRequest) request).getHeader(ContentCodingGuard.MALFORMED) != null) {
            errors.write(
                    (HttpServletResponse) response,
                    400,
                    ErrorBody.of(
                            "Bad Request",
                            "The Content-Encoding header is malformed: content codings are tokens separated by commas",
                            "MALFORMED_CONTENT_ENCODING"));
            return;
        }
        chain.doFilter(request, response);
    }
}
