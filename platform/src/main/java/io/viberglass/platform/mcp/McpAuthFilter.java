package io.viberglass.platform.mcp;

import io.viberglass.platform.auth.Actor;
import io.viberglass.platform.auth.ApiTokens;
import io.viberglass.platform.infra.errors.ErrorBody;
import io.viberglass.platform.infra.errors.ErrorKind;
import io.viberglass.platform.infra.http.JsonErrorWriter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * Authenticates every MCP request by a personal API token ({@code Authorization: Bearer vibe_…}) before the transport
 * sees it, and hands the actor to the tools through a request attribute. Sessions and cookies are not accepted: MCP
 * clients are scripts and agents, not browsers. With authentication off every caller is the local administrator.
 */
public class McpAuthFilter implements Filter {
    static final String ACTOR = "io.viberglass.mcp.actor";

    private final boolean authEnabled;
    private final ApiTokens tokens;
    private final JsonErrorWriter errors;

    public McpAuthFilter(boolean authEnabled, ApiTokens tokens, JsonErrorWriter errors) {
        this.authEnabled = authEnabled;
        this.tokens = tokens;
        this.errors = errors;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        Optional<Actor> actor =
                authEnabled ? bearer(http).flatMap(tokens::authenticate) : Optional.of(Actor.localAdmin());
        if (actor.isEmpty()) {
            HttpServletResponse reply = (HttpServletResponse) response;
            reply.setHeader("WWW-Authenticate", "Bearer realm=\"viberglass\"");
            errors.write(
                    reply,
                    ErrorKind.UNAUTHORIZED.status(),
                    ErrorBody.of(
                            ErrorKind.UNAUTHORIZED.label(),
                            "The MCP endpoint needs an API token: Authorization: Bearer vibe_…",
                            "API_TOKEN_REQUIRED"));
            return;
        }
        http.setAttribute(ACTOR, actor.get());
        chain.doFilter(request, response);
    }

    private static Optional<String> bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = header.substring(7).trim();
        return token.startsWith(ApiTokens.PREFIX) ? Optional.of(token) : Optional.empty();
    }
}
