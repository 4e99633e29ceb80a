package io.viberglass.platform.dispatch.kubernetes;

import static io.viberglass.platform.dispatch.kubernetes.KubernetesFixtures.API_KEY;
import static io.viberglass.platform.dispatch.kubernetes.KubernetesFixtures.SCM_TOKEN;
import static io.viberglass.platform.dispatch.kubernetes.KubernetesFixtures.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.viberglass.platform.dispatch.Dispatch;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The invoker against fabric8's Kubernetes mock server in CRUD mode: what it creates, and that cancel removes it. */
@EnableKubernetesMockClient(crud = true, https = false, kubernetesClientBuilderCustomizer = NoClientRetries.class)
class KubernetesInvokerTest {
    KubernetesClient client;

    KubernetesInvoker invoker() {
        return new KubernetesInvoker(
                client, KubernetesFixtures.settings(), Clock.fixed(KubernetesFixtures.NOW, ZoneOffset.UTC));
    }

    @Test
    void invoke_createsOneJobPerRun_withTheJobsTimeLimitAsDeadline_aTtl_andNoRetries() throws Exception {
        Dispatch dispatch = KubernetesFixtures.dispatch();

        String executionId = invoker().invoke(dispatch);

        String name = KubernetesInvoker.name(dispatch);
        assertThat(executionId).isEqualTo("workers/" + name);
        assertThat(name).startsWith("viberator-0b5f7c9e-").hasSizeLessThanOrEqualTo(57);
        Job job =
                client.batch().v1().jobs().inNamespace("workers").withName(name).get();
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(1800 + 120);
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(3600);
        assertThat(job.getMetadata().getLabels())
                .containsEntry("viberglass.io/job-id", dispatch.job().id().toString())
                .containsEntry("viberglass.io/agent", "codex")
                .containsEntry(WorkerJobs.EXECUTION_LABEL, name);
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        Container worker = pod.getContainers().get(0);
        assertThat(worker.getImage()).isEqualTo("registry.example.com/viberglass/worker-codex:1.4.0");
        assertThat(worker.getResources().getLimits())
                .containsEntry("cpu", new Quantity("2"))
                .containsEntry("memory", new Quantity("4Gi"));
        assertThat(env(worker))
                .containsEntry("JOB_ID", dispatch.job().id().toString())
                .containsEntry("TENANT_ID", "tenant-1")
                .containsEntry("PLATFORM_API_URL", "https://viberglass.example.com")
                .containsEntry("VIBERATOR_SECRETS_DIR", "/run/secrets");
        assertThat(worker.getEnv())
                .filteredOn(variable -> variable.getName().equals("CALLBACK_TOKEN"))
                .singleElement()
                .satisfies(variable -> {
                    assertThat(variable.getValue()).isNull();
                    assertThat(variable.getValueFrom().getSecretKeyRef().getName())
                            .isEqualTo(name);
                    assertThat(variable.getValueFrom().getSecretKeyRef().getKey())
                            .isEqualTo("callback-token");
                });
    }

