package io.viberglass.platform.dispatch.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.function.Consumer;

/** Mock clients fail at once, as the platform's own client nearly does (the dispatcher owns retrying). */
public class NoClientRetries implements Consumer<KubernetesClientBuilder> {
    @Override
    public void accept(KubernetesClientBuilder builder) {
        builder.editOrNewConfig().withRequestRetryBackoffLimit(0).endConfig();
    }
}
