package io.viberglass.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.ShopFixture;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import io.viberglass.viberator.testing.FakeAcpAgents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A live planning session across the real pieces: the platform on PostgreSQL starts the real {@code viberator job}
 * worker, which runs the fake ACP agent over JSON-RPC; the agent's permission request waits for a person on the
 * platform, the approval reaches the agent through the worker's long poll, and the PLAN.md it then writes becomes the
 * ticket's planning document.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AcpSessionEndToEndTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(AcpSessionEndToEndTest.class);

    static final ShopFixture SHOP = ShopFixture.create("vg-acp-e2e-");
    static final Path AGENT_LOG = SHOP.work().resolve("acp.log");
    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(DB, overrides());

    private final Api api = Api.of(APP);

    /** The shop's worker settings, with the fake ACP agent as Claude Code's ACP server. */
    static ConfigOverride[] overrides() {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(SHOP.workerOverrides()));
        Path agent = FakeAcpAgents.install(SHOP.work().resolve("acp-bin"));
        FakeAcpAgents.environment(agent, "claude-code", "plan", AGENT_LOG)
                .forEach((name, value) ->
                        overrides.add(ConfigOverride.config("dispatch.local.environment." + name, value)));
        return overrides.toArray(ConfigOverride[]::new);
    }

    @AfterAll
    static void stopGitHub() {
        SHOP.stop();
    }

    @Test
    void anApprovedPermissionRequestLetsTheAgentWriteThePlanThatBecomesTheTicketsDocument() throws Exception {
        String projectId = SHOP.project(api);
        String clankerId = SHOP.clanker(api);
        String ticketId = api.post(
                        "/api/tickets",
                        Map.of("projectId", projectId, "title", "Greet visitors", "description", "Say hello."))
                .expect(201)
                .json()
                .get("id")
                .asText();

        String sessionId = api.post(
                        "/api/tickets/" + ticketId + "/agent-sessions",
                        Map.of("mode", "planning", "clankerId", clankerId, "message", "Plan the greeting"))
                .expect(201)
                .json()
                .at("/session/id")
                .asText();
        String session = "/api/agent-sessions/" + sessionId;

        awaitStatus(session, "waiting_on_approval");
        api.post(session + "/approve", Map.of("approved", true)).expect(200);
        awaitStatus(session, "completed");

        List<String> types = api.get(session + "/events").json().findValuesAsText("type");
        assertThat(types)
                .containsSubsequence(
                        "user_message",
                        "turn_started",
                        "assistant_message",
                        "tool_call_started",
                        "needs_approval",
                        "approval_resolved",
                        "tool_call_completed",
                        "progress",
                        "assistant_message",
                        "turn_completed");
        assertThat(api.get("/api/tickets/" + ticketId + "/phases/planning")
                        .json()
                        .at("/document/content")
                        .asText())
                .startsWith("# Plan");
        assertThat(Files.readString(AGENT_LOG))
                .contains("\"optionId\":\"allow\"")
                .contains("\"method\":\"session/new\"");
    }

    private void awaitStatus(String session, String status) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    JsonNode detail = api.get(session).json();
                    assertThat(detail.at("/session/status").asText())
                            .as(
                                    "session %s; events %s",
                                    detail.at("/session"),
                                    api.get(session + "/events").body())
                            .isIn(status, "failed", "cancelled");
                });
        assertThat(api.get(session).json().at("/session/status").asText())
                .as("events: %s", api.get(session + "/events").body())
                .isEqualTo(status);
    }
}
