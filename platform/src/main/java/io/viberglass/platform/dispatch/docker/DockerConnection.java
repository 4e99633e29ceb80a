package io.viberglass.platform.dispatch.docker;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * The docker-java client, built at the first job that needs it: a platform that never runs a Docker worker loads
 * none of docker-java, and its start-up stays as fast as before.
 */
public final class DockerConnection implements Supplier<DockerClient>, AutoCloseable {
    private final DockerWorkerSettings settings;
    private DockerClient client;

    public DockerConnection(DockerWorkerSettings settings) {
        this.settings = settings;
    }

    @Override
    public synchronized DockerClient get() {
        if (client == null) {
            client = DockerClients.create(settings);
        }
        return client;
    }

    @Override
    public synchronized void close() throws IOException {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
