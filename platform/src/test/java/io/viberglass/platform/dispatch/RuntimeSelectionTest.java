package io.viberglass.platform.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okForContentType;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.viberglass.common.job.AgentSpec;
import io.viberglass.common.job.AgentType;
import io.viberglass.common.job.JobKind;
import io.viberglass.common.job.JobPayload;
import io.viberglass.common.job.JobStatus;
import io.viberglass.common.job.RepositorySpec;
import io.viberglass.common.json.Json;
import io.viberglass.common.security.SecretValue;
import io.viberglass.platform.audit.AuditLog;
import io.viberglass.platform.clankers.ClankerRequest;
import io.viberglass.platform.clankers.ClankerService;
import io.viberglass.platform.clankers.DeploymentStrategy;
import io.viberglass.platform.dispatch.bundle.SecretBundles;
import io.viberglass.platform.infra.db.Database;
import io.viberglass.platform.infra.db.DatabaseNotifications;
import io.viberglass.platform.jobs.Job;
import io.viberglass.platform.jobs.JobDao;
import io.viberglass.platform.jobs.JobLifecycle;
import io.viberglass.platform.jobs.JobQueue;
import io.viberglass.platform.llm.LlmSettings;
import io.viberglass.platform.llm.ModelBroker;
import io.viberglass.platform.projects.CreateProjectRequest;
import io.viberglass.platform.projects.ProjectListener;
import io.viberglass.platform.projects.ProjectService;
import io.viberglass.platform.testing.ClankerSwitch;
import io.viberglass.platform.testing.MutableClock;
import io.viberglass.platform.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The dispatcher with the platform's real invokers (as {@link WorkerRuntimes} wires them) against one WireMock that
 * plays the Docker Engine, ECS, SSM and Lambda: each job reaches the runtime of its clanker's strategy, and the
 * sweeper fails jobs whose runtime reports the worker dead.
 */
class RuntimeSelectionTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(RuntimeSelectionTest.class);

    @RegisterExtension
    static WireMockExtension cloud = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    static final String CONTAINER = "c0ffee" + "0".repeat(58);
    static final String TASK = "arn:aws:ecs:eu-west-1:123456789012:task/workers/7a1b";
    static final String KEY = "sk-ant-planted-" + "k".repeat(24);

    private static final io.dropwizard.db.ManagedDataSource POOL = DB.pool();
    private final Jdbi jdbi = Database.configure(Jdbi.create(POOL), Json.newMapper());
    private final MutableClock time = new MutableClock(Instant.now());
    private final JobLifecycle lifecycle = new JobLifecycle(Json.newMapper());
    private final JobQueue queue = new JobQueue(jdbi, Json.newMapper(), lifecycle, List.of());
    private final ClankerService clankers = new ClankerService(jdbi, time, Json.newMapper());
    private final DispatchSettings settings = new DispatchSettings();
    private final ModelBroker broker = new ModelBroker(jdbi, time, new LlmSettings());
    private WorkerRuntimes runtimes;
    private Dispatcher dispatcher;
    private DatabaseNotifications listener;

    /** Every credential lives in SSM, as ECS and Lambda workers need. */
    private final CredentialResolver credentials = new CredentialResolver() {
        @Override
        public Map<String, SecretValue> resolve(Job job) {
            return Map.of("ANTHROPIC_API_KEY", SecretValue.of(KEY));
        }

        @Override
        public Map<String, String> ssmParameters(Job job) {
            return Map.of("ANTHROPIC_API_KEY", "/viberglass/secrets/global/ANTHROPIC_API_KEY");
        }
    };

    @BeforeEach
    void start() {
        jdbi.useHandle(h -> h.execute("truncate jobs cascade"));
        settings.setPollInterval(io.dropwizard.util.Duration.milliseconds(100));
        settings.getDocker().setHost("tcp://127.0.0.1:" + cloud.getPort());
        settings.getDocker().setApiVersion("1.43");
        settings.getEcs().setEndpoint(cloud.baseUrl());
        settings.getLambda().setEndpoint(cloud.baseUrl());
        runtimes = WorkerRuntimes.build(
                settings,
                "/viberglass/secrets",
                Map.of("AWS_REGION", "eu-west-1"),
                Json.newMapper(),
                new SecretBundles(jdbi, time, new AuditLog(jdbi, time), new java.security.SecureRandom()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "fake-secret")));
        listener = new DatabaseNotifications(DB.url(), "postgres", "");
        DispatchSignal signal = new DispatchSignal(listener);
        dispatcher = new Dispatcher(
                jdbi,
                time,
                settings,
                new Invokers(runtimes.invokers()),
                credentials,
                broker,
                lifecycle,
                List.of(),
                new PlatformUrls("https://viberglass.example.com", () -> "http://127.0.0.1:1"),
                signal,
                "test-" + UUID.randomUUID());
        listener.start();
        dispatcher.start();

        cloud.stubFor(get(urlPathMatching("/v1.43/images/.*/json")).willReturn(okJson("{\"Id\":\"sha256:1\"}")));
        cloud.stubFor(post(urlPathEqualTo("/v1.43/containers/create"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"Id\":\"" + CONTAINER + "\"}")));
        cloud.stubFor(post(urlPathEqualTo("/v1.43/containers/" + CONTAINER + "/start"))
                .willReturn(aResponse().withStatus(204)));
        cloud.stubFor(aws("AmazonSSM.PutParameter", "{\"Version\":1}"));
        cloud.stubFor(aws(
                "AmazonEC2ContainerServiceV20141113.RunTask",
                "{\"tasks\":[{\"taskArn\":\"" + TASK + "\"}],\"failures\":[]}"));
        cloud.stubFor(post(urlPathEqualTo("/2015-03-31/functions/viberator-worker/invocations"))
                .willReturn(aResponse().withStatus(202).withHeader("x-amzn-RequestId", "req-1")));
    }

    static com.github.tomakehurst.wiremock.client.MappingBuilder aws(String target, String body) {
        return post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(target))
                .willReturn(okForContentType("application/x-amz-json-1.1", body));
    }

    @AfterEach
    void stop() throws Exception {
        dispatcher.stop();
        listener.stop();
        runtimes.stop();
    }

    @AfterAll
    static void closePool() throws Exception {
        POOL.stop();
    }

    private UUID clanker(DeploymentStrategy strategy, Map<String, Object> config) {
        UUID id = clankers.create(new ClankerRequest(
                        strategy.wire() + " " + UUID.randomUUID(),
                        null,
                        AgentType.CLAUDE_CODE,
                        null,
                        strategy,
                        config,
                        null))
                .id();
        new ClankerSwitch(jdbi, time).start(id);
        return id;
    }

    private UUID enqueue(UUID projectId, UUID clankerId) {
        UUID id = UUID.randomUUID();
        JobPayload payload = new JobPayload(
                1,
                id.toString(),
                JobKind.EXECUTION,
                projectId.toString(),
                clankerId.toString(),
                null,
                AgentSpec.of(AgentType.CLAUDE_CODE),
                RepositorySpec.of("https://github.com/acme/shop.git", "main"),
                "task",
                null,
                null,
                null,
                List.of("ANTHROPIC_API_KEY"));
        queue.enqueue(
                new JobQueue.NewJob(id, JobKind.EXECUTION, projectId, null, clankerId, payload, 1, null),
                time.instant());
        return id;
    }

    private Job job(UUID id) {
        return jdbi.withExtension(JobDao.class, dao -> dao.find(id)).orElseThrow();
    }

    private UUID[] dispatchOneJobPerRuntime() {
        UUID project = new ProjectService(jdbi, time, List.of(), ProjectListener.none())
                .create(new CreateProjectRequest("P " + UUID.randomUUID(), null, null, null, null, null), null)
                .id();
        UUID docker = enqueue(project, clanker(DeploymentStrategy.DOCKER, Map.of("image", "viberglass/viberator:1")));
        UUID ecs = enqueue(
                project,
                clanker(
                        DeploymentStrategy.ECS,
                        Map.of("cluster", "workers", "taskDefinition", "viberator:3", "subnets", List.of("subnet-a"))));
        UUID lambda = enqueue(project, clanker(DeploymentStrategy.LAMBDA, Map.of("functionName", "viberator-worker")));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> List.of(docker, ecs, lambda).stream().allMatch(id -> job(id).executionId() != null));
        return new UUID[] {docker, ecs, lambda};
    }

    @Test
    void eachJobReachesTheRuntimeOfItsClankersStrategy() throws Exception {
        UUID[] jobs = dispatchOneJobPerRuntime();

        assertThat(job(jobs[0]).invoker()).isEqualTo("docker");
        assertThat(job(jobs[0]).executionId()).isEqualTo(CONTAINER);
        assertThat(job(jobs[1]).invoker()).isEqualTo("ecs");
        assertThat(job(jobs[1]).executionId()).isEqualTo(TASK);
        assertThat(job(jobs[2]).invoker()).isEqualTo("lambda");
        assertThat(job(jobs[2]).executionId()).isEqualTo("req-1");

        JsonNode create = Json.newMapper()
                .readTree(cloud.findAll(postRequestedFor(urlPathEqualTo("/v1.43/containers/create")))
                        .get(0)
                        .getBodyAsString());
        assertThat(create.at("/Labels/io.viberglass.job-id").asText()).isEqualTo(jobs[0].toString());
        assertThat(create.toString()).doesNotContain(KEY);
        // the key waits sealed for the worker, not in plaintext
        assertThat(jdbi.<Integer, RuntimeException>withHandle(h -> h.createQuery(
                                "select count(*) from worker_secret_bundles where job_id = :id and sealed is not null")
                        .bind("id", jobs[0])
                        .mapTo(Integer.class)
                        .one()))
                .isEqualTo(1);
        String runTask = cloud.findAll(postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("AmazonEC2ContainerServiceV20141113.RunTask")))
                .get(0)
                .getBodyAsString();
        assertThat(runTask)
                .contains("\"startedBy\":\"" + jobs[1] + "\"")
                .contains("https://viberglass.example.com")
                .doesNotContain(KEY);
        String event = cloud.findAll(
                        postRequestedFor(urlPathEqualTo("/2015-03-31/functions/viberator-worker/invocations")))
                .get(0)
                .getBodyAsString();
        assertThat(event).contains("\"jobId\":\"" + jobs[2] + "\"").doesNotContain(KEY);
    }

    @Test
    void ecsAndLambdaWorkersAreNotToldWhereTheModelKeyIsButFetchAProxyTokenWithTheirPayload() {
        UUID[] jobs = dispatchOneJobPerRuntime();

        String runTask = cloud.findAll(postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("AmazonEC2ContainerServiceV20141113.RunTask")))
                .get(0)
                .getBodyAsString();
        String event = cloud.findAll(
                        postRequestedFor(urlPathEqualTo("/2015-03-31/functions/viberator-worker/invocations")))
                .get(0)
                .getBodyAsString();
        for (String request : List.of(runTask, event)) {
            assertThat(request)
                    .doesNotContain(KEY)
                    .doesNotContain("/viberglass/secrets/global/ANTHROPIC_API_KEY")
                    .doesNotContain("vgllm_");
        }
        for (UUID cloudJob : List.of(jobs[1], jobs[2])) {
            JobPayload fetched = jdbi.inTransaction(handle -> broker.of(handle, job(cloudJob)));
            String token = fetched.agent().credentials().get("ANTHROPIC_API_KEY");
            assertThat(token).startsWith("vgllm_");
            assertThat(fetched.agent().endpoint())
                    .isEqualTo("https://viberglass.example.com/api/llm/" + cloudJob + "/anthropic");
            assertThat(fetched.toString()).doesNotContain(token);
            String stored = jdbi.withHandle(
                    handle -> handle.createQuery("select token_hash from llm_job_grants where job_id = :id")
                            .bind("id", cloudJob)
                            .mapTo(String.class)
                            .one());
            assertThat(stored)
                    .as("the token minted at the fetch is the one the proxy accepts")
                    .isEqualTo(io.viberglass.common.security.Tokens.sha256Hex(token));
            assertThat(job(cloudJob).payload().agent().credentials())
                    .as("never stored with the job")
                    .isEmpty();
        }
    }

    @Test
    void theSweeperFailsJobsWhoseRuntimeReportsTheWorkerDeadWithTheRuntimesReason() {
        UUID[] jobs = dispatchOneJobPerRuntime();
        cloud.stubFor(get(urlPathEqualTo("/v1.43/containers/" + CONTAINER + "/json"))
                .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"No such container\"}")));
        cloud.stubFor(aws(
                "AmazonEC2ContainerServiceV20141113.DescribeTasks",
                "{\"tasks\":[{\"taskArn\":\"" + TASK + "\",\"lastStatus\":\"STOPPED\","
                        + "\"stopCode\":\"TaskFailedToStart\",\"stoppedReason\":\"CannotPullContainerError: "
                        + "pull access denied for viberator\"}],\"failures\":[]}"));
        JobSweeper sweeper = new JobSweeper(jdbi, time, settings, lifecycle, List.of(), dispatcher);

        assertThat(sweeper.sweep().ended()).as("too fresh to ask").isZero();
        time.advance(Duration.ofMinutes(2));
        JobSweeper.Sweep sweep = sweeper.sweep();

        assertThat(sweep.ended()).isEqualTo(2);
        assertThat(job(jobs[0]).status()).isEqualTo(JobStatus.FAILED);
        assertThat(job(jobs[0]).failureCode()).isEqualTo("RUN_FAILED");
        assertThat(job(jobs[0]).failureDetail()).contains("exited without reporting a result");
        assertThat(job(jobs[1]).failureCode()).isEqualTo("INVOCATION_FAILED");
        assertThat(job(jobs[1]).failureDetail()).contains("CannotPullContainerError");
        assertThat(job(jobs[2]).status())
                .as("a Lambda invocation cannot be asked")
                .isEqualTo(JobStatus.QUEUED);
    }
}
