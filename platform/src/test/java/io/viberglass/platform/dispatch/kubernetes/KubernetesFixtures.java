package io.viberglass.platform.dispatch.kubernetes;

import io.viberglass.common.Fixtures;
import io.viberglass.common.job.AgentType;
import io.viberglass.common.job.JobKind;
import io.viberglass.common.job.JobPayload;
import io.viberglass.common.job.JobStatus;
import io.viberglass.common.job.WorkerInvocation;
import io.viberglass.common.security.SecretValue;
import io.viberglass.platform.clankers.Clanker;
import io.viberglass.platform.clankers.ClankerStatus;
import io.viberglass.platform.clankers.DeploymentStrategy;
import io.viberglass.platform.dispatch.Dispatch;
import io.viberglass.platform.dispatch.KubernetesWorkerSettings;
import io.viberglass.platform.jobs.Job;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A dispatch of the shared execution payload to a kubernetes clanker. */
final class KubernetesFixtures {
    static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
    static final String TOKEN = "a".repeat(64);
    static final String API_KEY = "sk-test-0123456789abcdef";
    static final String SCM_TOKEN = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";

    private KubernetesFixtures() {}

    static Clanker clanker(Map<String, Object> deploymentConfig) {
        return new Clanker(
                UUID.randomUUID(),
                "Codex on k8s",
                "codex-k8s",
                null,
                AgentType.CODEX,
                Map.of(),
                DeploymentStrategy.KUBERNETES,
                deploymentConfig,
                null,
                ClankerStatus.ACTIVE,
                null,
                NOW,
                NOW);
    }

    static Dispatch dispatch(Clanker clanker, Map<String, SecretValue> credentials) {
        JobPayload payload = Fixtures.read("job-payload-execution.json", JobPayload.class);
        UUID id = UUID.fromString("0b5f7c9e-3f1a-4a8e-9d62-1c2b3a4d5e6f");
        Job job = new Job(
                id,
                JobKind.EXECUTION,
                JobStatus.QUEUED,
                UUID.randomUUID(),
                UUID.randomUUID(),
                clanker.id(),
                "tenant-1",
                payload,
                1,
                null,
                null,
                NOW,
                "replica",
                null,
                0,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                NOW,
                null,
                null,
                null,
                NOW);
        return new Dispatch(
                job,
                clanker,
                new WorkerInvocation(id.toString(), "https://viberglass.example.com", "tenant-1", TOKEN),
                credentials);
    }

    static Dispatch dispatch() {
        return dispatch(
                clanker(Map.of()),
                Map.of("OPENAI_API_KEY", SecretValue.of(API_KEY), "GITHUB_TOKEN", SecretValue.of(SCM_TOKEN)));
    }

    static KubernetesWorkerSettings settings() {
        KubernetesWorkerSettings settings = new KubernetesWorkerSettings();
        settings.setEnabled(true);
        settings.setNamespace("workers");
        settings.setImageTemplate("registry.example.com/viberglass/worker-{agent}:1.4.0");
        return settings;
    }
}
