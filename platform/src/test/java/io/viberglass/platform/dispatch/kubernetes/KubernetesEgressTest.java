package io.viberglass.platform.dispatch.kubernetes;

import static io.viberglass.platform.dispatch.kubernetes.KubernetesFixtures.API_KEY;
import static io.viberglass.platform.dispatch.kubernetes.KubernetesFixtures.SCM_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.viberglass.platform.dispatch.Dispatch;
import io.viberglass.platform.dispatch.EgressPlan;
import io.viberglass.platform.dispatch.InvocationException;
import io.viberglass.platform.egress.EgressMode;
import io.viberglass.platform.egress.EgressPolicy;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A restricted run on Kubernetes: its proxy pod, Service and NetworkPolicies, against fabric8's CRUD mock server that
 * allocates cluster IPs as an API server does.
 */
class KubernetesEgressTest {
    static final String CLUSTER_IP = "10.96.41.7";

    ClusterIpAssigningApi api;
    KubernetesClient client;

    @BeforeEach
    void startApi() {
        api = new ClusterIpAssigningApi(CLUSTER_IP);
        client = api.client();
    }

    @AfterEach
    void stopApi() {
        client.close();
        api.close();
    }

    KubernetesInvoker invoker() {
        return new KubernetesInvoker(
                client, KubernetesFixtures.settings(), Clock.fixed(KubernetesFixtures.NOW, ZoneOffset.UTC));
    }

    static Dispatch restricted(EgressMode mode, List<String> hosts) {
        Dispatch open = KubernetesFixtures.dispatch();
        EgressPlan plan = EgressPlan.of(
                new EgressPolicy(open.clanker().id(), mode, hosts, null),
                open.job().payload().repository());
        return new Dispatch(
                open.job(), open.clanker(), open.invocation(), open.credentials(), open.ssmParameters(), plan);
    }

    NetworkPolicy policy(String name) {
        return client.network()
                .v1()
                .networkPolicies()
                .inNamespace("workers")
                .withName(name)
                .get();
    }

