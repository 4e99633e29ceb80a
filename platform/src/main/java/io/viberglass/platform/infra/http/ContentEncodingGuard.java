package io.viberglass.platform.infra.http;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.ContainerLifeCycle;
import org.eclipse.jetty.util.thread.ThreadPool;

/**
 * Jetty's gzip handler fails with a 500 on a {@code Content-Encoding} that is not a list of tokens (found by the fuzz
 * suite), and it runs before any filter of ours. This connector customizer sees the request first: it drops such a
 * header and marks the request, so {@link CharsetFilter} answers 400 in the JSON error envelope instead.
 */
final class ContentEncodingGuard implements HttpConfiguration.Customizer {
    static final String MALFORMED = "viberglass.malformedContentEncoding";
    private static final Pattern TOKENS =
            Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+(\\s*,\\s*[A-Za-z0-9!#$%&'*+.^_`|~-]+)*");

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        HttpFields headers = request.getHeaders();
        if (!headers.contains(HttpHeader.CONTENT_ENCODING)) {
            return request; // most requests: no list and stream to build
        }
        boolean malformed = headers.getFields(HttpHeader.CONTENT_ENCODING).stream()
                .anyMatch(field -> field.getValue() == null
                        || !TOKENS.matcher(field.getValue().strip()).matches());
        if (!malformed) {
            return request;
        }
        HttpFields cleaned =
                HttpFields.build(headers).remove(HttpHeader.CONTENT_ENCODING).asImmutable();
        request.setAttribute(MALFORMED, Boolean.TRUE);
        return new Request.Wrapper(request) {
            @Override
            public HttpFields getHeaders() {
                return cleaned;
            }
        };
    }

    /** Puts the guard on every application connector; must run before the server is built (in {@code run}). */
    static void install(ServerFactory serverFactory) {
        if (serverFactory instanceof DefaultServerFactory server) {
            server.setApplicationConnectors(server.getApplicationConnectors().stream()
                    .map(connector -> (ConnectorFactory) new Guarded(connector))
                    .toList());
        }
    }

    private record Guarded(ConnectorFactory inner) implements ConnectorFactory {
        @Override
        public Connector build(Server server, MetricRegistry metrics, String name, ThreadPool threadPool) {
            Connector connector = inner.build(server, metrics, name, threadPool);
            // the HTTP factory sits inside the metrics' instrumented factory, so it is looked up among the nested beans
            if (connector instanceof ContainerLifeCycle container) {
                container.getContainedBeans(HttpConnectionFactory.class).forEach(http -> http.getHttpConfiguration()
                        .addCustomizer(new ContentEncodingGuard()));
            }
            return connector;
        }
    }
}
