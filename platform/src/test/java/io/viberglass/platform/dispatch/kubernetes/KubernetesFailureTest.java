package io.viberglass.platform.dispatch.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.viberglass.common.job.FailureCode;
import io.viberglass.platform.dispatch.Dispatch;
import io.viberglass.platform.dispatch.ExecutionEnd;
import io.viberglass.platform.dispatch.InvocationException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** How the invoker reads failed pods and Jobs, and how it answers the API's refusals. */
class KubernetesFailureTest {

    @Nested
    @EnableKubernetesMockClient(crud = true, https = false, kubernetesClientBuilderCustomizer = NoClientRetries.class)
    class FailedWorkers {
        KubernetesClient client;
        KubernetesInvoker invoker;
        Dispatch dispatch;
        String executionId;
        String name;

        @BeforeEach
        void startAWorker() throws Exception {
            invoker = new KubernetesInvoker(
                    client, KubernetesFixtures.settings(), Clock.fixed(KubernetesFixtures.NOW, ZoneOffset.UTC));
            dispatch = KubernetesFixtures.dispatch();
            executionId = invoker.invoke(dispatch);
            name = KubernetesInvoker.name(dispatch);
        }

        Optional<ExecutionEnd> failure() {
            return Optional.ofNullable(invoker.ended(dispatch.clanker(), java.util.List.of(executionId))
                    .get(executionId));
        }

        /** A worker pod of this run, as the Job controller would create it, with the given status. */
        void pod(String suffix, io.fabric8.kubernetes.api.model.PodStatus status) {
            Pod pod = new PodBuilder()
                    .withNewMetadata()
                    .withName(name + "-" + suffix)
                    .withNamespace("workers")
                    .addToLabels(WorkerJobs.EXECUTION_LABEL, name)
                    .addToLabels("job-name", name)
                    .endMetadata()
                    .withNewSpec()
                    .addNewContainer()
                    .withName("worker")
                    .withImage("registry.example.com/viberglass/worker-codex:1.4.0")
                    .endContainer()
                    .endSpec()
                    .withStatus(status)
                    .build();
            client.pods().inNamespace("workers").resource(pod).create();
        }

        void jobCondition(String type, String reason, String message) {
            Job job = client.batch()
                    .v1()
                    .jobs()
                    .inNamespace("workers")
                    .withName(name)
                    .get();
            job.setStatus(new JobStatusBuilder()
                    .addToConditions(new JobConditionBuilder()
                            .withType(type)
                            .withStatus("True")
                            .withReason(reason)
                            .withMessage(message)
                            .build())
                    .build());
            client.batch().v1().jobs().inNamespace("workers").resource(job).updateStatus();
        }

        @Test
        void aRunningWorker_isNoFailure() {
            pod(
                    "run01",
                    new io.fabric8.kubernetes.api.model.PodStatusBuilder()
                            .withPhase("Running")
                            .addToContainerStatuses(new ContainerStatusBuilder()
                                    .withName("worker")
                                    .withNewState()
                                    .withNewRunning()
                                    .withStartedAt("2026-05-01T09:59:00Z")
                                    .endRunning()
                                    .endState()
                                    .build())
                            .build());

            assertThat(failure()).isEmpty();
        }

