package io.viberglass.platform.llm;

import io.viberglass.common.job.AgentSpec;
import io.viberglass.common.job.JobPayload;
import io.viberglass.common.security.SecretValue;
import io.viberglass.common.security.Tokens;
import io.viberglass.platform.clankers.Clanker;
import io.viberglass.platform.clankers.DeploymentStrategy;
import io.viberglass.platform.dispatch.CredentialBroker;
import io.viberglass.platform.jobs.Job;
import io.viberglass.platform.jobs.WorkerPayload;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The credential broker: at dispatch it swaps the clanker's real model key for a per-job proxy token (kept only as a
 * hash), and at payload fetch it points the agent at the proxy. The real key stays in the platform; the proxy adds it
 * to each forwarded request.
 *
 * <p>Brokered: agents whose wire format the proxy speaks (Claude Code, Codex) on runtimes that take credential values
 * from the platform (local, Docker, Kubernetes). ECS and Lambda workers read their secrets from SSM themselves, so
 * their key still goes to the worker directly; {@link #brokers} says so and the cost-controls API warns about it.
 */
public class ModelBroker implements CredentialBroker, WorkerPayload {
    static final String TOKEN_PREFIX = "vgllm_";
    private static final Set<DeploymentStrategy> BROKERED_RUNTIMES =
            Set.of(DeploymentStrategy.LOCAL, DeploymentStrategy.DOCKER, DeploymentStrategy.KUBERNETES);

    private final Jdbi jdbi;
    private final Clock clock;
    private final LlmSettings settings;
    private final Tokens tokens = new Tokens();

    public ModelBroker(Jdbi jdbi, Clock clock, LlmSettings settings) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.settings = settings;
    }

    /** Why the clanker's key would go to its workers directly, or empty when the broker keeps it. */
    public static Optional<String> unbrokeredReason(Clanker clanker, CostControls controls) {
        if (ModelProvider.of(clanker.agent()).isEmpty()) {
            return Optional.of("The model proxy does not speak "
                    + clanker.agent().wire() + "'s wire format: its model key is passed to the worker directly.");
        }
        if (!BROKERED_RUNTIMES.contains(clanker.deploymentStrategy())) {
            return Optional.of(clanker.deploymentStrategy().wire()
                    + " workers read their secrets from SSM themselves: the model key is passed to the worker "
                    + "directly.");
        }
        if (!controls.modelBroker()) {
            return Optional.of("The model broker is off for this clanker: the real model key is passed to the "
                    + "worker, where the agent (and anything it runs) can read it.");
        }
        return Optional.empty();
    }

    @Override
    public Map<String, SecretValue> exchange(
            Job job, Clanker clanker, String platformUrl, Map<String, SecretValue> resolved) {
        CostControls controls = jdbi.withExtension(CostControlsDao.class, dao -> dao.find(clanker.id()))
                .orElse(CostControls.defaults(clanker.id()));
        Optional<ModelProvider> provider = ModelProvider.of(clanker.agent());
        boolean hasKey =
                provider.isPresent() && provider.get().keyNames().stream().anyMatch(resolved::containsKey);
        if (brokers(clanker, controls).isEmpty() || !hasKey) {
            // a grant of an earlier dispatch must not point this worker at the proxy
            jdbi.useExtension(ModelGrantDao.class, dao -> dao.revoke(job.id()));
            return resolved;
        }
        String token = TOKEN_PREFIX + tokens.randomHex(32);
        Instant now = clock.instant();
        String base = platformUrl.endsWith("/") ? platformUrl.substring(0, platformUrl.length() - 1) : platformUrl;
        jdbi.useExtension(
                ModelGrantDao.class,
                dao -> dao.save(new ModelGrant(
                        job.id(),
                        Tokens.sha256Hex(token),
                        provider.get().wire(),
                        base + "/api/llm/" + job.id() + "/" + provider.get().wire(),
                        now.plusMillis(settings.getTokenTtl().toMilliseconds()),
                        now)));
        Map<String, SecretValue> exchanged = new LinkedHashMap<>(resolved);
        for (String name : provider.get().keyNames()) {
            if (exchanged.containsKey(name)) {
                exchanged.put(name, SecretValue.of(token));
            }
        }
        return exchanged;
    }

    private static Optional<ModelProvider> brokers(Clanker clanker, CostControls controls) {
        return unbrokeredReason(clanker, controls).isEmpty() ? ModelProvider.of(clanker.agent()) : Optional.empty();
    }

    /** The stored payload, with the agent's endpoint set to the job's proxy when its key is brokered. */
    @Override
    public JobPayload of(Handle handle, Job job) {
        JobPayload payload = job.payload();
        return handle.attach(ModelGrantDao.class)
                .find(job.id())
                .map(grant -> withEndpoint(payload, grant.proxyUrl()))
                .orElse(payload);
    }

    private static JobPayload withEndpoint(JobPayload payload, String endpoint) {
        AgentSpec agent = payload.agent();
        return new JobPayload(
                payload.version(),
                payload.jobId(),
                payload.kind(),
                payload.tenantId(),
                payload.clankerId(),
                payload.platformApiUrl(),
                new AgentSpec(agent.type(), agent.model(), endpoint, agent.options()),
                payload.repository(),
                payload.task(),
                payload.ticket(),
                payload.instructionFiles(),
                payload.settings(),
                payload.requiredCredentials(),
                // a session turn stays one: without it the worker would run the turn as a one-shot job
                payload.session());
    }
}
