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
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Answers the paths that scanners probe ({@code /.env}, {@code /.git/config}, {@code /wp-admin}, backups …) with an
 * empty 404 before they reach the application or the web app's catch-all route.
 */
public class ProbeBlockerFilter implements Filter {
    private final JsonErrorWriter errors;

    public ProbeBlockerFilter(JsonErrorWriter errors) {
        this.errors = errors;
    }

    private static final Pattern PROBE = Pattern.compile("^/(?:"
            + "\\.(?!well-known/)[^/]*(?:/.*)?" // hidden files and directories: .env, .git/, .aws/ …
            + "|wp-[^/]*(?:/.*)?|wordpress(?:/.*)?|xmlrpc\\.php"
            + "|phpmyadmin(?:/.*)?|pma(?:/.*)?|myadmin(?:/.*)?|cgi-bin(?:/.*)?"
            + "|actuator(?:/.*)?|server-status|server-info|console(?:/.*)?|solr(?:/.*)?|jmx-console(?:/.*)?"
            + "|vendor/phpunit(?:/.*)?|boaform(?:/.*)?|hnap1(?:/.*)?"
            + "|[^/]*\\.(?:php|asp|aspx|jsp|cgi|sql|bak|old|swp|tar|tgz|gz|zip|rar|7z|db|sqlite|env|ini|log)"
            + ")$");

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = ((HttpServletRequest) request).getRequestURI().toLowerCase(Locale.ROOT);
        if (path.contains("..") || PROBE.matcher(path).matches()) {
            if (path.startsWith("/api/")) {
                // API clients get the envelope every API error has; scanners elsewhere get nothing to read
                errors.write(
                        (HttpServletResponse) response,
                        404,
                        ErrorBody.of("Not Found", "No such resource", "NOT_FOUND"));
                return;
            }
            ((HttpServletResponse) response).setStatus(404);
            response.setContentLength(0);
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean isProbe(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return lower.contains("..") || PROBE.matcher(lower).matches();
    }
}
