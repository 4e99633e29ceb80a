package io.viberglass.platform.dispatch.kubernetes;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.viberglass.common.security.Tokens;
import io.viberglass.platform.clankers.Clanker;
import io.viberglass.platform.clankers.DeploymentStrategy;
import io.viberglass.platform.dispatch.Dispatch;
import io.viberglass.platform.dispatch.ExecutionEnd;
import io.viberglass.platform.dispatch.InvocationException;
import io.viberglass.platform.dispatch.KubernetesWorkerSettings;
import io.viberglass.platform.dispatch.WorkerInvoker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each job as a Kubernetes Job: {@code backoffLimit: 0} (the platform decides about retries),
 * {@code activeDeadlineSeconds} from the job's time limit, a TTL after it finishes, and a per-run Secret owned by the
 * Job so that both go together. Cancelling deletes the Job; the sweeper asks {@link #ended} about pods that failed
 * where the worker could not report.
 */
public class KubernetesInvoker implements WorkerInvoker {
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesInvoker.class);

    private final KubernetesClient client;
    private final KubernetesWorkerSettings settings;
    private final Clock clock;

    public KubernetesInvoker(KubernetesClient client, KubernetesWorkerSettings settings, Clock clock) {
        this.client = client;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * A client for the cluster the platform runs in (its service account) or, outside a cluster, the kubeconfig of
     * the user running it. The dispatcher retries failed invocations with its own back-off, so the client gives up
     * early instead of holding a dispatch thread.
     */
    public static KubernetesClient client() {
        Config config = Config.autoConfigure(null);
        config.setRequestRetryBackoffLimit(1);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    @Override
    public DeploymentStrategy strategy() {
        return DeploymentStrategy.KUBERNETES;
    }

    /** {@code viberator-<job id>-<6 hex of this dispatch's token>}: unique per dispatch, within Kubernetes' limits. */
    static String name(Dispatch dispatch) {
        return "viberator-" + dispatch.job().id() + "-"
                + Tokens.sha256Hex(dispatch.invocation().callbackToken()).substring(0, 6);
    }

    @Override
    public String invoke(Dispatch dispatch) throws InvocationException {
        Placement placement = Placement.of(dispatch.clanker(), settings);
        String name = name(dispatch);
        String platformUrl =
                settings.getPlatformUrl() == null || settings.getPlatformUrl().isBlank()
                        ? dispatch.invocation().platformApiUrl()
                        : settings.getPlatformUrl();
        long deadline = dispatch.job().payload().settings().timeLimitSeconds()
                + settings.getDeadlineMargin().toSeconds();
        Secret secret = WorkerJobs.secret(name, placement, dispatch);
        try {
            client.secrets().inNamespace(placement.namespace()).resource(secret).create();
        } catch (KubernetesClientException e) {
            throw classify("create the worker's Secret", placement, e);
        }
        List<HasMetadata> egress = new ArrayList<>();
        Optional<String> proxyUrl = Optional.empty();
        if (dispatch.egress().restricted()) {
            proxyUrl = Optional.of(
                    EgressResources.proxyUrl(createEgress(name, placement, dispatch, platformUrl, deadline, egress)));
        }
        Job job = WorkerJobs.job(
                name,
                placement,
                dispatch,
                platformUrl,
                proxyUrl,
                deadline,
                settings.getTtlSecondsAfterFinished(),
                settings.getImagePullSecrets(),
                settings.getNodeSelector());
        Job created;
        try {
            created = client.batch()
                    .v1()
                    .jobs()
                    .inNamespace(placement.namespace())
                    .resource(job)
                    .create();
        } catch (KubernetesClientException e) {
            deleteRun(placement.namespace(), name);
            throw classify("create the worker Job", placement, e);
        }
        try {
            // the Secret now belongs to the Job: deleting the Job, or its TTL, removes the Secret too
            client.secrets().inNamespace(placement.namespace()).withName(name).edit(s -> {
                s.getMetadata().setOwnerReferences(List.of(owner(name, created)));
                return s;
            });
        } catch (KubernetesClientException e) {
            LOG.warn(
                    "Secret {}/{} has no owner; it is removed when the job is cancelled or by hand",
                    placement.namespace(),
                    name);
        }
        for (HasMetadata object : egress) {
            try {
                client.resource(object).edit(owned -> {
                    owned.getMetadata().setOwnerReferences(List.of(owner(name, created)));
                    return owned;
                });
            } catch (KubernetesClientException e) {
                LOG.warn("{} {} has no owner; it is removed when the job is cancelled", object.getKind(), name);
            }
        }
        return placement.namespace() + "/" + name;
    }

    /**
     * The policies, the proxy's Service and the proxy pod, in that order, each added to {@code created} as it is made;
     * returns the Service's cluster IP, which the worker gets as its proxy address. A Service without one (headless,
     * or an API that gave it none) fails the invocation: the worker may not reach the cluster DNS to find its proxy
     * by name.
     */
    private String createEgress(
            String name,
            Placement placement,
            Dispatch dispatch,
            String platformUrl,
            long deadline,
            List<HasMetadata> created)
            throws InvocationException {
        for (HasMetadata policy : EgressResources.policies(name, placement, dispatch)) {
            created.add(createEgressObject(name, placement, policy));
        }
        HasMetadata service = createEgressObject(name, placement, EgressResources.service(name, placement, dispatch));
        created.add(service);
        Optional<String> clusterIp = EgressResources.clusterIp(service instanceof Service s ? s : null);
        if (clusterIp.isEmpty()) {
            deleteRun(placement.namespace(), name);
            throw InvocationException.permanent(
                    "The egress proxy Service " + placement.namespace() + "/" + EgressResources.proxyName(name)
                            + " was created without a cluster IP (headless or not assigned); a restricted run's"
                            + " worker reaches its proxy by cluster IP only, having no DNS",
                    null);
        }
        created.add(createEgressObject(
                name, placement, EgressResources.pod(name, placement, dispatch, platformUrl, deadline)));
        return clusterIp.get();
    }

    /** Creates one egress object and returns it as the API server answered; on refusal, removes the run's objects. */
    private HasMetadata createEgressObject(String name, Placement placement, HasMetadata object)
            throws InvocationException {
        try {
            return client.resource(object).create();
        } catch (KubernetesClientException e) {
            deleteRun(placement.namespace(), name);
            throw classify(
                    "create the egress " + object.getKind() + " "
                            + object.getMetadata().getName(),
                    placement,
                    e);
        }
    }

    private static io.fabric8.kubernetes.api.model.OwnerReference owner(String name, Job created) {
        return new OwnerReferenceBuilder()
                .withApiVersion("batch/v1")
                .withKind("Job")
                .withName(name)
                .withUid(created.getMetadata().getUid())
                .withBlockOwnerDeletion(false)
                .build();
    }

    /** The Secret and the egress objects of a run, whichever exist; best effort. */
    private void deleteRun(String namespace, String name) {
        deleteSecret(namespace, name);
        String proxy = EgressResources.proxyName(name);
        try {
            client.pods().inNamespace(namespace).withName(proxy).delete();
            client.services().inNamespace(namespace).withName(proxy).delete();
            client.network()
                    .v1()
                    .networkPolicies()
                    .inNamespace(namespace)
                    .withName(proxy)
                    .delete();
            client.network()
                    .v1()
                    .networkPolicies()
                    .inNamespace(namespace)
                    .withName(name)
                    .delete();
        } catch (KubernetesClientException e) {
            LOG.warn("Could not delete the egress objects of {}/{}: {}", namespace, name, e.getMessage());
        }
    }

    @Override
    public void cancel(Clanker clanker, String executionId) {
        ExecutionId id = ExecutionId.parse(executionId);
        try {
            client.batch()
                    .v1()
                    .jobs()
                    .inNamespace(id.namespace())
                    .withName(id.name())
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND)
                    .delete();
        } catch (KubernetesClientException e) {
            LOG.warn("Could not delete worker Job {}: {}", executionId, e.getMessage());
        }
        deleteRun(id.namespace(), id.name());
    }

    @Override
    public Map<String, ExecutionEnd> ended(Clanker clanker, List<String> executionIds) {
        Map<String, ExecutionEnd> ended = new LinkedHashMap<>();
        for (String executionId : executionIds) {
            end(executionId).ifPresent(end -> ended.put(executionId, end));
        }
        return ended;
    }

    /** Why this execution's Job or pod failed where the worker could not report; empty while it runs. */
    Optional<ExecutionEnd> end(String executionId) {
        ExecutionId id = ExecutionId.parse(executionId);
        Job job = client.batch()
                .v1()
                .jobs()
                .inNamespace(id.namespace())
                .withName(id.name())
                .get();
        if (job == null) {
            return Optional.of(new ExecutionEnd(
                    io.viberglass.common.job.FailureCode.RUN_FAILED,
                    "The worker's Kubernetes Job " + executionId + " no longer exists"));
        }
        List<Pod> pods = client.pods()
                .inNamespace(id.namespace())
                .withLabel(WorkerJobs.EXECUTION_LABEL, id.name())
                .list()
                .getItems();
        Optional<ExecutionEnd> end = PodFailures.classify(
                job,
                pods,
                clock.instant(),
                Duration.ofMillis(settings.getUnschedulableGrace().toMilliseconds()));
        if (end.isPresent()
                && job.getStatus() != null
                && job.getStatus().getActive() != null
                && job.getStatus().getActive() > 0) {
            // a pod stuck before it runs (image, configuration, scheduling) would wait for its deadline: stop it now
            cancel(null, executionId);
        }
        return end;
    }

    private void deleteSecret(String namespace, String name) {
        try {
            client.secrets().inNamespace(namespace).withName(name).delete();
        } catch (KubernetesClientException e) {
            LOG.warn("Could not delete worker Secret {}/{}: {}", namespace, name, e.getMessage());
        }
    }

    /** Overload, throttling and lost connections pass; refusals (RBAC, a missing namespace, an invalid spec) do not. */
    private static InvocationException classify(String action, Placement placement, KubernetesClientException e) {
        int code = e.getCode();
        String message = "Could not " + action + " in namespace " + placement.namespace() + " (HTTP " + code + "): "
                + (e.getStatus() != null && e.getStatus().getMessage() != null
                        ? e.getStatus().getMessage()
                        : e.getMessage());
        boolean transientFailure = code == 0 || code == 429 || code >= 500;
        return transientFailure ? InvocationException.retryable(message, e) : InvocationException.permanent(message, e);
    }

    /** {@code namespace/name}, as {@link #invoke} returns it. */
    record ExecutionId(String namespace, String name) {
        static ExecutionId parse(String executionId) {
            int slash = executionId.indexOf('/');
            if (slash <= 0) {
                throw new IllegalArgumentException("not a Kubernetes execution id: " + executionId);
            }
            return new ExecutionId(executionId.substring(0, slash), executionId.substring(slash + 1));
        }
    }
}
