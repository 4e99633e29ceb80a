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
 * <p>Every agent is brokered (each speaks a wire format the proxy knows, see {@link ModelProvider}), on every runtime.
 * Local, Docker and Kubernetes workers receive the token under the key's credential name, as they would the key. ECS
 * and Lambda workers read their other secrets from SSM themselves; for them the key's SSM parameter is withheld and the
 * token is minted when the worker fetches its payload (authenticated by its callback token) and handed over in it, so
 * neither the key nor the token ever passes through an AWS control-plane request.
 */
public class ModelBroker implements CredentialBroker, WorkerPayload {
    static final String TOKEN_PREFIX = "vgllm_";
    /** Runtimes whose workers fetch their token with the payload rather than receive it from the invoker. */
    private static final Set<DeploymentStrategy> TOKEN_IN_PAYLOAD =
            Set.of(DeploymentStrategy.ECS, DeploymentStrategy.LAMBDA);

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
        ModelProvider provider = ModelProvider.of(clanker.agent());
        boolean hasKey = provider.keyNames().stream().anyMatch(resolved::containsKey);
        if (unbrokeredReason(clanker, controls).isPresent() || !hasKey) {
            // a grant of an earlier dispatch must not point this worker at the proxy
            jdbi.useExtension(ModelGrantDao.class, dao -> dao.revoke(job.id()));
            return resolved;
        }
        boolean inPayload = TOKEN_IN_PAYLOAD.contains(clanker.deploymentStrategy());
        // a worker fetching its token gets a fresh one then: until that fetch no token works
        String token = TOKEN_PREFIX + tokens.randomHex(32);
        Instant now = clock.instant();
        String base = platformUrl.endsWith("/") ? platformUrl.substring(0, platformUrl.length() - 1) : platformUrl;
        jdbi.useExtension(
                ModelGrantDao.class,
                dao -> dao.save(new ModelGrant(
                        job.id(),
                        Tokens.sha256Hex(token),
                        provider.wire(),
                        base + "/api/llm/" + job.id() + "/" + provider.wire(),
                        now.plusMillis(settings.getTokenTtl().toMilliseconds()),
                        now,
                        inPayload)));
        Map<String, SecretValue> exchanged = new LinkedHashMap<>(resolved);
        for (String name : provider.keyNames()) {
            if (exchanged.containsKey(name)) {
                if (inPayload) {
                    exchanged.remove(name); // nor its SSM parameter: the worker reads the token from its payload
                } else {
                    exchanged.put(name, SecretValue.of(token));
                }
            }
        }
        return exchanged;
    }

    /**
     * The stored payload, with the agent's endpoint set to the job's proxy when its key is brokered, and for ECS and
     * Lambda workers a token minted now, under the name of each key credential the job names.
     */
    @Override
    public JobPayload of(Handle handle, Job job) {
        JobPayload payload = job.payload();
        ModelGrantDao grants = handle.attach(ModelGrantDao.class);
        return grants.find(job.id())
                .map(grant -> withEndpoint(
                        payload, grant.proxyUrl(), grant.inPayload() ? handOver(grants, grant, payload) : Map.of()))
                .orElse(payload);
    }

    /** A fresh token replaces the grant's: a second fetch (a retried one) leaves only the newest working. */
    private Map<String, String> handOver(ModelGrantDao grants, ModelGrant grant, JobPayload payload) {
        String token = TOKEN_PREFIX + tokens.randomHex(32);
        grants.replaceToken(grant.jobId(), Tokens.sha256Hex(token));
        Map<String, String> handed = new LinkedHashMap<>();
        ModelProvider.fromWire(grant.provider()).ifPresent(provider -> {
            for (String name : provider.keyNames()) {
                if (payload.requiredCredentials().contains(name)) {
                    handed.put(name, token);
                }
            }
            if (handed.isEmpty()) {
                handed.put(provider.keyNames().get(0), token);
            }
        });
        return handed;
    }

    private static JobPayload withEndpoint(JobPayload payload, String endpoint, Map<String, String> credentials) {
        AgentSpec agent = payload.agent();
        // withAgent keeps the rest, a session turn included: without it the worker would run the turn as a one-shot job
        return payload.withAgent(new AgentSpec(agent.type(), agent.model(), endpoint, agent.options(), credentials));
    }
}
