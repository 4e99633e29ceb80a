package io.viberglass.viberator.egress;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.client.HttpClient;
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
 *
 * <p>The proxy resolves the destinations' names, not its clients: a worker addressing it by IP needs no DNS at all
 * (the platform gives a restricted worker none), since its clients send the name in the {@code CONNECT} line or the
 * absolute URL.
 */
public final class EgressProxy implements AutoCloseable {
    /** Told about each refused destination: never a path, query or credential, which the proxy does not look at. */
    @FunctionalInterface
    public interface BlockedListener {
        void blocked(String host, int port);
    }

    /**
     * Jetty's 30 s defaults would cut a model response that pauses while the model thinks, or a tunnel between two
     * steps of a long clone; a run's own deadline bounds it instead.
     */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);

    /** Turns an allowed destination's name into the address the proxy connects to. */
    @FunctionalInterface
    public interface Resolver {
        /** The system's resolver, as the proxy uses in a run. */
        Resolver SYSTEM = InetSocketAddress::new;

        /** @return the address to connect to; unresolved when the name has none */
        InetSocketAddress resolve(String host, int port);
    }

    private final Server server;
    private final ServerConnector connector;

    public EgressProxy(InetSocketAddress listen, EgressAllowList allowList, BlockedListener listener) {
        this(listen, allowList, listener, Resolver.SYSTEM);
    }

    public EgressProxy(
            InetSocketAddress listen, EgressAllowList allowList, BlockedListener listener, Resolver resolver) {
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost(listen.getHostString());
        connector.setPort(listen.getPort());
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        server.addConnector(connector);
        ProxyHandler.Forward forward = new ProxyHandler.Forward() {
            @Override
            protected HttpClient newHttpClient() {
                HttpClient client = super.newHttpClient();
                client.setIdleTimeout(IDLE_TIMEOUT.toMillis());
                client.setSocketAddressResolver((host, port, context, promise) -> {
                    InetSocketAddress address = resolver.resolve(host, port);
                    if (address.isUnresolved()) {
                        promise.failed(new UnknownHostException(host));
                    } else {
                        promise.succeeded(List.of(address));
                    }
                });
                return client;
            }
        };
        AllowListConnect connect =
                new AllowListConnect(new PlainHttpGate(forward, allowList, listener), allowList, listener, resolver);
        connect.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        server.setHandler(connect);
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
        private final Resolver resolver;

        AllowListConnect(Handler next, EgressAllowList allowList, BlockedListener listener, Resolver resolver) {
            super(next);
            this.allowList = allowList;
            this.listener = listener;
            this.resolver = resolver;
        }

        @Override
        protected InetSocketAddress newConnectAddress(String host, int port) {
            return resolver.resolve(host, port);
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
