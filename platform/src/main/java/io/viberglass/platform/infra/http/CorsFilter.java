package io.viberglass.platform.infra.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cross-origin access for the configured origins only (the dashboard served by the platform itself is same-origin and
 * needs none). Credentials are allowed, so the origin is echoed, never {@code *}.
 */
public class CorsFilter implements Filter {
    static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
    static final String ALLOWED_HEADERS = "Content-Type, Authorization, X-Tenant-Id, X-CSRF-Token, X-Requested-With";

    private final List<Pattern> allowed;

    public CorsFilter(List<String> allowedOrigins) {
        this.allowed = allowedOrigins.stream().map(CorsFilter::toPattern).toList();
    }

    private static Pattern toPattern(String origin) {
        StringBuilder regex = new StringBuilder();
        for (String part : origin.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append("[^/]*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    boolean isAllowed(String origin) {
        return origin != null
                && allowed.stream().anyMatch(pattern -> pattern.matcher(origin).matches());
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        HttpServletResponse out = (HttpServletResponse) response;
        String origin = http.getHeader("Origin");
        if (isAllowed(origin)) {
            out.setHeader("Access-Control-Allow-Origin", origin);
            out.setHeader("Access-Control-Allow-Credentials", "true");
            out.addHeader("Vary", "Origin");
            if ("OPTIONS".equals(http.getMethod()) && http.getHeader("Access-Control-Request-Method") != null) {
                out.setHeader("Access-Control-Allow-Methods", ALLOWED_METHODS);
                out.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
                out.setHeader("Access-Control-Max-Age", "600");
                out.setStatus(204);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
