package io.viberglass.platform.dispatch;

import io.viberglass.common.job.AgentSpec;
import io.viberglass.common.job.AgentType;
import io.viberglass.common.job.JobKind;
import io.viberglass.common.job.JobPayload;
import io.viberglass.common.job.JobStatus;
import io.viberglass.common.job.RepositorySpec;
import io.viberglass.common.job.WorkerInvocation;
import io.viberglass.common.security.SecretValue;
import io.viberglass.platform.clankers.Clanker;
import io.viberglass.platform.clankers.ClankerStatus;
import io.viberglass.platform.clankers.DeploymentStrategy;
import io.viberglass.platform.jobs.Job;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Dispatches as the dispatcher hands them to invokers, for invoker tests that need no database. */
public final class DispatchFixtures {
    public static final UUID JOB_ID = UUID.fromString("5f0c1a52-7a8e-4d3c-9a51-2b7c0e9d1f00");
    public static final UUID PROJECT_ID = UUID.fromString("0b6f2f7e-1c1d-4a7e-8c55-9f3b8a6c2d11");
    public static final UUID CLANKER_ID = UUID.fromString("c1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a5b");
    public static final String TOKEN = "a".repeat(32) + "b".repeat(32);
    public static final String TENANT = "tenant-1";

    private DispatchFixtures() {}

    public static Clanker clanker(DeploymentStrategy strategy, Map<String, Object> config) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        return new Clanker(
                CLANKER_ID,
                "Runner",
                "runner",
                null,
                AgentType.CLAUDE_CODE,
                Map.of(),
                strategy,
                config,
                null,
                ClankerStatus.ACTIVE,
                null,
                now,
                now);
    }

    public static Job job(List<String> requiredCredentials) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        JobPayload payload = new JobPayload(
                1,
                JOB_ID.toString(),
                JobKind.EXECUTION,
                TENANT,
                CLANKER_ID.toString(),
                null,
                AgentSpec.of(AgentType.CLAUDE_CODE),
                RepositorySpec.of("https://github.com/acme/shop.git", "main"),
                "task",
                null,
                null,
                null,
                requiredCredentials);
        return new Job(
                JOB_ID,
                JobKind.EXECUTION,
                JobStatus.QUEUED,
                PROJECT_ID,
                null,
                CLANKER_ID,
                TENANT,
                payload,
                1,
                null,
                null,
                now,
                "test",
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
                now,
                null,
                null,
                null,
                now);
    }

    public static Dispatch dispatch(
            DeploymentStrategy strategy, Map<String, Object> config, Map<String, SecretValue> credentials) {
        return dispatch(strategy, config, credentials, Map.of());
    }

    public static Dispatch dispatch(
            DeploymentStrategy strategy,
            Map<String, Object> config,
            Map<String, SecretValue> credentials,
            Map<String, String> ssmParameters) {
        return new Dispatch(
                job(List.copyOf(credentials.keySet())),
                clanker(strategy, config),
                new WorkerInvocation(JOB_ID.toString(), "http://localhost:8080", TENANT, TOKEN),
                credentials,
                ssmParameters);
    }
}