        @Test
        void anImageThatCannotBePulled_isAFailedInvocation() {
            pod(
                    "pull1",
                    new io.fabric8.kubernetes.api.model.PodStatusBuilder()
                            .withPhase("Pending")
                            .addToContainerStatuses(new ContainerStatusBuilder()
                                    .withName("worker")
                                    .withImage("registry.example.com/viberglass/worker-codex:1.4.0")
                                    .withNewState()
                                    .withNewWaiting()
                                    .withReason("ImagePullBackOff")
                                    .withMessage("Back-off pulling image: 401 unauthorized")
                                    .endWaiting()
                                    .endState()
                                    .build())
                            .build());
            Job job = client.batch()
                    .v1()
                    .jobs()
                    .inNamespace("workers")
                    .withName(name)
                    .get();
            job.setStatus(new JobStatusBuilder().withActive(1).build());
            client.batch().v1().jobs().inNamespace("workers").resource(job).updateStatus();

            assertThat(failure()).hasValueSatisfying(failure -> {
                assertThat(failure.code()).isEqualTo(FailureCode.INVOCATION_FAILED);
                assertThat(failure.message()).contains("worker-codex:1.4.0").contains("ImagePullBackOff");
            });
            // a pod that waits for an image would sit until its deadline: the Job and its Secret are removed
            assertThat(client.batch()
                            .v1()
                            .jobs()
                            .inNamespace("workers")
                            .withName(name)
                            .get())
                    .isNull();
            assertThat(client.secrets().inNamespace("workers").withName(name).get())
                    .isNull();
        }

        @Test
        void aMissingSecretOrBadContainerConfig_isAConfigurationFailure() {
            pod(
                    "conf1",
                    new io.fabric8.kubernetes.api.model.PodStatusBuilder()
                            .withPhase("Pending")
                            .addToContainerStatuses(new ContainerStatusBuilder()
                                    .withName("worker")
                                    .withNewState()
                                    .withNewWaiting()
                                    .withReason("CreateContainerConfigError")
                                    .withMessage("secret \"x\" not found")
                                    .endWaiting()
                                    .endState()
                                    .build())
                            .build());

            assertThat(failure()).map(ExecutionEnd::code).hasValue(FailureCode.CONFIG_INVALID);
        }

        @Test
        void anOutOfMemoryKill_isAFailedRun_thatSaysSo() {
            pod(
                    "oom01",
                    new io.fabric8.kubernetes.api.model.PodStatusBuilder()
                            .withPhase("Failed")
                            .addToContainerStatuses(new ContainerStatusBuilder()
                                    .withName("worker")
                                    .withNewState()
                                    .withNewTerminated()
                                    .withReason("OOMKilled")
                                    .withExitCode(137)
                                    .endTerminated()
                                    .endState()
                                    .build())
                            .build());
            jobCondition("Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit");

            assertThat(failure()).hasValueSatisfying(failure -> {
                assertThat(failure.code()).isEqualTo(FailureCode.RUN_FAILED);
                assertThat(failure.message()).contains("ran out of memory");
            });
        }

        @Test
        void theJobsDeadline_isTheAgentsTimeLimit() {
            pod(
                    "dead1",
                    new io.fabric8.kubernetes.api.model.PodStatusBuilder()
                            .withPhase("Failed")
                            .addToContainerStatuses(new ContainerStatusBuilder()
                                    .withName("worker")
                                    .withNewState()
                                    .withNewTerminated()
                                    .withReason("Error")
                                    .withExitCode(143)
                                    .endTerminated()
                                    .endState()
                                    .build())
                            .build());
            jobCondition("Failed", "DeadlineExceeded", "Job was active longer than specified deadline");

            assertThat(failure()).hasValueSatisfying(failure -> {
                assertThat(failure.code()).isEqualTo(FailureCode.AGENT_TIMEOUT);
                assertThat(failure.message()).contains("1920 s");
            });
        }

        @Test
        void anEvictedPod_isAFailedRun() {
            pod(
                    "evic1",
                    new io.fabric8.kubernetes.api.model.PodStatusBuilder()
                            .withPhase("Failed")
                            .withReason("Evicted")
                            .withMessage("The node was low on resource: ephemeral-storage.")
                            .build());

            assertThat(failure()).hasValueSatisfying(failure -> {
                assertThat(failure.code()).isEqualTo(FailureCode.RUN_FAILED);
                assertThat(failure.message()).contains("evicted").contains("ephemeral-storage");
            });
        }

