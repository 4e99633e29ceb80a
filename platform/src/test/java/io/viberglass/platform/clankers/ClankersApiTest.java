package io.viberglass.platform.clankers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(DropwizardExtensionsSupport.class)
class ClankersApiTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(ClankersApiTest.class);

    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(DB);

    private final Api api = Api.of(APP);

    private JsonNode create(Map<String, Object> body) {
        return api.post("/api/clankers", body).expect(201).json();
    }

    @Test
    void aNewClankerIsInactiveWithASlugAndItsOptions() {
        JsonNode clanker = create(Map.of(
                "name",
                "Claude on Docker " + UUID.randomUUID().toString().substring(0, 4),
                "agent",
                "claude-code",
                "agentOptions",
                Map.of("model", "claude-sonnet-4-5"),
                "deploymentStrategy",
                "docker",
                "deploymentConfig",
                Map.of("image", "ghcr.io/viberglass/worker-claude:1"),
                "concurrencyLimit",
                3));

        assertThat(clanker.get("status").asText()).isEqualTo("inactive");
        assertThat(clanker.get("slug").asText()).startsWith("claude-on-docker-");
        assertThat(clanker.at("/agentOptions/model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(clanker.get("concurrencyLimit").asInt()).isEqualTo(3);
        assertThat(clanker.get("missingConfiguration")).isEmpty();
        assertThat(api.get("/api/clankers/by-slug/" + clanker.get("slug").asText())
                        .expect(200)
                        .json()
                        .get("id"))
                .isEqualTo(clanker.get("id"));
    }

    @Test
    void startRefusesAnIncompleteConfigurationNamingWhatIsMissing() {
        JsonNode clanker = create(Map.of(
                "name",
                "ECS",
                "agent",
                "codex",
                "deploymentStrategy",
                "ecs",
                "deploymentConfig",
                Map.of("cluster", "workers")));

        assertThat(clanker.get("missingConfiguration"))
                .extracting(JsonNode::asText)
                .containsExactly("deploymentConfig.taskDefinition", "deploymentConfig.subnets");
        var reply = api.post("/api/clankers/" + clanker.get("id").asText() + "/start", Map.of())
                .expect(400);
        assertThat(reply.json().get("code").asText()).isEqualTo("PROVISIONING_CONFIG_ERROR");
        assertThat(reply.json().get("details"))
                .extracting(d -> d.get("field").asText())
                .containsExactly("deploymentConfig.taskDefinition", "deploymentConfig.subnets");
    }

    @Test
    void startRefusesRuntimeSettingsOfTheWrongShape() {
        JsonNode clanker = create(Map.of(
                "name",
                "Docker",
                "agent",
                "claude-code",
                "deploymentStrategy",
                "docker",
                "deploymentConfig",
                Map.of("image", "viberglass/viberator:1", "memoryMb", "lots", "environment", "A=1")));

        var reply = api.post("/api/clankers/" + clanker.get("id").asText() + "/start", Map.of())
                .expect(400);

        assertThat(reply.json().get("details"))
                .extracting(d -> d.get("field").asText())
                .containsExactlyInAnyOrder("deploymentConfig.environment", "deploymentConfig.memoryMb");
    }

    @Test
    void startThenChangingWhereItRunsMakesItInactiveAgain() {
        JsonNode clanker = create(Map.of("name", "Local", "agent", "gemini-cli", "deploymentStrategy", "local"));
        String path = "/api/clankers/" + clanker.get("id").asText();

        assertThat(api.post(path + "/start", Map.of())
                        .expect(200)
                        .json()
                        .get("status")
                        .asText())
                .isEqualTo("active");
        assertThat(api.put(path, Map.of("description", "renamed only"))
                        .expect(200)
                        .json()
                        .get("status")
                        .asText())
                .isEqualTo("active");

        JsonNode moved = api.put(
                        path,
                        Map.of("deploymentStrategy", "lambda", "deploymentConfig", Map.of("functionName", "viberator")))
                .expect(200)
                .json();

        assertThat(moved.get("status").asText()).isEqualTo("inactive");
        assertThat(moved.get("statusMessage").asText()).contains("start the clanker again");
        assertThat(api.post(path + "/deactivate", Map.of())
                        .expect(200)
                        .json()
                        .get("status")
                        .asText())
                .isEqualTo("inactive");
    }

    @Test
    void aKubernetesClankerStartsWithoutAnImage_takingThePlatformsImagePerAgent() {
        JsonNode clanker = create(Map.of(
                "name", "Codex on Kubernetes",
                "agent", "codex",
                "deploymentStrategy", "kubernetes",
                "deploymentConfig", Map.of("namespace", "team-a", "memoryLimit", "8Gi")));

        assertThat(clanker.get("deploymentStrategy").asText()).isEqualTo("kubernetes");
        assertThat(api.post("/api/clankers/" + clanker.get("id").asText() + "/start", Map.of())
                        .expect(200)
                        .json()
                        .get("status")
                        .asText())
                .isEqualTo("active");
    }

    @Test
    void listPagesAndDeleteRemoves() {
        String id = create(Map.of("name", "Doomed", "agent", "opencode", "deploymentStrategy", "local"))
                .get("id")
                .asText();

        JsonNode page = api.get("/api/clankers?limit=1").expect(200).json();
        assertThat(page.get("data")).hasSize(1);
        assertThat(page.at("/pagination/total").asLong()).isPositive();

        api.delete("/api/clankers/" + id).expect(204);
        api.get("/api/clankers/" + id).expect(404);
        api.delete("/api/clankers/" + id).expect(404);
    }

    @Test
    void upstreamAgentIdStillWorks() {
        JsonNode clanker = create(Map.of("name", "Qwen", "agent", "qwen-cli", "deploymentStrategy", "local"));

        assertThat(clanker.get("agent").asText()).isEqualTo("qwen-code");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"agent\":\"codex\",\"deploymentStrategy\":\"local\"}|name",
                "{\"name\":\"x\",\"deploymentStrategy\":\"local\"}|agent",
                "{\"name\":\"x\",\"agent\":\"cursor\",\"deploymentStrategy\":\"local\"}|agent",
                "{\"name\":\"x\",\"agent\":\"codex\"}|deploymentStrategy",
                "{\"name\":\"x\",\"agent\":\"codex\",\"deploymentStrategy\":\"k8s\"}|deploymentStrategy",
                "{\"name\":\"x\",\"agent\":\"codex\",\"deploymentStrategy\":\"local\",\"concurrencyLimit\":0}|concurrencyLimit",
                "{\"name\":\"x\",\"agent\":\"codex\",\"deploymentStrategy\":\"local\",\"instructionFiles\":[{\"path\":\"../AGENTS.md\",\"content\":\"x\"}]}|instructionFiles[0].path",
                "{\"name\":\"x\",\"agent\":\"codex\",\"deploymentStrategy\":\"local\",\"instructionFiles\":[{\"path\":\"/etc/AGENTS.md\",\"content\":\"x\"}]}|instructionFiles[0].path",
                "{\"name\":\"x\",\"agent\":\"codex\",\"deploymentStrategy\":\"local\",\"configFiles\":[{\"fileType\":\"skills/../../x.md\",\"content\":\"x\"}]}|instructionFiles[0].path",
                "{\"name\":\"x\",\"agent\":\"codex\",\"deploymentStrategy\":\"local\",\"instructionFiles\":[{\"path\":\"notes.txt\",\"content\":\"x\"}]}|instructionFiles[0].path",
            })
    void invalidClankerIs400NamingTheField(String body, String field) {
        var reply = api.post("/api/clankers", body).expect(400);

        assertThat(reply.json().get("details"))
                .extracting(d -> d.get("field").asText())
                .contains(field);
    }

    @Test
    void unknownClankerIs404() {
        api.get("/api/clankers/" + UUID.randomUUID()).expect(404);
        api.post("/api/clankers/" + UUID.randomUUID() + "/start", Map.of()).expect(404);
        assertThat(List.of(api.get("/api/clankers/nope").status())).containsExactly(400);
    }

    @Test
    void instructionFilesAreStoredListedReplacedAndDeleted() {
        JsonNode clanker = create(Map.of(
                "name",
                "With files",
                "agent",
                "opencode",
                "deploymentStrategy",
                "local",
                "instructionFiles",
                List.of(
                        Map.of("path", "AGENTS.md", "content", "# Be brief\n"),
                        Map.of("path", "skills/review/checklist.md", "content", "- tests\n"),
                        Map.of("fileType", "opencode.json", "content", "{}"))));
        String path = "/api/clankers/" + clanker.get("id").asText();

        assertThat(clanker.get("instructionFiles"))
                .extracting(file -> file.get("path").asText())
                .containsExactly("AGENTS.md", "opencode.json", "skills/review/checklist.md");
        assertThat(api.get(path + "/instruction-files/skills/review/checklist.md")
                        .expect(200)
                        .json()
                        .get("content")
                        .asText())
                .isEqualTo("- tests\n");

        api.put(path + "/instruction-files/skills/deploy.md", Map.of("content", "Deploy with care"))
                .expect(200);
        api.delete(path + "/instruction-files/opencode.json").expect(204);
        api.get(path + "/instruction-files/opencode.json").expect(404);
        assertThat(api.get(path + "/instruction-files").expect(200).json())
                .extracting(file -> file.get("path").asText())
                .containsExactly("AGENTS.md", "skills/deploy.md", "skills/review/checklist.md");

        JsonNode replaced = api.put(
                        path, Map.of("instructionFiles", List.of(Map.of("path", "CLAUDE.md", "content", "Hi"))))
                .expect(200)
                .json();
        assertThat(replaced.get("instructionFiles"))
                .extracting(file -> file.get("path").asText())
                .containsExactly("CLAUDE.md");
        assertThat(replaced.get("status").asText()).isEqualTo("inactive");
    }

    @Test
    void oversizedOrMisplacedInstructionFilesAre400NamingTheField() {
        String id = create(Map.of("name", "Strict", "agent", "codex", "deploymentStrategy", "local"))
                .get("id")
                .asText();

        var tooBig = api.put(
                        "/api/clankers/" + id,
                        Map.of(
                                "instructionFiles",
                                List.of(Map.of("path", "AGENTS.md", "content", "x".repeat(200_001)))))
                .expect(400);
        assertThat(tooBig.json().get("details"))
                .extracting(d -> d.get("field").asText())
                .containsExactly("instructionFiles[0].content");

        var notAllowed = api.put("/api/clankers/" + id + "/instruction-files/scripts/run.sh", Map.of("content", "rm"))
                .expect(400);
        assertThat(notAllowed.json().get("details"))
                .extracting(d -> d.get("field").asText())
                .containsExactly("path");
    }

    @Test
    void theImageCatalogHasADefaultImagePerAgent() {
        JsonNode images = api.get("/api/worker-images").expect(200).json();

        assertThat(images).hasSize(7);
        assertThat(images)
                .filteredOn(image -> image.get("agent").asText().equals("claude-code"))
                .singleElement()
                .satisfies(image -> {
                    assertThat(image.get("image").asText()).isEqualTo("viberglass/worker-claude-code:latest");
                    assertThat(image.get("lambdaImage").asText()).isEqualTo("viberglass/worker-lambda:latest");
                });
    }

    @Test
    void deploymentStrategiesListWhatEachNeeds() {
        JsonNode strategies = api.get("/api/deployment-strategies").expect(200).json();

        assertThat(strategies).extracting(s -> s.get("name").asText()).startsWith("local", "docker", "ecs", "lambda");
        JsonNode ecs = api.get("/api/deployment-strategies/ecs").expect(200).json();
        assertThat(ecs.get("requiredConfig"))
                .extracting(JsonNode::asText)
                .containsExactly("cluster", "taskDefinition", "subnets");
        assertThat(ecs.get("provisioned").asBoolean()).isTrue();
        assertThat(api.get("/api/deployment-strategies/local")
                        .expect(200)
                        .json()
                        .get("provisioned")
                        .asBoolean())
                .isFalse();
        api.get("/api/deployment-strategies/kubernetes-ish").expect(404);
    }
}
