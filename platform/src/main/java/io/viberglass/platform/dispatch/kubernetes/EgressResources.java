package io.viberglass.platform.dispatch.kubernetes;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.viberglass.platform.dispatch.Dispatch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects that hold a restricted run to its egress policy. A NetworkPolicy is per pod, so the proxy cannot be a
 * sidecar in the worker's pod (it would share the worker's restrictions, or lend the worker its freedom): it runs as
 * a pod of its own ({@code viberator egress-proxy} from the worker's image) behind a Service, and the worker pod's
 * NetworkPolicy lets it reach only the cluster DNS and that proxy. The proxy's own policy admits only the worker.
 * Each object is named after the run and later owned by its Job, so deleting the Job (cancel, TTL) removes them.
 */
final class EgressResources {
    static final int PORT = 3128;
    static final String ROLE_LABEL = "viberglass.io/role";
    static final String PROXY_FOR_LABEL = "viberglass.io/egress-proxy-for";

    private EgressResources() {}

    static String proxyName(String name) {
        return name + "-proxy";
    }

    static String proxyUrl(String name) {
        return "http://" + proxyName(name) + ":" + PORT;
    }

    static Map<String, String> proxyLabels(String name, Dispatch dispatch) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "viberator-egress-proxy");
        labels.put("app.kubernetes.io/managed-by", "viberglass");
        labels.put(ROLE_LABEL, "egress-proxy");
        labels.put(PROXY_FOR_LABEL, name);
        labels.put("viberglass.io/job-id", dispatch.job().id().toString());
        return labels;
    }

    /** Everything to create before the Job, in order: nothing may run unrestricted for a moment. */
    static List<HasMetadata> objects(
            String name, Placement placement, Dispatch dispatch, String platformUrl, long deadlineSeconds) {
        return List.of(
                workerPolicy(name, placement),
                proxyPolicy(name, placement, dispatch),
                service(name, placement, dispatch),
                pod(name, placement, dispatch, platformUrl, deadlineSeconds));
    }

    /** The worker pod may reach the cluster DNS and its proxy, and nothing else. */
    static NetworkPolicy workerPolicy(String name, Placement placement) {
        return new NetworkPolicyBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(placement.namespace())
                .withLabels(Map.of("app.kubernetes.io/managed-by", "viberglass", PROXY_FOR_LABEL, name))
                .endMetadata()
                .withNewSpec()
                .withNewPodSelector()
                .withMatchLabels(Map.of(WorkerJobs.EXECUTION_LABEL, name))
                .endPodSelector()
                .withPolicyTypes("Egress")
                .withEgress(
                        new NetworkPolicyEgressRuleBuilder()
                                .withTo(new NetworkPolicyPeerBuilder()
                                        .withNewNamespaceSelector()
                                        .withMatchLabels(Map.of("kubernetes.io/metadata.name", "kube-system"))
                                        .endNamespaceSelector()
                                        .withNewPodSelector()
                                        .withMatchLabels(Map.of("k8s-app", "kube-dns"))
                                        .endPodSelector()
                                        .build())
                                .withPorts(port("UDP", 53), port("TCP", 53))
                                .build(),
                        new NetworkPolicyEgressRuleBuilder()
                                .withTo(new NetworkPolicyPeerBuilder()
                                        .withNewPodSelector()
                                        .withMatchLabels(Map.of(PROXY_FOR_LABEL, name, ROLE_LABEL, "egress-proxy"))
                                        .endPodSelector()
                                        .build())
                                .withPorts(port("TCP", PORT))
                                .build())
                .endSpec()
                .build();
    }

    /** Only the run's worker may use its proxy. */
    static NetworkPolicy proxyPolicy(String name, Placement placement, Dispatch dispatch) {
        return new NetworkPolicyBuilder()
                .withNewMetadata()
                .withName(proxyName(name))
                .withNamespace(placement.namespace())
                .withLabels(Map.of("app.kubernetes.io/managed-by", "viberglass", PROXY_FOR_LABEL, name))
                .endMetadata()
                .withNewSpec()
                .withNewPodSelector()
                .withMatchLabels(Map.of(PROXY_FOR_LABEL, name, ROLE_LABEL, "egress-proxy"))
                .endPodSelector()
                .withPolicyTypes("Ingress")
                .addNewIngress()
                .addNewFrom()
                .withNewPodSelector()
                .withMatchLabels(Map.of(WorkerJobs.EXECUTION_LABEL, name))
                .endPodSelector()
                .endFrom()
                .withPorts(port("TCP", PORT))
                .endIngress()
                .endSpec()
                .build();
    }

    static Service service(String name, Placement placement, Dispatch dispatch) {
        return new ServiceBuilder()
                .withNewMetadata()
                .withName(proxyName(name))
                .withNamespace(placement.namespace())
                .withLabels(proxyLabels(name, dispatch))
                .endMetadata()
                .withNewSpec()
                .withSelector(Map.of(PROXY_FOR_LABEL, name, ROLE_LABEL, "egress-proxy"))
                .addNewPort()
                .withName("proxy")
                .withProtocol("TCP")
                .withPort(PORT)
                .withTargetPort(new IntOrString(PORT))
                .endPort()
                .endSpec()
                .build();
    }

    /** The proxy: the worker's image running {@code egress-proxy}, with the callback token and no credential. */
    static Pod pod(String name, Placement placement, Dispatch dispatch, String platformUrl, long deadlineSeconds) {
        List<EnvVar> env = List.of(
                new EnvVar("JOB_ID", dispatch.invocation().jobId(), null),
                new EnvVar("TENANT_ID", dispatch.invocation().tenantId(), null),
                new EnvVar("PLATFORM_API_URL", platformUrl, null),
                new EnvVarBuilder()
                        .withName("CALLBACK_TOKEN")
                        .withNewValueFrom()
                        .withNewSecretKeyRef(WorkerJobs.TOKEN_KEY, name, false)
                        .endValueFrom()
                        .build());
        return new PodBuilder()
                .withNewMetadata()
                .withName(proxyName(name))
                .withNamespace(placement.namespace())
                .withLabels(proxyLabels(name, dispatch))
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Always")
                .withActiveDeadlineSeconds(deadlineSeconds)
                .withServiceAccountName(placement.serviceAccount())
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withRunAsUser(WorkerJobs.USER_ID)
                .withRunAsGroup(WorkerJobs.USER_ID)
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .endSecurityContext()
                .addNewContainer()
                .withName("egress-proxy")
                .withImage(placement.image())
                .withArgs(
                        "egress-proxy",
                        "--listen",
                        "0.0.0.0:" + PORT,
                        "--allow",
                        String.join(",", dispatch.egress().withPlatform(platformUrl)),
                        "--report-to-job")
                .withEnv(env)
                .addNewPort()
                .withName("proxy")
                .withContainerPort(PORT)
                .endPort()
                .withSecurityContext(new SecurityContextBuilder()
                        .withAllowPrivilegeEscalation(false)
                        .withPrivileged(false)
                        .withNewCapabilities()
                        .withDrop("ALL")
                        .endCapabilities()
                        .build())
                .withResources(new ResourceRequirementsBuilder()
                        .withRequests(Map.of("cpu", new Quantity("50m"), "memory", new Quantity("128Mi")))
                        .withLimits(Map.of("cpu", new Quantity("500m"), "memory", new Quantity("256Mi")))
                        .build())
                .endContainer()
                .endSpec()
                .build();
    }

    private static io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort port(String protocol, int port) {
        return new NetworkPolicyPortBuilder()
                .withProtocol(protocol)
                .withPort(new IntOrString(port))
                .build();
    }
}