    @Test
    void secrets_liveOnlyInTheRunsSecret_ownedByTheJob_andNeverInTheJobSpec() throws Exception {
        Dispatch dispatch = KubernetesFixtures.dispatch();
        invoker().invoke(dispatch);
        String name = KubernetesInvoker.name(dispatch);

        Job job =
                client.batch().v1().jobs().inNamespace("workers").withName(name).get();
        String spec = Serialization.asJson(job);
        assertThat(spec).doesNotContain(TOKEN).doesNotContain(API_KEY).doesNotContain(SCM_TOKEN);

        Secret secret = client.secrets().inNamespace("workers").withName(name).get();
        assertThat(decoded(secret))
                .containsEntry("callback-token", TOKEN)
                .containsEntry("OPENAI_API_KEY", API_KEY)
                .containsEntry("GITHUB_TOKEN", SCM_TOKEN);
        assertThat(secret.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getKind()).isEqualTo("Job");
            assertThat(owner.getName()).isEqualTo(name);
            assertThat(owner.getUid()).isEqualTo(job.getMetadata().getUid());
        });
    }

    @Test
    void credentials_reachOnlyTheInitContainer_whichCopiesThemIntoMemoryForTheWorkerToConsume() throws Exception {
        Dispatch dispatch = KubernetesFixtures.dispatch();
        invoker().invoke(dispatch);

        PodSpec pod = client.batch()
                .v1()
                .jobs()
                .inNamespace("workers")
                .withName(KubernetesInvoker.name(dispatch))
                .get()
                .getSpec()
                .getTemplate()
                .getSpec();
        Volume source = volume(pod, "secret-source");
        assertThat(source.getSecret().getItems())
                .extracting(item -> item.getKey())
                .containsExactlyInAnyOrder("OPENAI_API_KEY", "GITHUB_TOKEN");
        assertThat(volume(pod, "secrets").getEmptyDir().getMedium()).isEqualTo("Memory");
        Container copy = pod.getInitContainers().get(0);
        assertThat(mounts(copy)).containsEntry("secret-source", "/run/viberglass/secret-source");
        assertThat(mounts(pod.getContainers().get(0)))
                .containsEntry("secrets", "/run/secrets")
                .doesNotContainKey("secret-source");
    }

    @Test
    void pods_runUnprivileged_withoutAServiceAccountToken() throws Exception {
        Dispatch dispatch = KubernetesFixtures.dispatch();
        invoker().invoke(dispatch);

        PodSpec pod = client.batch()
                .v1()
                .jobs()
                .inNamespace("workers")
                .withName(KubernetesInvoker.name(dispatch))
                .get()
                .getSpec()
                .getTemplate()
                .getSpec();
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        for (Container container :
                List.of(pod.getInitContainers().get(0), pod.getContainers().get(0))) {
            assertThat(container.getSecurityContext().getAllowPrivilegeEscalation())
                    .isFalse();
            assertThat(container.getSecurityContext().getCapabilities().getDrop())
                    .containsExactly("ALL");
        }
    }

    @Test
    void aClankersDeploymentConfig_overridesImageNamespaceAndResources() throws Exception {
        Dispatch dispatch = KubernetesFixtures.dispatch(
                KubernetesFixtures.clanker(Map.of(
                        "image", "registry.example.com/custom-codex:2.0.0",
                        "namespace", "team-a",
                        "memoryLimit", "8Gi")),
                Map.of());

        String executionId = invoker().invoke(dispatch);

        assertThat(executionId).startsWith("team-a/");
        Job job = client.batch()
                .v1()
                .jobs()
                .inNamespace("team-a")
                .withName(KubernetesInvoker.name(dispatch))
                .get();
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getContainers().get(0).getImage()).isEqualTo("registry.example.com/custom-codex:2.0.0");
        assertThat(pod.getContainers().get(0).getResources().getLimits()).containsEntry("memory", new Quantity("8Gi"));
        // no credentials: no secret volume and no copying init container
        assertThat(pod.getInitContainers()).isEmpty();
        assertThat(pod.getVolumes()).extracting(Volume::getName).doesNotContain("secret-source");
    }

    @Test
    void anInClusterPlatformUrl_replacesThePublicOne() throws Exception {
        var settings = KubernetesFixtures.settings();
        settings.setPlatformUrl("http://viberglass-platform.viberglass.svc:8080");
        Dispatch dispatch = KubernetesFixtures.dispatch();

        new KubernetesInvoker(client, settings, Clock.systemUTC()).invoke(dispatch);

        Container worker = client.batch()
                .v1()
                .jobs()
                .inNamespace("workers")
                .withName(KubernetesInvoker.name(dispatch))
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
        assertThat(env(worker)).containsEntry("PLATFORM_API_URL", "http://viberglass-platform.viberglass.svc:8080");
    }

    @Test
    void cancel_deletesTheJobAndItsSecret_andIsQuietWhenTheyAreGone() throws Exception {
        Dispatch dispatch = KubernetesFixtures.dispatch();
        KubernetesInvoker invoker = invoker();
        String executionId = invoker.invoke(dispatch);
        String name = KubernetesInvoker.name(dispatch);

        invoker.cancel(dispatch.clanker(), executionId);

        assertThat(client.batch()
                        .v1()
                        .jobs()
                        .inNamespace("workers")
                        .withName(name)
                        .get())
                .isNull();
        assertThat(client.secrets().inNamespace("workers").withName(name).get()).isNull();
        invoker.cancel(dispatch.clanker(), executionId);
    }

    static Map<String, String> env(Container container) {
        Map<String, String> env = new java.util.HashMap<>();
        container.getEnv().stream()
                .filter(variable -> variable.getValue() != null)
                .forEach(variable -> env.put(variable.getName(), variable.getValue()));
        return env;
    }

    static Map<String, String> mounts(Container container) {
        Map<String, String> mounts = new java.util.HashMap<>();
        for (VolumeMount mount : container.getVolumeMounts()) {
            mounts.put(mount.getName(), mount.getMountPath());
        }
        return mounts;
    }

    static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream()
                .filter(volume -> volume.getName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /** A Secret's values, whether the server kept them as stringData or encoded them into data. */
    static Map<String, String> decoded(Secret secret) {
        Map<String, String> values = new java.util.HashMap<>();
        if (secret.getStringData() != null) {
            values.putAll(secret.getStringData());
        }
        if (secret.getData() != null) {
            secret.getData()
                    .forEach((key, value) ->
                            values.put(key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
        }
        return values;
    }
}
