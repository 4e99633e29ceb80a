package io.viberglass.platform.infra.http;

import io.viberglass.platform.infra.errors.ErrorBody;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;

/**
 * Bounds every request body: a declared Content-Length over the limit is refused at once with 413, and a body without
 * one (chunked) is counted as it is read and fails with {@link BodyTooLargeException} past the limit. Multipart uploads
 * get their own, larger limit.
 */
public class BodySizeLimitFilter implements Filter {
    private final long maxBodyBytes;
    private final long maxUploadBytes;
    private final JsonErrorWriter errors;

    public BodySizeLimitFilter(long maxBodyBytes, long maxUploadBytes, JsonErrorWriter errors) {
        this.maxBodyBytes = maxBodyBytes;
        this.maxUploadBytes = maxUploadBytes;
        this.errors = errors;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        // model requests carry whole conversations (and images): the model proxy gets the upload limit
        long limit = isMultipart(http) || http.getRequestURI().startsWith("/api/llm/") ? maxUploadBytes : maxBodyBytes;
        long declared = http.getContentLengthLong();
        if (declared > limit) {
            errors.write(
                    (HttpServletResponse) response,
                    413,
                    ErrorBody.of(
                            "Payload too large",
                            "Request body of " + declared + " bytes exceeds the limit of " + limit + " bytes",
                            "BODY_TOO_LARGE"));
            return;
        }
        chain.doFilter(declared >= 0 ? request : new LimitedRequest(http, limit), response);
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public synchronized ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream delegate;
        private final long limit;
        private long count;

        CountingStream(ServletInputStream delegate, long limit) {
            this.delegate = delegate;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int value = delegate.read();
            if (value >= 0) {
                add(1);
            }
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = delegate.read(buffer, offset, length);
            if (read > 0) {
                add(read);
            }
            return read;
        }

        private void add(int bytes) throws BodyTooLargeException {
            count += bytes;
            if (count > limit) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
