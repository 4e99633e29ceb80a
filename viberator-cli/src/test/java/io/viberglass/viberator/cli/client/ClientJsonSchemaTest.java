package io.viberglass.viberator.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.viberglass.common.job.JobKind;
import io.viberglass.common.job.JobStatus;
import io.viberglass.common.json.Json;
import io.viberglass.viberator.client.Job;
import io.viberglass.viberator.client.LogLine;
import io.viberglass.viberator.client.Phase;
import io.viberglass.viberator.client.Project;
import io.viberglass.viberator.client.Ticket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The {@code --json} documents are a contract with CI pipelines (docs/cli.md): these are their field names, in
 * order, every one present even when null. Adding a field means adding it here and to the docs; renaming or removing
 * one breaks pipelines.
 */
class ClientJsonSchemaTest {
    static final UUID ID = UUID.fromString("11111111-2222-4333-8444-555555555555");
    static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void runReport() throws Exception {
        Job job = new Job(
                ID,
                JobKind.EXECUTION,
                JobStatus.COMPLETED,
                ID,
                ID,
                ID,
                1,
                null,
                "viberator/x",
                "abc",
                "https://github.com/acme/shop/pull/7",
                NOW,
                NOW,
                NOW,
                null);

        JsonNode json = json(RunReport.ended(ID, Phase.EXECUTION, job, false));

        assertThat(fields(json))
                .containsExactly(
                        "ticketId",
                        "jobId",
                        "phase",
                        "status",
                        "outcome",
                        "exitCode",
                        "pullRequestUrl",
                        "branch",
                        "commitHash",
                        "failure",
                        "startedAt",
                        "finishedAt",
                        "nextStep");
        assertThat(json.get("outcome").asText()).isEqualTo("completed");
        assertThat(json.get("failure").isNull()).isTrue();
        assertThat(json.get("finishedAt").asText()).isEqualTo("2026-01-02T03:04:05Z");
    }

    @Test
    void aWaitThatGaveUpIsTimedOutWithExitCodeSix() throws Exception {
        Job job = new Job(
                ID, JobKind.RESEARCH, JobStatus.ACTIVE, ID, ID, ID, 1, null, null, null, null, NOW, NOW, null, null);

        JsonNode json = json(RunReport.ended(ID, Phase.RESEARCH, job, true));

        assertThat(json.get("outcome").asText()).isEqualTo("timed_out");
        assertThat(json.get("exitCode").asInt()).isEqualTo(6);
    }

    @Test
    void run() throws Exception {
        Job job = new Job(
                ID,
                JobKind.RESEARCH,
                JobStatus.FAILED,
                ID,
                ID,
                ID,
                2,
                new Job.Failure("AGENT_FAILED", "The agent failed.", null, true),
                null,
                null,
                null,
                NOW,
                NOW,
                NOW,
                List.of(new Job.Progress("clone", "Cloning", NOW)));

        JsonNode json = json(job);

        assertThat(fields(json))
                .containsExactly(
                        "id",
                        "kind",
                        "status",
                        "projectId",
                        "ticketId",
                        "clankerId",
                        "attempt",
                        "failure",
                        "branch",
                        "commitHash",
                        "pullRequestUrl",
                        "createdAt",
                        "startedAt",
                        "finishedAt",
                        "progress");
        assertThat(fields(json.get("failure"))).containsExactly("code", "summary", "technicalDetail", "retryable");
        assertThat(fields(json.at("/progress/0"))).containsExactly("step", "message", "createdAt");
        assertThat(json.get("kind").asText()).isEqualTo("research");
    }

    @Test
    void ticketAndProject() throws Exception {
        Ticket ticket = new Ticket(
                ID,
                ID,
                "Fix it",
                "Broken.",
                "high",
                null,
                Map.of("labels", List.of("bug")),
                "open",
                "research",
                null,
                null,
                false,
                NOW,
                NOW);

        assertThat(fields(json(ticket)))
                .containsExactly(
                        "id",
                        "projectId",
                        "title",
                        "description",
                        "severity",
                        "category",
                        "metadata",
                        "status",
                        "workflowPhase",
                        "autoFixStatus",
                        "pullRequestUrl",
                        "archived",
                        "createdAt",
                        "updatedAt");
        assertThat(fields(json(new Project(ID, "Shop", "shop", null, false, NOW))))
                .containsExactly("id", "name", "slug", "description", "archived", "createdAt");
    }

    @Test
    void logLine() throws Exception {
        assertThat(Output.asCompactJson(new LogLine(7, "INFO", "Cloning", "worker", NOW)))
                .isEqualTo("{\"id\":7,\"level\":\"INFO\",\"message\":\"Cloning\",\"source\":\"worker\","
                        + "\"loggedAt\":\"2026-01-02T03:04:05Z\"}");
    }

    private static JsonNode json(Object value) throws Exception {
        return Json.newMapper().readTree(Output.asJson(value));
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