        @Test
        void aPodThatCannotBeScheduled_meansNoRunner_onlyAfterTheGracePeriod() {
            pod(
                    "sched",
                    new io.fabric8.kubernetes.api.model.PodStatusBuilder()
                            .withPhase("Pending")
                            .addToConditions(new PodConditionBuilder()
                                    .withType("PodScheduled")
                                    .withStatus("False")
                                    .withReason("Unschedulable")
                                    .withMessage("0/3 nodes are available: 3 Insufficient memory.")
                                    .withLastTransitionTime("2026-05-01T09:55:00Z")
                                    .build())
                            .build());
            assertThat(failure()).isEmpty();

            KubernetesInvoker later = new KubernetesInvoker(
                    client,
                    KubernetesFixtures.settings(),
                    Clock.fixed(KubernetesFixtures.NOW.plusSeconds(6 * 60), ZoneOffset.UTC));
            assertThat(later.end(executionId)).hasValueSatisfying(failure -> {
                assertThat(failure.code()).isEqualTo(FailureCode.AGENT_RUNNER_UNAVAILABLE);
                assertThat(failure.message()).contains("Insufficient memory");
            });
        }

        @Test
        void aWorkerThatExitedWithoutAResult_orAJobThatVanished_isAFailedRun() {
            jobCondition("Complete", null, null);
            assertThat(failure()).hasValueSatisfying(failure -> assertThat(failure.message())
                    .contains("without reporting a result"));

            invoker.cancel(dispatch.clanker(), executionId);
            assertThat(failure()).hasValueSatisfying(failure -> {
                assertThat(failure.code()).isEqualTo(FailureCode.RUN_FAILED);
                assertThat(failure.message()).contains("no longer exists");
            });
        }
    }

    @Nested
    @EnableKubernetesMockClient(https = false, kubernetesClientBuilderCustomizer = NoClientRetries.class)
    class RefusedInvocations {
        KubernetesMockServer server;
        KubernetesClient client;

        KubernetesInvoker invoker() {
            return new KubernetesInvoker(client, KubernetesFixtures.settings(), Clock.systemUTC());
        }

        @Test
        void aForbiddenRequest_failsTheInvocationForGood_namingTheNamespace() {
            server.expect()
                    .post()
                    .withPath("/api/v1/namespaces/workers/secrets")
                    .andReturn(
                            403,
                            new io.fabric8.kubernetes.api.model.StatusBuilder()
                                    .withCode(403)
                                    .withMessage(
                                            "secrets is forbidden: User \"system:serviceaccount:viberglass:platform\" "
                                                    + "cannot create resource \"secrets\"")
                                    .build())
                    .once();

            assertThatThrownBy(() -> invoker().invoke(KubernetesFixtures.dispatch()))
                    .isInstanceOfSatisfying(InvocationException.class, e -> {
                        assertThat(e.isTransient()).isFalse();
                        assertThat(e.getMessage()).contains("namespace workers").contains("forbidden");
                    });
        }

        @Test
        void anOverloadedApiServer_isRetried_andTheSecretIsNotLeftBehind() throws Exception {
            server.expect()
                    .post()
                    .withPath("/api/v1/namespaces/workers/secrets")
                    .andReturn(
                            201,
                            new io.fabric8.kubernetes.api.model.SecretBuilder()
                                    .withNewMetadata()
                                    .withName("x")
                                    .endMetadata()
                                    .build())
                    .once();
            server.expect()
                    .post()
                    .withPath("/apis/batch/v1/namespaces/workers/jobs")
                    .andReturn(503, "overloaded")
                    .always();
            server.expect()
                    .delete()
                    .withPath("/api/v1/namespaces/workers/secrets/"
                            + KubernetesInvoker.name(KubernetesFixtures.dispatch()))
                    .andReturn(
                            200,
                            new io.fabric8.kubernetes.api.model.StatusBuilder()
                                    .withStatus("Success")
                                    .build())
                    .once();

            assertThatThrownBy(() -> invoker().invoke(KubernetesFixtures.dispatch()))
                    .isInstanceOfSatisfying(InvocationException.class, e -> assertThat(e.isTransient())
                            .isTrue());
            assertThat(server.getLastRequest().getMethod()).isEqualTo("DELETE");
        }
    }
}
