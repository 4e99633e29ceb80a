package io.viberglass.viberator.cli;

import io.viberglass.common.job.SecretBundle;
import io.viberglass.common.job.WorkerInvocation;
import io.viberglass.common.json.Json;
import io.viberglass.common.security.SecretFiles;
import io.viberglass.common.security.SecretValue;
import io.viberglass.viberator.payload.BootstrapClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Docker worker's start: trades the one-time bundle token for its callback token and credentials, and writes the
 * credentials as 0600 files into its secrets directory (the container's tmpfs), where they are read and deleted like
 * every other worker's secret files. The callback token stays in memory.
 */
final class SecretBundleFetch {
    private final BootstrapClient client;

    SecretBundleFetch(BootstrapClient client) {
        this.client = client;
    }

    /** @return the callback token */
    String fetchInto(Path secretsDir, String url, String jobId, String tenant, String bundleToken)
            throws BootstrapClient.BootstrapException, IOException {
        String json = client.fetchSecretBundle(new WorkerInvocation(jobId, url, tenant, bundleToken));
        SecretBundle bundle = Json.newMapper().readValue(json, SecretBundle.class);
        if (!bundle.secrets().isEmpty()) {
            // an egress proxy's bundle holds its callback token only: nothing to write, no directory needed
            Map<String, SecretValue> values = new LinkedHashMap<>();
            bundle.secrets().forEach((name, value) -> values.put(name, SecretValue.of(value)));
            SecretFiles.writeInto(secretsDir, values);
        }
        return bundle.callbackToken();
    }
}
