package io.viberglass.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.FakeModelServer;
import io.viberglass.platform.testing.ShopFixture;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import io.viberglass.viberator.testing.FakeAgents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Budgets end to end: the real worker runs an agent that keeps calling the model through the proxy, as an agent in a
 * loop would. Each request costs $0.09 at this test's prices (25 + 15 + 40 cached + 10 cache-write tokens at $1000 per
 * million), so a $0.20 run budget allows three requests; the fourth is refused and the run fails with
 * {@code BUDGET_EXCEEDED}. A project whose monthly budget is used up then queues nothing until the budget is raised.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BudgetEndToEndTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(BudgetEndToEndTest.class);

    static final ShopFixture SHOP = ShopFixture.create("vg-budget-");
    static final FakeModelServer MODEL = new FakeModelServer();
    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(DB, overrides());

    private final Api api = Api.of(APP);
    private static String project;
    private static String clanker;

    @AfterAll
    static void stop() {
        SHOP.stop();
        MODEL.close();
    }

    @Test
    @Order(1)
    void aRunThatSpendsItsBudgetIsStoppedWithBudgetExceeded() {
        project = SHOP.project(api);
        clanker = SHOP.clanker(api);
        api.put("/api/projects/" + project + "/cost-controls", Map.of("runBudgetUsd", 0.20))
                .expect(200);

        JsonNode job = finish(run());

        assertThat(job.get("status").asText()).isEqualTo("failed");
        assertThat(job.at("/failure/code").asText()).as("%s", job).isEqualTo("BUDGET_EXCEEDED");
        assertThat(job.at("/failure/technicalDetail").asText()).contains("run budget of $0.20 is used up");
        assertThat(MODEL.received()).hasSize(3);
        JsonNode usage =
                api.get("/api/jobs/" + job.get("id").asText() + "/usage").json();
        assertThat(usage.get("requests").asLong()).isEqualTo(3);
        assertThat(usage.get("costUsd").decimalValue()).isEqualByComparingTo("0.27");
        // the warning at 80 % ($0.16) came with the second request
        assertThat(job.get("progress").findValuesAsText("step")).contains("budget-warning");
        JsonNode warning =
                api.get("/api/admin/audit?action=budget.warning").json().at("/events/0");
        assertThat(warning.get("targetId").asText()).isEqualTo(job.get("id").asText());
        assertThat(warning.get("details").asText())
                .contains("\"scope\":\"run\"")
                .contains("\"spentUsd\":\"0.18");
    }

    @Test
    @Order(2)
    void aProjectOverItsMonthlyBudgetQueuesNothingUntilItIsRaised() {
        api.put("/api/projects/" + project + "/cost-controls", Map.of("monthlyBudgetUsd", 0.25))
                .expect(200);

        JsonNode refused = api.post("/api/tickets/" + ticket() + "/run", Map.of("clankerId", clanker))
                .expect(409)
                .json();
        assertThat(refused.get("code").asText()).isEqualTo("BUDGET_EXCEEDED");
        assertThat(refused.get("message").asText()).contains("monthly budget").contains("raise it");

        api.put("/api/projects/" + project + "/cost-controls", Map.of("monthlyBudgetUsd", 100))
                .expect(200);
        api.post("/api/tickets/" + ticket() + "/run", Map.of("clankerId", clanker))
                .expect(202);
    }

    private String ticket() {
        return api.post(
                        "/api/tickets",
                        Map.of(
                                "projectId",
                                project,
                                "title",
                                "Spend",
                                "workflowPhase",
                                "execution",
                                "workflowOverrideReason",
                                "budget test"))
                .expect(201)
                .json()
                .get("id")
                .asText();
    }

    private String run() {
        return api.post("/api/tickets/" + ticket() + "/run", Map.of("clankerId", clanker))
                .expect(202)
                .json()
                .get("jobId")
                .asText();
    }

    private JsonNode finish(String jobId) {
        return api.awaitJobEnd(jobId);
    }

    static ConfigOverride[] overrides() {
        return new ConfigOverride[] {
            ConfigOverride.config(
                    "dispatch.local.command",
                    "java,-Xmx256m,-XX:TieredStopAtLevel=1,-jar," + FakeAgents.viberatorJar()),
            ConfigOverride.config(
                    "dispatch.local.workDirectory", SHOP.work().resolve("work").toString()),
            ConfigOverride.config(
                    "dispatch.local.logDirectory",
                    SHOP.work().resolve("worker-logs").toString()),
            ConfigOverride.config("dispatch.pollInterval", "200ms"),
            ConfigOverride.config(
                    "dispatch.local.environment.VIBERATOR_CLAUDE_CODE_BIN",
                    spendingAgent().toString()),
            ConfigOverride.config("llm.anthropicBaseUrl", MODEL.baseUrl()),
            ConfigOverride.config("llm.prices." + FakeModelServer.MODEL + ".input", "1000"),
            ConfigOverride.config("llm.prices." + FakeModelServer.MODEL + ".output", "1000"),
        };
    }

    /** A Claude Code stand-in that asks the model for more, turn after turn, until the API refuses. */
    static Path spendingAgent() {
        try {
            Path bin = Files.createDirectories(SHOP.work().resolve("bin"));
            Path script = bin.resolve("claude");
            Files.writeString(
                    script,
                    """
                    #!/usr/bin/env bash
                    reply=$(mktemp)
                    echo '{"type":"system","subtype":"init","session_id":"spend","tools":["Bash"],"model":"claude-fake-1"}'
                    for turn in $(seq 1 20); do
                      status=$(curl -s -o "$reply" -w '%{http_code}' -X POST "$ANTHROPIC_BASE_URL/v1/messages?beta=true" \\
                        -H "x-api-key: $ANTHROPIC_API_KEY" -H "anthropic-version: 2023-06-01" \\
                        -H "content-type: application/json" \\
                        -d '{"model":"claude-fake-1","max_tokens":64,"messages":[{"role":"user","content":"more"}]}')
                      if [ "$status" != 200 ]; then
                        echo "{\\"type\\":\\"result\\",\\"subtype\\":\\"success\\",\\"is_error\\":true,\\"api_error_status\\":$status,\\"num_turns\\":$turn,\\"result\\":\\"API Error: $status\\",\\"permission_denials\\":[],\\"session_id\\":\\"spend\\"}"
                        exit 1
                      fi
                      echo "{\\"type\\":\\"assistant\\",\\"message\\":{\\"id\\":\\"m$turn\\",\\"role\\":\\"assistant\\",\\"content\\":[{\\"type\\":\\"text\\",\\"text\\":\\"turn $turn\\"}]},\\"session_id\\":\\"spend\\"}"
                    done
                    echo '{"type":"result","subtype":"success","is_error":false,"num_turns":20,"result":"Done.","permission_denials":[],"session_id":"spend"}'
                    """);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
