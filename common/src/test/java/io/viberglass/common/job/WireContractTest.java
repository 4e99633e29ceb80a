package io.viberglass.common.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.viberglass.common.Fixtures;
import io.viberglass.common.json.Json;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WireContractTest {
    private final ObjectMapper mapper = Json.newMapper();
    private final Validator validator =
            Validation.buildDefaultValidatorFactory().getValidator();

    @ParameterizedTest
    @CsvSource({
        "job-payload-execution.json, io.viberglass.common.job.JobPayload",
        "job-result-succeeded.json, io.viberglass.common.job.JobResult",
        "job-result-failed.json, io.viberglass.common.job.JobResult",
        "progress-update.json, io.viberglass.common.job.ProgressUpdate",
        "log-batch.json, io.viberglass.common.job.LogBatch",
        "worker-event.json, io.viberglass.common.job.WorkerEvent",
        "secret-bundle.json, io.viberglass.common.job.SecretBundle"
    })
    void fixturesRoundTripUnchangedAndValidate(String fixture, Class<?> type) throws Exception {
        Object value = Fixtures.read(fixture, type);

        JsonNode written = mapper.readTree(mapper.writeValueAsString(value));

        assertThat(written).isEqualTo(Fixtures.tree(fixture));
        assertThat(validator.validate(value)).isEmpty();
    }

    @Test
    void payloadFixtureReadsAsTheDocumentedExecutionJob() {
        JobPayload payload = Fixtures.read("job-payload-execution.json", JobPayload.class);

        assertThat(payload.kind()).isEqualTo(JobKind.EXECUTION);
        assertThat(payload.agent().type()).isEqualTo(AgentType.CLAUDE_CODE);
        assertThat(payload.repository().provider()).isEqualTo(ScmProvider.GITHUB);
        assertThat(payload.settings().timeLimitSeconds()).isEqualTo(1800);
        assertThat(payload.instructionFiles())
                .extracting(InstructionFile::path)
                .containsExactly("AGENTS.md", "skills/testing.md");
    }

    @Test
    void resultFixtureCarriesUsageWithExactCost() {
        JobResult result = Fixtures.read("job-result-succeeded.json", JobResult.class);

        assertThat(result.outcome().isSuccessful()).isTrue();
        assertThat(result.usage().costUsd()).isEqualByComparingTo(new BigDecimal("0.0871"));
    }

    @Test
    void workerEventCarriesTheInvocationAndSecretNamesButNeverPrintsItsToken() {
        WorkerEvent event = Fixtures.read("worker-event.json", WorkerEvent.class);

        assertThat(event.invocation().jobId()).isEqualTo("5f0c1a52-7a8e-4d3c-9a51-2b7c0e9d1f00");
        assertThat(event.ssmSecrets())
                .containsEntry("ANTHROPIC_API_KEY", "/viberglass/secrets/global/ANTHROPIC_API_KEY");
        assertThat(event.toString()).doesNotContain(event.callbackToken());
    }

    @Test
    void aSecretBundlePrintsTheNamesOfItsSecretsButNoValue() {
        SecretBundle bundle = Fixtures.read("secret-bundle.json", SecretBundle.class);

        assertThat(bundle.secrets()).containsOnlyKeys("ANTHROPIC_API_KEY", "GITHUB_TOKEN");
        assertThat(bundle.toString())
                .contains("ANTHROPIC_API_KEY", "GITHUB_TOKEN")
                .doesNotContain(bundle.callbackToken())
                .doesNotContain(bundle.secrets().get("GITHUB_TOKEN"));
    }

    @Test
    void ssmSecretReferencesSurviveTheEnvironmentEncoding() {
        Map<String, String> references = new java.util.LinkedHashMap<>();
        references.put("ANTHROPIC_API_KEY", "/viberglass/secrets/global/ANTHROPIC_API_KEY");
        references.put("GITHUB_TOKEN", "/team/github-token");

        String encoded = WorkerEnvironment.encodeSsmSecrets(references);

        assertThat(encoded)
                .isEqualTo("ANTHROPIC_API_KEY=/viberglass/secrets/global/ANTHROPIC_API_KEY,"
                        + "GITHUB_TOKEN=/team/github-token");
        assertThat(WorkerEnvironment.decodeSsmSecrets(encoded)).isEqualTo(references);
        assertThat(WorkerEnvironment.decodeSsmSecrets(" ,broken,=x,")).isEmpty();
    }

    @Test
    void unknownEnumValueNamesTheAllowedValues() {
        String json = Fixtures.text("job-payload-execution.json").replace("\"claude-code\"", "\"cursor\"");

        assertThatThrownBy(() -> mapper.readValue(json, JobPayload.class))
                .isInstanceOf(ValueInstantiationException.class)
                .hasMessageContaining("Unknown value 'cursor'")
                .hasMessageContaining("claude-code");
    }

    @Test
    void upstreamQwenIdStillReads() {
        assertThat(AgentType.fromWire("qwen-cli")).isEqualTo(AgentType.QWEN_CODE);
    }

    @Test
    void invalidPayloadNamesEachBadField() {
        JobPayload payload = new JobPayload(
                2,
                "job/../1",
                JobKind.RESEARCH,
                "tenant 1",
                null,
                null,
                AgentSpec.of(AgentType.CODEX),
                RepositorySpec.of("", "main"),
                "",
                null,
                List.of(new InstructionFile("../etc/passwd", "x"), new InstructionFile(".git/config", "x")),
                null,
                null);

        assertThat(validator.validate(payload))
                .extracting(v -> v.getPropertyPath().toString())
                .containsExactlyInAnyOrder(
                        "version",
                        "jobId",
                        "tenantId",
                        "repository.url",
                        "task",
                        "instructionFiles[0].path",
                        "instructionFiles[1].path");
    }

    @Test
    void optionalCollectionsDefaultToEmptyAndSettingsToDefaults() {
        JobPayload payload = new JobPayload(
                1,
                "j1",
                JobKind.PLANNING,
                "t",
                null,
                null,
                AgentSpec.of(AgentType.GEMINI_CLI),
                RepositorySpec.of("/tmp/repo", "main"),
                "plan it",
                null,
                null,
                null,
                null);

        assertThat(payload.instructionFiles()).isEmpty();
        assertThat(payload.requiredCredentials()).isEmpty();
        assertThat(payload.settings().timeLimitSeconds()).isEqualTo(WorkerSettings.DEFAULT_MAX_EXECUTION_SECONDS);
        assertThat(payload.repository().provider()).isEqualTo(ScmProvider.GIT);
    }

    @Test
    void workerInvocationNeverPrintsItsToken() {
        WorkerInvocation invocation = new WorkerInvocation("j1", "http://p", "t", "f".repeat(64));

        assertThat(invocation.toString()).doesNotContain("ffff").contains("[REDACTED]");
    }

    @Test
    void tokenUsageAddsUpAndKeepsKnownCost() {
        TokenUsage a = new TokenUsage(10, 5, 1, new BigDecimal("0.10"));
        TokenUsage b = new TokenUsage(1, 2, 3, null);

        assertThat(a.plus(b)).isEqualTo(new TokenUsage(11, 7, 4, new BigDecimal("0.10")));
        assertThat(mapper.convertValue(
                                Map.of("inputTokens", 1, "outputTokens", 2, "cachedInputTokens", 0), TokenUsage.class)
                        .costUsd())
                .isNull();
    }
}
