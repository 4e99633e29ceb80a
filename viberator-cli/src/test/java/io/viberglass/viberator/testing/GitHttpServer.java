package io.viberglass.viberator.testing;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;

/**
 * A smart-HTTP git server (JGit's {@link GitServlet} in Jetty 12) serving the bare repositories under a directory,
 * guarded by HTTP basic auth whose password must be the token. Optionally refuses every push, like a protected branch.
 */
public final class GitHttpServer implements AutoCloseable {
    private final Server server;
    private final String token;

    public GitHttpServer(Path repositories, String token, boolean rejectPushes) throws Exception {
        this.token = token;
        GitServlet git = new GitServlet();
        git.setRepositoryResolver((request, name) -> {
            try {
                Repository repository = GitFixtures.open(repositories.resolve(name));
                return repository;
            } catch (IOException e) {
                throw new RepositoryNotFoundException(name, e);
            }
        });
        git.setReceivePackFactory((request, repository) -> {
            ReceivePack pack = new ReceivePack(repository);
            if (rejectPushes) {
                pack.setPreReceiveHook((rp, commands) -> commands.forEach(command ->
                        command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "branch is protected")));
            }
            return pack;
        });
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addFilter(
                new FilterHolder(new TokenFilter()), "/*", EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(git), "/*");
        server = new Server(0);
        server.setHandler(context);
        server.start();
    }

    /** {@code http://127.0.0.1:<port>/<name>} */
    public String url(String name) {
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        return "http://127.0.0.1:" + port + "/" + name;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private final class TokenFilter implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            String header = ((HttpServletRequest) request).getHeader("Authorization");
            if (header != null && header.startsWith("Basic ")) {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
                if (decoded.substring(decoded.indexOf(':') + 1).equals(token)) {
                    chain.doFilter(request, response);
                    return;
                }
            }
            HttpServletResponse http = (HttpServletResponse) response;
            http.setHeader("WWW-Authenticate", "Basic realm=\"git\"");
            http.sendError(401);
        }
    }
}
