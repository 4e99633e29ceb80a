package io.viberglass.platform.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * WireMock standing in for the Slack Web API, answering with the JSON shapes Slack documents for each method, and
 * reading back what the platform sent (the SDK posts form-encoded bodies).
 */
final class FakeSlack {
    static final String THREAD_TS = "1700000000.000100";
    static final String BOT_TOKEN = "xoxb-test-bot-token";

    final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    FakeSlack() {
        server.start();
        stubDefaults();
    }

    String apiUrl() {
        return server.baseUrl() + "/api/";
    }

    void stubDefaults() {
        server.resetAll();
        stub(
                "views.open",
                "{\"ok\":true,\"view\":{\"id\":\"V0001\",\"team_id\":\"T0001\",\"type\":\"modal\","
                        + "\"callback_id\":\"viberator_launch\",\"hash\":\"156772938.1827394\"}}");
        stub(
                "chat.postMessage",
                "{\"ok\":true,\"channel\":\"C0001\",\"ts\":\"" + THREAD_TS + "\",\"message\":{"
                        + "\"type\":\"message\",\"subtype\":\"bot_message\",\"text\":\"ok\",\"ts\":\"" + THREAD_TS
                        + "\",\"bot_id\":\"B0001\"}}");
        stub("chat.postEphemeral", "{\"ok\":true,\"message_ts\":\"1700000000.000900\"}");
        stub(
                "files.getUploadURLExternal",
                "{\"ok\":true,\"upload_url\":\"" + server.baseUrl() + "/upload/v1/ABC123\",\"file_id\":\"F0001\"}");
        server.stubFor(post(urlPathMatching("/upload/v1/.*"))
                .willReturn(aResponse().withStatus(200).withBody("OK")));
        stub(
                "files.completeUploadExternal",
                "{\"ok\":true,\"files\":[{\"id\":\"F0001\",\"title\":\"Plan\",\"name\":\"planning.md\"}]}");
        user("U0ALICE", "alice@example.com");
        user("U0NOMAIL", null);
        user("U0VICTOR", "Victor@Example.com");
    }

    void user(String id, String email) {
        String profile =
                email == null ? "{\"real_name\":\"Bot\"}" : "{\"real_name\":\"Someone\",\"email\":\"" + email + "\"}";
        server.stubFor(post(urlEqualTo("/api/users.info"))
                .withRequestBody(containing("user=" + id))
                .willReturn(okJson("{\"ok\":true,\"user\":{\"id\":\"" + id + "\",\"team_id\":\"T0001\",\"name\":\"x\","
                        + "\"is_bot\":false,\"profile\":" + profile + "}}")));
    }

    /** The next chat.postMessage answers 429 with {@code Retry-After}; later ones succeed. */
    void rateLimitNextPost(int retryAfterSeconds) {
        server.stubFor(post(urlEqualTo("/api/chat.postMessage"))
                .inScenario("rate limit")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", Integer.toString(retryAfterSeconds))
                        .withBody("{\"ok\":false,\"error\":\"ratelimited\"}"))
                .willSetStateTo("open"));
    }

    /** Every chat.postMessage into {@code channel} answers {@code ok: false} with {@code error}. */
    void refusePosts(String channel, String error) {
        server.stubFor(post(urlEqualTo("/api/chat.postMessage"))
                .withRequestBody(containing("channel=" + channel))
                .atPriority(1)
                .willReturn(okJson("{\"ok\":false,\"error\":\"" + error + "\"}")));
    }

    void stub(String method, String json) {
        server.stubFor(post(urlEqualTo("/api/" + method)).willReturn(okJson(json)));
    }

    /** The form bodies of every call to {@code method}, oldest first. */
    List<Map<String, String>> calls(String method) {
        return server.findAll(postRequestedFor(urlEqualTo("/api/" + method))).stream()
                .map(LoggedRequest::getBodyAsString)
                .map(FakeSlack::form)
                .toList();
    }

    List<LoggedRequest> requests(String method) {
        return server.findAll(postRequestedFor(urlEqualTo("/api/" + method)));
    }

    /** Messages posted in {@code channel}, oldest first. */
    List<Map<String, String>> messages(String channel) {
        return calls("chat.postMessage").stream()
                .filter(call -> channel.equals(call.get("channel")))
                .toList();
    }

    static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        Arrays.stream(body.split("&")).filter(pair -> !pair.isEmpty()).forEach(pair -> {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            fields.put(key, value);
        });
        return fields;
    }

    void stop() {
        server.stop();
    }
}
