package io.viberglass.viberator.egress;

import java.net.InetSocketAddress;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ConnectHandler;
import org.eclipse.jetty.util.Callback;

/**
 * An HTTP forward proxy that lets a worker reach only the hosts of its allow-list: {@code CONNECT host:port} tunnels
 * (HTTPS, and anything else a client tunnels) through Jetty's {@link ConnectHandler}, and absolute-form plain HTTP
 * requests through Jetty's {@link ProxyHandler.Forward}. Both check the destination as Jetty parsed it (the same value
 * they then connect to), so a Host header or userinfo cannot point the check one way and the connection another.
 * Refused destinations get 403 and are reported to the {@link BlockedListener}, by host and port only.
 */
public final class EgressProxy implements AutoCloseable {
    /** Told about each refused destination: never a path, query or credential, which the proxy does not look at. */
    @FunctionalInterface
    public interface BlockedListener {
        void blocked(String host, int port);
    }

    private final Server server;
    private final ServerConnector connector;

    public EgressProxy(InetSocketAddress listen, EgressAllowList allowList, BlockedListener listener) {
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost(listen.getHostString());
        connector.setPort(listen.getPort());
        server.addConnector(connector);
        ProxyHandler.Forward forward = new ProxyHandler.Forward();
        server.setHandler(new AllowListConnect(new PlainHttpGate(forward, allowList, listener), allowList, listener));
    }

    public EgressProxy start() throws Exception {
        server.start();
        return this;
    }

    /** The port it listens on (the real one when asked for port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** CONNECT tunnels, to allowed destinations only. */
    private static final class AllowListConnect extends ConnectHandler {
        private final EgressAllowList allowList;
        private final BlockedListener listener;

        AllowListConnect(Handler next, EgressAllowList allowList, BlockedListener listener) {
            super(next);
            this.allowList = allowList;
            this.listener = listener;
        }

        @Override
        public boolean validateDestination(String host, int port) {
            if (allowList.allows(host, port)) {
                return true;
            }
            listener.blocked(host, port);
            return false;
        }
    }

    /** Plain HTTP requests, forwarded to allowed destinations only; anything not in absolute form is no proxy use. */
    private static final class PlainHttpGate extends Handler.Wrapper {
        private final EgressAllowList allowList;
        private final BlockedListener listener;

        PlainHttpGate(Handler next, EgressAllowList allowList, BlockedListener listener) {
            super(next);
            this.allowList = allowList;
            this.listener = listener;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            HttpURI uri = request.getHttpURI();
            String scheme = uri.getScheme();
            int port = uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(scheme) ? 443 : 80;
            if (uri.getHost() == null || !"http".equalsIgnoreCase(scheme)) {
                Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400, "Not a proxy request");
                return true;
            }
            if (uri.getUser() != null || !allowList.allows(uri.getHost(), port)) {
                listener.blocked(uri.getHost(), port);
                Response.writeError(request, response, callback, HttpStatus.FORBIDDEN_403, "Egress not allowed");
                return true;
            }
            return super.handle(request, response, callback);
        }
    }
}
