package io.viberglass.platform.dispatch;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.viberglass.platform.dispatch.docker.DockerWorkerSettings;
import io.viberglass.platform.dispatch.ecs.EcsWorkerSettings;
import io.viberglass.platform.dispatch.lambda.LambdaWorkerSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** How queued jobs become running workers, and when a silent one is given up. */
public class DispatchSettings {
    /** Off on replicas that should only serve the API. */
    private boolean enabled = true;

    /** Most jobs of one project running at once; the rest wait in FIFO order. */
    @Min(1)
    private int perProjectLimit = 10;

    /** Most jobs of one clanker running at once when the clanker sets no limit of its own. */
    @Min(1)
    private int defaultClankerLimit = 5;

    /** Attempts to start a worker before the job fails. */
    @Min(1)
    @Max(20)
    private int maxInvocationAttempts = 4;

    @NotNull
    private Duration retryBackoff = Duration.seconds(1);

    @NotNull
    private Duration maxRetryBackoff = Duration.seconds(30);

    /** Fallback poll when no notification arrives (notifications normally wake the dispatcher at once). */
    @NotNull
    private Duration pollInterval = Duration.seconds(2);

    /** Concurrent invoker calls (a slow cloud API must not hold up the queue). */
    @Min(1)
    private int invokerThreads = 8;

    /** A job that sent no progress for this long is failed as dead ({@code HEARTBEAT_TIMEOUT}). */
    @NotNull
    private Duration heartbeatGrace = Duration.minutes(5);

    /** Extra time past a job's own time limit before it is failed as an orphan. */
    @NotNull
    private Duration orphanMargin = Duration.minutes(10);

    /** A worker that has not fetched its payload this long after being invoked is presumed never to start. */
    @NotNull
    private Duration startTimeout = Duration.minutes(10);

    /** A claim that was never handed to an invoker (the instance died) is released after this. */
    @NotNull
    private Duration claimTimeout = Duration.minutes(2);

    /** How often the sweepers run (cluster-wide, once per interval). */
    @NotNull
    private Duration sweepInterval = Duration.seconds(60);

    /**
     * How long after dispatch the sweeper starts asking a runtime whether the worker still runs (ECS reports a fresh
     * task as missing for a moment).
     */
    @NotNull
    private Duration executionCheckDelay = Duration.minutes(1);

    @Valid
    @NotNull
    private LocalWorkerSettings local = new LocalWorkerSettings();

    @Valid
    @NotNull
    private DockerWorkerSettings docker = new DockerWorkerSettings();

    @Valid
    @NotNull
    private EcsWorkerSettings ecs = new EcsWorkerSettings();

    @Valid
    @NotNull
    private KubernetesWorkerSettings kubernetes = new KubernetesWorkerSettings();

    @Valid
    @NotNull
    private LambdaWorkerSettings lambda = new LambdaWorkerSettings();

    @JsonProperty
    public boolean isEnabled() {
        return enabled;
    }

    @JsonProperty
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @JsonProperty
    public int getPerProjectLimit() {
        return perProjectLimit;
    }

    @JsonProperty
    public void setPerProjectLimit(int perProjectLimit) {
        this.perProjectLimit = perProjectLimit;
    }

    @JsonProperty
    public int getDefaultClankerLimit() {
        return defaultClankerLimit;
    }

    @JsonProperty
    public void setDefaultClankerLimit(int defaultClankerLimit) {
        this.defaultClankerLimit = defaultClankerLimit;
    }

    @JsonProperty
    public int getMaxInvocationAttempts() {
        return maxInvocationAttempts;
    }

    @JsonProperty
    public void setMaxInvocationAttempts(int maxInvocationAttempts) {
        this.maxInvocationAttempts = maxInvocationAttempts;
    }

    @JsonProperty
    public Duration getRetryBackoff() {
        return retryBackoff;
    }

    @JsonProperty
    public void setRetryBackoff(Duration retryBackoff) {
        this.retryBackoff = retryBackoff;
    }

    @JsonProperty
    public Duration getMaxRetryBackoff() {
        return maxRetryBackoff;
    }

    @JsonProperty
    public void setMaxRetryBackoff(Duration maxRetryBackoff) {
        this.maxRetryBackoff = maxRetryBackoff;
    }

    @JsonProperty
    public Duration getPollInterval() {
        return pollInterval;
    }

    @JsonProperty
    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    @JsonProperty
    public int getInvokerThreads() {
        return invokerThreads;
    }

    @JsonProperty
    public void setInvokerThreads(int invokerThreads) {
        this.invokerThreads = invokerThreads;
    }

    @JsonProperty
    public Duration getHeartbeatGrace() {
        return heartbeatGrace;
    }

    @JsonProperty
    public void setHeartbeatGrace(Duration heartbeatGrace) {
        this.heartbeatGrace = heartbeatGrace;
    }

    @JsonProperty
    public Duration getOrphanMargin() {
        return orphanMargin;
    }

    @JsonProperty
    public void setOrphanMargin(Duration orphanMargin) {
        this.orphanMargin = orphanMargin;
    }

    @JsonProperty
    public Duration getStartTimeout() {
        return startTimeout;
    }

    @JsonProperty
    public void setStartTimeout(Duration startTimeout) {
        this.startTimeout = startTimeout;
    }

    @JsonProperty
    public Duration getClaimTimeout() {
        return claimTimeout;
    }

    @JsonProperty
    public void setClaimTimeout(Duration claimTimeout) {
        this.claimTimeout = claimTimeout;
    }

    @JsonProperty
    public Duration getSweepInterval() {
        return sweepInterval;
    }

    @JsonProperty
    public void setSweepInterval(Duration sweepInterval) {
        this.sweepInterval = sweepInterval;
    }

    @JsonProperty
    public LocalWorkerSettings getLocal() {
        return local;
    }

    @JsonProperty
    public void setLocal(LocalWorkerSettings local) {
        this.local = local;
    }

    @JsonProperty
    public Duration getExecutionCheckDelay() {
        return executionCheckDelay;
    }

    @JsonProperty
    public void setExecutionCheckDelay(Duration executionCheckDelay) {
        this.executionCheckDelay = executionCheckDelay;
    }

    @JsonProperty
    public DockerWorkerSettings getDocker() {
        return docker;
    }

    @JsonProperty
    public void setDocker(DockerWorkerSettings docker) {
        this.docker = docker;
    }

    @JsonProperty
    public EcsWorkerSettings getEcs() {
        return ecs;
    }

    @JsonProperty
    public void setEcs(EcsWorkerSettings ecs) {
        this.ecs = ecs;
    }

    @JsonProperty
    public LambdaWorkerSettings getLambda() {
        return lambda;
    }

    @JsonProperty
    public void setLambda(LambdaWorkerSettings lambda) {
        this.lambda = lambda;
    }

    @JsonProperty
    public KubernetesWorkerSettings getKubernetes() {
        return kubernetes;
    }

    @JsonProperty
    public void setKubernetes(KubernetesWorkerSettings kubernetes) {
        this.kubernetes = kubernetes;
    }
}
