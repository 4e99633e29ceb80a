package io.viberglass.platform.dispatch.kubernetes;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
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
import java.util.Optional;

/**
 * The objects that hold a restricted run to its egress policy. A NetworkPolicy is per pod, so the proxy cannot be a
 * sidecar in the worker's pod (it would share the worker's restrictions, or lend the worker its freedom): it runs as
 * a pod of its own ({@code viberator egress-proxy} from the worker's image) behind a Service, and the worker pod's
 * NetworkPolicy lets it reach that proxy's port and nothing else, not even the cluster DNS: the worker is given the
 * Service's cluster IP, and through a proxy its clients send {@code CONNECT host:port} and let the proxy resolve, so
 * a name the worker looks up cannot carry data out. The proxy's own policy admits only the worker. Each object is
 * named after the run and later owned by its Job, so deleting the Job (cancel, TTL) removes them.
 */
final class EgressResources {
    static final int PORT = 3128;
    static final String ROLE_LABEL = "viberglass.io/role";
    static final String PROXY_FOR_LABEL = "viberglass.io/egress-proxy-for";
    /** On a restricted run's worker pod: keeps the namespace's shared worker policy (which allows HTTPS) off it. */
    static final String EGRESS_LABEL = "viberglass.io/egress";

    private EgressResources() {}

    static String proxyName(String name) {
        return name + "-proxy";
    }

    /** The proxy by its Service's cluster IP, never by name: the worker may not reach the cluster DNS. */
    static String proxyUrl(String clusterIp) {
        return "http://" + (clusterIp.contains(":") ? "[" + clusterIp + "]" : clusterIp) + ":" + PORT;
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

    /** The policies, created first: nothing may run unrestricted for a moment. */
    static List<NetworkPolicy> policies(String name, Placement placement, Dispatch dispatch) {
        return List.of(workerPolicy(name, placement), proxyPolicy(name, placement, dispatch));
    }

    /**
     * The cluster IP the API server gave the proxy's Service when it created it; empty for a headless Service
     * ({@code None}) or one without an address.
     */
    static Optional<String> clusterIp(Service created) {
        String ip = created == null || created.getSpec() == null
                ? null
                : created.getSpec().getClusterIP();
        return Optional.ofNullable(ip).filter(value -> !value.isBlank() && !value.equals("None"));
    }

    /** The worker pod may reach its proxy's port, and nothing else (no DNS); nothing may reach it. */
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
                .withPolicyTypes("Ingress", "Egress")
                .withEgress(new NetworkPolicyEgressRuleBuilder()
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

    /** Only the run's worker may use its proxy; the proxy may reach any address. */
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
                .withPolicyTypes("Ingress", "Egress")
                // the proxy itself goes anywhere (the namespace's worker policy would hold it to HTTPS): it is the
                // proxy that holds the run to its hosts, by name, which a NetworkPolicy cannot
                .addNewEgress()
                .endEgress()
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
