package io.viberglass.platform.dispatch.kubernetes;

import static io.viberglass.platform.dispatch.kubernetes.KubernetesFixtures.API_KEY;
import static io.viberglass.platform.dispatch.kubernetes.KubernetesFixtures.SCM_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.viberglass.platform.dispatch.Dispatch;
import io.viberglass.platform.dispatch.EgressPlan;
import io.viberglass.platform.egress.EgressMode;
import io.viberglass.platform.egress.EgressPolicy;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A restricted run on Kubernetes: its proxy pod, Service and NetworkPolicies, against fabric8's CRUD mock server. */
@EnableKubernetesMockClient(crud = true, https = false, kubernetesClientBuilderCustomizer = NoClientRetries.class)
class KubernetesEgressTest {
    KubernetesClient client;

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
    void theWorkerPodMayReachOnlyTheClusterDnsAndItsOwnProxy() throws Exception {
        Dispatch dispatch = restricted(EgressMode.NONE, List.of());
        invoker().invoke(dispatch);
        String name = KubernetesInvoker.name(dispatch);

        NetworkPolicy worker = policy(name);
        assertThat(worker.getSpec().getPodSelector().getMatchLabels())
                .containsExactly(Map.entry(WorkerJobs.EXECUTION_LABEL, name));
        assertThat(worker.getSpec().getPolicyTypes()).containsExactly("Egress");
        List<NetworkPolicyEgressRule> rules = worker.getSpec().getEgress();
        assertThat(rules).hasSize(2);
        assertThat(rules.get(0).getTo().get(0).getPodSelector().getMatchLabels())
                .containsEntry("k8s-app", "kube-dns");
        assertThat(rules.get(0).getTo().get(0).getNamespaceSelector().getMatchLabels())
                .containsEntry("kubernetes.io/metadata.name", "kube-system");
        assertThat(rules.get(0).getPorts())
                .extracting(port -> port.getProtocol() + "/" + port.getPort().getIntVal())
                .containsExactly("UDP/53", "TCP/53");
        assertThat(rules.get(1).getTo().get(0).getPodSelector().getMatchLabels())
                .containsEntry(EgressResources.PROXY_FOR_LABEL, name)
                .containsEntry(EgressResources.ROLE_LABEL, "egress-proxy");
        assertThat(rules.get(1).getPorts().get(0).getPort()).isEqualTo(new IntOrString(3128));

        NetworkPolicy proxy = policy(name + "-proxy");
        assertThat(proxy.getSpec().getPolicyTypes()).containsExactly("Ingress");
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
        Container worker = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(KubernetesInvokerTest.env(worker))
                .containsEntry("HTTPS_PROXY", "http://" + name + "-proxy:3128")
                .containsEntry("HTTP_PROXY", "http://" + name + "-proxy:3128")
                .containsEntry("NO_PROXY", "");
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