    @Test
    void theWorkerPodMayReachOnlyItsOwnProxyAndNotTheClusterDns() throws Exception {
        Dispatch dispatch = restricted(EgressMode.NONE, List.of());
        invoker().invoke(dispatch);
        String name = KubernetesInvoker.name(dispatch);

        NetworkPolicy worker = policy(name);
        assertThat(worker.getSpec().getPodSelector().getMatchLabels())
                .containsExactly(Map.entry(WorkerJobs.EXECUTION_LABEL, name));
        assertThat(worker.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
        assertThat(worker.getSpec().getIngress()).isEmpty();
        List<NetworkPolicyEgressRule> rules = worker.getSpec().getEgress();
        assertThat(rules).singleElement().satisfies(rule -> {
            assertThat(rule.getTo()).singleElement().satisfies(peer -> {
                assertThat(peer.getNamespaceSelector()).isNull();
                assertThat(peer.getPodSelector().getMatchLabels())
                        .containsOnly(
                                Map.entry(EgressResources.PROXY_FOR_LABEL, name),
                                Map.entry(EgressResources.ROLE_LABEL, "egress-proxy"));
            });
            assertThat(rule.getPorts())
                    .extracting(
                            port -> port.getProtocol() + "/" + port.getPort().getIntVal())
                    .containsExactly("TCP/3128");
        });
        assertThat(Serialization.asJson(worker)).doesNotContain("kube-dns").doesNotContain("kube-system");

        NetworkPolicy proxy = policy(name + "-proxy");
        assertThat(proxy.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
        assertThat(proxy.getSpec().getEgress()).singleElement().satisfies(rule -> {
            assertThat(rule.getTo()).isEmpty(); // the proxy goes anywhere: it holds the run to its hosts by name
            assertThat(rule.getPorts()).isEmpty();
        });
        assertThat(proxy.getSpec()
                        .getIngress()
                        .get(0)
                        .getFrom()
                        .get(0)
                        .getPodSelector()
                        .getMatchLabels())
                .containsExactly(Map.entry(WorkerJobs.EXECUTION_LABEL, name));
    }

    @Test
    void theProxyPodRunsEgressProxyWithThePlatformTheScmAndTheListedHostsAndHoldsNoCredential() throws Exception {
        Dispatch dispatch = restricted(EgressMode.ALLOWLIST, List.of("*.npmjs.org"));
        invoker().invoke(dispatch);
        String name = KubernetesInvoker.name(dispatch);

        Pod pod = client.pods().inNamespace("workers").withName(name + "-proxy").get();
        Container proxy = pod.getSpec().getContainers().get(0);
        assertThat(proxy.getImage()).isEqualTo("registry.example.com/viberglass/worker-codex:1.4.0");
        assertThat(proxy.getArgs()).startsWith("egress-proxy", "--listen", "0.0.0.0:3128", "--allow");
        assertThat(proxy.getArgs().get(4).split(","))
                .startsWith("viberglass.example.com:443")
                .contains("*.npmjs.org");
        assertThat(proxy.getArgs()).endsWith("--report-to-job");
        assertThat(pod.getMetadata().getLabels()).doesNotContainKey(WorkerJobs.EXECUTION_LABEL);
        assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();
        String podJson = Serialization.asJson(pod);
        assertThat(podJson).doesNotContain(API_KEY).doesNotContain(SCM_TOKEN);
        assertThat(proxy.getEnv())
                .filteredOn(variable -> variable.getName().equals("CALLBACK_TOKEN"))
                .singleElement()
                .satisfies(variable -> assertThat(
                                variable.getValueFrom().getSecretKeyRef().getKey())
                        .isEqualTo(WorkerJobs.TOKEN_KEY));

        Service service = client.services()
                .inNamespace("workers")
                .withName(name + "-proxy")
                .get();
        assertThat(service.getSpec().getSelector()).containsEntry(EgressResources.PROXY_FOR_LABEL, name);
        assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(3128);

        Job job =
                client.batch().v1().jobs().inNamespace("workers").withName(name).get();
        // keeps the namespace's shared worker policy (deploy/kubernetes/network-policies.yaml) off the worker
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("viberglass.io/egress", "restricted");
        Container worker = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        // the proxy by the cluster IP the API server gave its Service: the worker resolves no name
        assertThat(KubernetesInvokerTest.env(worker))
                .containsEntry("HTTPS_PROXY", "http://" + CLUSTER_IP + ":3128")
                .containsEntry("HTTP_PROXY", "http://" + CLUSTER_IP + ":3128")
                .containsEntry("https_proxy", "http://" + CLUSTER_IP + ":3128")
                .containsEntry("http_proxy", "http://" + CLUSTER_IP + ":3128")
                .containsEntry("NO_PROXY", "");
        assertThat(job.getSpec().getTemplate().getSpec().getDnsPolicy()).isEqualTo("None");
        assertThat(job.getSpec().getTemplate().getSpec().getDnsConfig().getNameservers())
                .containsExactly("127.0.0.1");
        for (HasMetadata owned : List.of(pod, service, policy(name), policy(name + "-proxy"))) {
            assertThat(owned.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
                assertThat(owner.getKind()).isEqualTo("Job");
                assertThat(owner.getName()).isEqualTo(name);
            });
        }
    }

    @Test
    void anOpenRunHasNoProxyAndNoPolicy() throws Exception {
        Dispatch dispatch = KubernetesFixtures.dispatch();
        invoker().invoke(dispatch);
        String name = KubernetesInvoker.name(dispatch);

        assertThat(policy(name)).isNull();
        assertThat(client.pods()
                        .inNamespace("workers")
                        .withName(name + "-proxy")
                        .get())
                .isNull();
        Container worker = client.batch()
                .v1()
                .jobs()
                .inNamespace("workers")
                .withName(name)
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
        assertThat(KubernetesInvokerTest.env(worker)).doesNotContainKey("HTTPS_PROXY");
        assertThat(client.batch()
                        .v1()
                        .jobs()
                        .inNamespace("workers")
                        .withName(name)
                        .get()
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getDnsPolicy())
                .isNull();
    }

    @Test
    void aProxyServiceWithoutAClusterIpFailsTheRunAndLeavesNothingBehind() {
        api.allocateNoClusterIp();
        Dispatch dispatch = restricted(EgressMode.NONE, List.of());
        String name = KubernetesInvoker.name(dispatch);

        assertThatThrownBy(() -> invoker().invoke(dispatch))
                .isInstanceOfSatisfying(InvocationException.class, e -> assertThat(e.isTransient())
                        .isFalse())
                .hasMessageContaining("egress proxy Service workers/" + name + "-proxy")
                .hasMessageContaining("without a cluster IP");

        assertThat(client.batch()
                        .v1()
                        .jobs()
                        .inNamespace("workers")
                        .withName(name)
                        .get())
                .isNull();
        assertThat(client.pods()
                        .inNamespace("workers")
                        .withName(name + "-proxy")
                        .get())
                .isNull(); // never created: the Service comes before the proxy pod
        assertThat(client.services()
                        .inNamespace("workers")
                        .withName(name + "-proxy")
                        .get())
                .isNull();
        assertThat(policy(name)).isNull();
        assertThat(policy(name + "-proxy")).isNull();
        assertThat(client.secrets().inNamespace("workers").withName(name).get()).isNull();
    }

    @Test
    void aHeadlessProxyServiceHasNoAddressToGiveTheWorker() {
        Service headless = new ServiceBuilder()
                .withNewSpec()
                .withClusterIP("None")
                .endSpec()
                .build();

        assertThat(EgressResources.clusterIp(headless)).isEmpty();
        assertThat(EgressResources.proxyUrl("fd00:10:96::a")).isEqualTo("http://[fd00:10:96::a]:3128");
    }

    @Test
    void cancelRemovesTheProxyItsServiceAndBothPolicies() throws Exception {
        Dispatch dispatch = restricted(EgressMode.NONE, List.of());
        KubernetesInvoker invoker = invoker();
        String executionId = invoker.invoke(dispatch);
        String name = KubernetesInvoker.name(dispatch);

        invoker.cancel(dispatch.clanker(), executionId);

        assertThat(client.pods()
                        .inNamespace("workers")
                        .withName(name + "-proxy")
                        .get())
                .isNull();
        assertThat(client.services()
                        .inNamespace("workers")
                        .withName(name + "-proxy")
                        .get())
                .isNull();
        assertThat(policy(name)).isNull();
        assertThat(policy(name + "-proxy")).isNull();
    }
}
