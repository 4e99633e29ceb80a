package io.viberglass.platform.dispatch.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.time.Duration;

/**
 * Builds the docker-java client. Nothing connects until the first job, so a platform without an engine starts fine;
 * TLS settings come from the usual {@code DOCKER_TLS_VERIFY} / {@code DOCKER_CERT_PATH} variables.
 */
public final class DockerClients {
    private DockerClients() {}

    public static DockerClient create(DockerWorkerSettings settings) {
        DefaultDockerClientConfig.Builder builder =
                DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(settings.getHost());
        if (settings.getApiVersion() != null) {
            builder.withApiVersion(settings.getApiVersion());
        }
        DefaultDockerClientConfig config = builder.build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(50)
                .connectionTimeout(Duration.ofSeconds(10))
                // pulls stream for minutes; stop waits for the container's grace period
                .responseTimeout(Duration.ofMinutes(15))
                .build();
        return DockerClientImpl.getInstance(config, http);
    }
}
