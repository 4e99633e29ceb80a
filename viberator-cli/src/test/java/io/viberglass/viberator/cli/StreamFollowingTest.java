package io.viberglass.viberator.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code viberator logs --follow} and {@code viberator sessions follow} against a fake platform whose event streams
 * break off mid-way: the client resumes with {@code Last-Event-ID} and shows every event exactly once.
 */
class StreamFollowingTest {
    static final String TOKEN = "vibe_" + "cd".repeat(32);
    static final String JOB = "99999999-8888-4777-8666-555555555555";
    static final String SESSION = "77777777-6666-4555-8444-333333333333";

    @RegisterExtension
    static WireMockExtension platform = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @TempDir
    Path temp;

    CliRunner loggedIn() {
        return new CliRunner()
                .env("VIBERGLASS_CONFIG", temp.resolve("config.json").toString())
                .env("HOME", temp.toString())
                .env("VIBERGLASS_URL", platform.baseUrl())
                .env("VIBERGLASS_TOKEN", TOKEN);
    }

    /** Two answers on one path: the first connection, then the reconnect. */
    void streamTwice(String path, String first, String second) {
        platform.stubFor(get(urlPathEqualTo(path))
                .inScenario("reconnect")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(sse(first))
                .willSetStateTo("dropped"));
        platform.stubFor(get(urlPathEqualTo(path))
                .inScenario("reconnect")
                .whenScenarioStateIs("dropped")
                .willReturn(sse(second)));
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder sse(String body) {
        return aResponse().withHeader("Content-Type", "text/event-stream").withBody(body);
    }

    @Test
    void logsFollowResumesADroppedStreamAfterTheLastLineItSaw() {
        // the first connection ends after line 2 without the end event: a dropped connection
        streamTwice(
                "/api/jobs/" + JOB + "/logs/stream",
                "id: 1\nevent: log\ndata: " + line(1, "Cloning") + "\n\nid: 2\nevent: log\ndata: "
                        + line(2, "Running the agent") + "\n\n",
                "id: 3\nevent: log\ndata: " + line(3, "Agent done") + "\n\nevent: end\ndata: {\"status\":\"completed\"}"
                        + "\n\n");
        platform.stubFor(get("/api/jobs/" + JOB)
                .willReturn(okJson(
                        "{\"id\":\"" + JOB + "\",\"kind\":\"research\",\"status\":\"completed\"," + "\"attempt\":1}")));
        platform.stubFor(get(urlPathEqualTo("/api/jobs/" + JOB + "/logs"))
                .willReturn(okJson("{\"logs\":[],\"nextAfterId\":3}")));

        CliRunner.Run run = loggedIn().execute("logs", "--follow", JOB);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .containsSubsequence("Cloning", "Running the agent", "Agent done")
                .containsOnlyOnce("Running the agent");
        platform.verify(getRequestedFor(urlPathEqualTo("/api/jobs/" + JOB + "/logs/stream"))
                .withHeader("Last-Event-ID", absent()));
        platform.verify(getRequestedFor(urlPathEqualTo("/api/jobs/" + JOB + "/logs/stream"))
                .withHeader("Last-Event-ID", equalTo("2")));
    }

    @Test
    void sessionsFollowPrintsTheConversationReadablyAndResumesAfterADrop() {
        String stream = "/api/agent-sessions/" + SESSION + "/events/stream";
        streamTwice(
                stream,
                event(1, "user_message", "{\"text\":\"Plan the greeting\"}", "Ada")
                        + presence("user_joined", "Grace")
                        + event(2, "assistant_message", "{\"text\":\"I will \"}", null)
                        + event(3, "assistant_message", "{\"text\":\"write the plan.\"}", null),
                event(4, "tool_call_started", "{\"toolCallId\":\"c1\",\"toolName\":\"Write PLAN.md\"}", null)
                        + event(
                                5,
                                "tool_call_completed",
                                "{\"toolCallId\":\"c1\",\"toolName\":\"Write PLAN.md\",\"success\":true}",
                                null)
                        + event(6, "needs_input", "{\"prompt\":\"Formal or casual?\"}", null)
                        + "event: end\ndata: {\"status\":\"completed\"}\n\n");

        CliRunner.Run run = loggedIn().execute("sessions", "follow", SESSION);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .containsSubsequence(
                        "Ada: Plan the greeting",
                        "* Grace joined",
                        "agent: I will write the plan.",
                        "[tool] Write PLAN.md started",
                        "[tool] Write PLAN.md done",
                        "[question] Formal or casual?")
                .containsOnlyOnce("I will write the plan.");
        assertThat(run.err()).contains("Session " + SESSION + " completed.");
        platform.verify(getRequestedFor(urlPathEqualTo(stream)).withHeader("Last-Event-ID", equalTo("3")));
    }

    @Test
    void aReconnectEventFromThePlatformIsNotShown_theClientResumesAfterTheLastEventItGot() {
        // the platform cut this client (it fell behind): the stream's last frame is a reconnect event without an id
        String stream = "/api/agent-sessions/" + SESSION + "/events/stream";
        streamTwice(
                stream,
                event(1, "user_message", "{\"text\":\"Plan the greeting\"}", "Ada")
                        + event(2, "assistant_message", "{\"text\":\"On it.\"}", null)
                        + "event: reconnect\ndata: {\"reason\":\"behind\"}\n\n",
                event(3, "needs_input", "{\"prompt\":\"Formal or casual?\"}", null)
                        + "event: end\ndata: {\"status\":\"completed\"}\n\n");

        CliRunner.Run run = loggedIn().execute("sessions", "follow", SESSION);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .containsSubsequence("Ada: Plan the greeting", "agent: On it.", "[question] Formal or casual?")
                .containsOnlyOnce("On it.")
                .doesNotContain("behind");
        platform.verify(getRequestedFor(urlPathEqualTo(stream)).withHeader("Last-Event-ID", equalTo("2")));
    }

    @Test
    void sessionsFollowWithJsonPrintsOneEventPerLine() {
        platform.stubFor(get(urlPathEqualTo("/api/agent-sessions/" + SESSION + "/events/stream"))
                .willReturn(sse(event(1, "progress", "{\"text\":\"Plan:\\n- [pending] greet\"}", null)
                        + "event: end\ndata: {\"status\":\"failed\"}\n\n")));

        CliRunner.Run run = loggedIn().execute("sessions", "follow", SESSION, "--json");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(run.out().strip())
                .startsWith("{\"sequence\":1,\"type\":\"progress\"")
                .doesNotContain("\n");
    }

    private static String line(long id, String message) {
        return "{\"id\":" + id + ",\"level\":\"INFO\",\"message\":\"" + message + "\",\"source\":\"worker\","
                + "\"loggedAt\":\"2026-01-02T03:04:05Z\"}";
    }

    private static String event(long sequence, String type, String payload, String userName) {
        return "id: " + sequence + "\ndata: {\"sessionId\":\"" + SESSION + "\",\"sequence\":" + sequence
                + ",\"type\":\"" + type + "\",\"payload\":" + payload + ",\"userName\":"
                + (userName == null ? "null" : "\"" + userName + "\"") + ",\"createdAt\":\"2026-01-02T03:04:0"
                + sequence + "Z\"}\n\n";
    }

    private static String presence(String type, String userName) {
        return "data: {\"type\":\"" + type + "\",\"payload\":{\"userId\":null,\"userName\":\"" + userName
                + "\"},\"ephemeral\":true}\n\n";
    }
}
