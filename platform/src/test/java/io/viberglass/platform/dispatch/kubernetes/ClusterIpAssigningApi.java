package io.viberglass.platform.dispatch.kubernetes;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;

/**
 * fabric8's CRUD mock API server, plus the one thing a real API server does that the invoker relies on: a Service
 * created without {@code clusterIP} gets one allocated, in the object stored and in the answer to the create. A test
 * can switch that off to stand for a headless Service or an API that gives none.
 */
final class ClusterIpAssigningApi implements AutoCloseable {
    private final Dispatcher dispatcher = new Dispatcher();
    private final KubernetesMockServer server =
            new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);

    ClusterIpAssigningApi(String clusterIp) {
        dispatcher.clusterIp = clusterIp;
        server.init();
    }

    KubernetesClient client() {
        return server.createClient(new NoClientRetries());
    }

    /** Services created from now on keep whatever {@code clusterIP} they were sent with (none, from the invoker). */
    void allocateNoClusterIp() {
        dispatcher.clusterIp = null;
    }

    @Override
    public void close() {
        server.destroy();
    }

    private static final class Dispatcher extends KubernetesCrudDispatcher {
        volatile String clusterIp;

        @Override
        public MockResponse handleCreate(RecordedRequest request) {
            String path = request.getPath().replaceAll("\\?.*", "");
            if (clusterIp == null || !path.matches("/api/v1/namespaces/[^/]+/services")) {
                return super.handleCreate(request);
            }
            Service service = Serialization.unmarshal(request.getUtf8Body(), Service.class);
            if (service.getSpec().getClusterIP() == null) {
                service.getSpec().setClusterIP(clusterIp);
                service.getSpec().setClusterIPs(List.of(clusterIp));
            }
            byte[] body = Serialization.asJson(service).getBytes(StandardCharsets.UTF_8);
            return super.handleCreate(new RecordedRequest(
                    request.getHttpVersion(),
                    request.method(),
                    request.getPath(),
                    request.getHeaders(),
                    new Buffer(body)));
        }
    }
}
