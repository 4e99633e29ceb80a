package io.viberglass.platform.dispatch.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodDNSConfigBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.viberglass.common.security.SecretValue;
import io.viberglass.platform.dispatch.Dispatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Kubernetes objects of one run: a Secret with the callback token and the job's credentials, and a Job whose pod
 * gets the credentials as files in a memory-backed directory the worker empties before its agent starts. The Secret
 * itself is mounted only into the init container that copies it, the service account token is never mounted, and the
 * pod runs as the image's unprivileged user with every capability dropped.
 */
final class WorkerJobs {
    static final String CONTAINER = "worker";
    static final String TOKEN_KEY = "callback-token";
    static final String SECRETS_DIR = "/run/secrets";
    static final String SOURCE_DIR = "/run/viberglass/secret-source";
    static final String WORK_DIR = "/tmp/viberator-work";
    static final String EXECUTION_LABEL = "viberglass.io/execution";
    static final long USER_ID = 10001;
    /** The resolver of a worker behind its egress proxy: the pod's own loopback, where nothing listens. */
    static final String NON_ANSWERING_RESOLVER = "127.0.0.1";

    private WorkerJobs() {}

    static Map<String, String> labels(String name, Dispatch dispatch) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (dispatch.egress().restricted()) {
            labels.put(EgressResources.EGRESS_LABEL, "restricted");
        }
        labels.put("app.kubernetes.io/name", "viberator");
        labels.put("app.kubernetes.io/managed-by", "viberglass");
        labels.put(EXECUTION_LABEL, name);
        labels.put("viberglass.io/job-id", dispatch.job().id().toString());
        labels.put("viberglass.io/clanker", dispatch.clanker().slug());
        labels.put("viberglass.io/agent", dispatch.clanker().agent().wire());
        return labels;
    }

    static Secret secret(String name, Placement placement, Dispatch dispatch) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(TOKEN_KEY, dispatch.invocation().callbackToken());
        for (Map.Entry<String, SecretValue> credential : dispatch.credentials().entrySet()) {
            data.put(credential.getKey(), credential.getValue().reveal());
        }
        return new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(placement.namespace())
                .withLabels(labels(name, dispatch))
                .endMetadata()
                .withType("Opaque")
                .withImmutable(true)
                .withStringData(data)
                .build();
    }

    /** @param proxyUrl the run's egress proxy by address ({@link EgressResources#proxyUrl}); empty on an open run */
    static Job job(
            String name,
            Placement placement,
            Dispatch dispatch,
            String platformUrl,
            Optional<String> proxyUrl,
            long deadlineSeconds,
            int ttlSeconds,
            List<String> imagePullSecrets,
            Map<String, String> nodeSelector) {
        Map<String, String> labels = labels(name, dispatch);
        boolean hasCredentials = !dispatch.credentials().isEmpty();
        List<Volume> volumes = new ArrayList<>(List.of(
                new VolumeBuilder()
                        .withName("work")
                        .withNewEmptyDir()
                        .endEmptyDir()
                        .build(),
                new VolumeBuilder()
                        .withName("secrets")
                        .withNewEmptyDir()
                        .withMedium("Memory")
                        .withSizeLimit(new Quantity("1Mi"))
                        .endEmptyDir()
                        .build()));
        List<Container> initContainers = new ArrayList<>();
        if (hasCredentials) {
            List<KeyToPath> items = dispatch.credentials().keySet().stream()
                    .map(key -> new KeyToPath(key, 0400, key))
                    .toList();
            volumes.add(new VolumeBuilder()
                    .withName("secret-source")
                    .withNewSecret()
                    .withSecretName(name)
                    .withItems(items)
                    .withDefaultMode(0400)
                    .endSecret()
                    .build());
            initContainers.add(new ContainerBuilder()
                    .withName("secrets")
                    .withImage(placement.image())
                    .withCommand(
                            "sh",
                            "-c",
                            "for f in " + SOURCE_DIR + "/*; do [ -f \"$f\" ] && cp \"$f\" " + SECRETS_DIR
                                    + "/; done; chmod 0400 " + SECRETS_DIR + "/* 2>/dev/null; true")
                    .withSecurityContext(restricted())
                    .withResources(new ResourceRequirementsBuilder()
                            .withRequests(Map.of("cpu", new Quantity("10m"), "memory", new Quantity("16Mi")))
                            .withLimits(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("64Mi")))
                            .build())
                    .withVolumeMounts(mount("secret-source", SOURCE_DIR, true), mount("secrets", SECRETS_DIR, false))
                    .build());
        }
        Container worker = new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(placement.image())
                .withEnv(environment(name, dispatch, platformUrl, proxyUrl))
                .withSecurityContext(restricted())
                .withResources(new ResourceRequirementsBuilder()
                        .withRequests(Map.of(
                                "cpu", new Quantity(placement.cpuRequest()),
                                "memory", new Quantity(placement.memoryRequest())))
                        .withLimits(Map.of(
                                "cpu", new Quantity(placement.cpuLimit()),
                                "memory", new Quantity(placement.memoryLimit())))
                        .build())
                .withVolumeMounts(mount("work", WORK_DIR, false), mount("secrets", SECRETS_DIR, false))
                .build();
        return new JobBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(placement.namespace())
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withBackoffLimit(0)
                .withActiveDeadlineSeconds(deadlineSeconds)
                .withTtlSecondsAfterFinished(ttlSeconds)
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withServiceAccountName(placement.serviceAccount())
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withNodeSelector(nodeSelector.isEmpty() ? null : nodeSelector)
                .withImagePullSecrets(
                        imagePullSecrets.stream().map(LocalObjectReference::new).toList())
                // SIGTERM lets the worker stop its agent and report a cancelled result
                .withTerminationGracePeriodSeconds(30L)
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withRunAsUser(USER_ID)
                .withRunAsGroup(USER_ID)
                .withFsGroup(USER_ID)
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .endSecurityContext()
                // behind a proxy the worker resolves nothing: a resolver on its own loopback, where nothing listens,
                // keeps a lookup from even leaving the pod (its policy blocks the cluster DNS as well)
                .withDnsPolicy(proxyUrl.isPresent() ? "None" : null)
                .withDnsConfig(
                        proxyUrl.isPresent()
                                ? new PodDNSConfigBuilder()
                                        .withNameservers(NON_ANSWERING_RESOLVER)
                                        .build()
                                : null)
                .withInitContainers(initContainers)
                .withContainers(worker)
                .withVolumes(volumes)
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /**
     * The worker's environment: where to call back, the callback token by reference to the Secret, and on a restricted
     * run the proxy.
     */
    private static List<EnvVar> environment(
            String name, Dispatch dispatch, String platformUrl, Optional<String> proxyUrl) {
        List<EnvVar> env = new ArrayList<>(List.of(
                new EnvVar("JOB_ID", dispatch.invocation().jobId(), null),
                new EnvVar("TENANT_ID", dispatch.invocation().tenantId(), null),
                new EnvVar("PLATFORM_API_URL", platformUrl, null),
                new EnvVar("WORK_DIR", WORK_DIR, null),
                new EnvVar("VIBERATOR_SECRETS_DIR", SECRETS_DIR, null),
                new EnvVarBuilder()
                        .withName("CALLBACK_TOKEN")
                        .withNewValueFrom()
                        .withNewSecretKeyRef(TOKEN_KEY, name, false)
                        .endValueFrom()
                        .build()));
        if (proxyUrl.isPresent()) {
            // everything, the platform included, goes through the run's egress proxy: nothing else is reachable
            for (String variable : List.of("HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy")) {
                env.add(new EnvVar(variable, proxyUrl.get(), null));
            }
            env.add(new EnvVar("NO_PROXY", "", null));
            env.add(new EnvVar("no_proxy", "", null));
        }
        return env;
    }

    private static SecurityContext restricted() {
        return new SecurityContextBuilder()
                .withAllowPrivilegeEscalation(false)
                .withPrivileged(false)
                .withNewCapabilities()
                .withDrop("ALL")
                .endCapabilities()
                .build();
    }

    private static VolumeMount mount(String volume, String path, boolean readOnly) {
        return new VolumeMountBuilder()
                .withName(volume)
                .withMountPath(path)
                .withReadOnly(readOnly)
                .build();
    }
}
