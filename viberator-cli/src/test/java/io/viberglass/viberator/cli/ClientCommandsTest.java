package io.viberglass.viberator.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The platform-client commands against a fake platform: what they send, print and exit with. */
class ClientCommandsTest {
    static final String TOKEN = "vibe_" + "ab".repeat(32);
    static final String TICKET = "11111111-2222-4333-8444-555555555555";
    static final String JOB = "99999999-8888-4777-8666-555555555555";
    static final String PROJECT = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";

    @RegisterExtension
    static WireMockExtension platform = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @TempDir
    Path temp;

    Path config;

    @BeforeEach
    void setUp() {
        config = temp.resolve("home/.config/viberglass/config.json");
    }

    CliRunner cli() {
        return new CliRunner().env("VIBERGLASS_CONFIG", config.toString()).env("HOME", temp.toString());
    }

    CliRunner loggedIn() {
        return cli().env("VIBERGLASS_URL", platform.baseUrl()).env("VIBERGLASS_TOKEN", TOKEN);
    }

    @Nested
    class Login {
        @Test
        void verifiesTheTokenAndStoresItReadableByTheUserOnly() throws Exception {
            platform.stubFor(get("/api/auth/me")
                    .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                    .willReturn(okJson("{\"user\":{\"id\":\"u1\",\"email\":\"dev@example.com\",\"name\":\"Dev\","
                            + "\"role\":\"member\"}}")));

            CliRunner.Run run = cli().stdin(TOKEN + "\n").execute("login", platform.baseUrl() + "/", "--token-stdin");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("Logged in to " + platform.baseUrl() + " as dev@example.com");
            assertThat(Files.readString(config)).contains(TOKEN, "\"url\" : \"" + platform.baseUrl() + "\"");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config)))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config.getParent())))
                    .isEqualTo("rwx------");
        }

        @Test
        void aRefusedTokenExitsWithTheAuthCodeAndStoresNothing() {
            platform.stubFor(get("/api/auth/me")
                    .willReturn(aResponse()
                            .withStatus(401)
                            .withHeader("Content-Type", "application/json")
                            .withBody("{\"error\":\"Unauthorized\",\"message\":\"Invalid token\"}")));

            CliRunner.Run run = cli().stdin("vibe_wrong\n").execute("login", platform.baseUrl(), "--token-stdin");

            assertThat(run.exitCode()).isEqualTo(ExitCodes.AUTH_FAILED);
            assertThat(run.err()).contains("Login failed", "refused the API token");
            assertThat(config).doesNotExist();
        }

        @Test
        void theStoredLoginIsUsedAsABearerTokenByEveryCommand() {
            platform.stubFor(get("/api/auth/me").willReturn(okJson("{\"user\":{\"email\":\"dev@example.com\"}}")));
            platform.stubFor(get(urlPathEqualTo("/api/projects"))
                    .willReturn(okJson("{\"data\":[{\"id\":\"" + PROJECT + "\",\"name\":\"Shop\",\"slug\":\"shop\","
                            + "\"createdAt\":\"2026-01-02T03:04:05Z\"}],\"pagination\":{\"limit\":50,\"offset\":0,"
                            + "\"count\":1,\"total\":1}}")));
            cli().stdin(TOKEN).execute("login", platform.baseUrl(), "--token-stdin");

            CliRunner.Run run = cli().execute("projects", "list");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out())
                    .containsPattern("ID\\s+SLUG\\s+NAME\\s+CREATED")
                    .containsPattern(PROJECT + "\\s+shop\\s+Shop\\s+2026-01-02 03:04");
            platform.verify(getRequestedFor(urlPathEqualTo("/api/projects"))
                    .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        }

        @Test
        void aStoredTokenIsNeverSentToAnotherUrl() {
            platform.stubFor(get("/api/auth/me").willReturn(okJson("{\"user\":{\"email\":\"dev@example.com\"}}")));
            cli().stdin(TOKEN).execute("login", platform.baseUrl(), "--token-stdin");

            CliRunner.Run run =
                    cli().env("VIBERGLASS_URL", "http://127.0.0.1:1").execute("projects", "list");

            assertThat(run.exitCode()).isEqualTo(ExitCodes.AUTH_FAILED);
            assertThat(run.err()).contains("No API token for http://127.0.0.1:1");
        }
    }

    @Nested
    class Tickets {
        @Test
        void createReadsTheDescriptionFromStandardInputAndKeepsLabelsInMetadata() {
            platform.stubFor(get("/api/projects/by-slug/shop")
                    .willReturn(okJson("{\"id\":\"" + PROJECT + "\",\"name\":\"Shop\",\"slug\":\"shop\"}")));
            platform.stubFor(post("/api/tickets")
                    .willReturn(okJson("{\"id\":\"" + TICKET + "\",\"projectId\":\"" + PROJECT + "\","
                                    + "\"title\":\"Fix it\",\"severity\":\"high\",\"metadata\":{\"labels\":[\"bug\","
                                    + "\"web\"]}}")
                            .withStatus(201)));

            CliRunner.Run run = loggedIn()
                    .stdin("It is broken.\n")
                    .execute(
                            "tickets",
                            "create",
                            "-p",
                            "shop",
                            "-t",
                            "Fix it",
                            "-l",
                            "bug",
                            "-l",
                            "web",
                            "-s",
                            "HIGH",
                            "--description-file",
                            "-");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out().strip()).isEqualTo(TICKET);
            platform.verify(postRequestedFor(urlPathEqualTo("/api/tickets"))
                    .withRequestBody(equalToJson("{\"projectId\":\"" + PROJECT + "\",\"title\":\"Fix it\","
                            + "\"description\":\"It is broken.\\n\",\"severity\":\"high\",\"metadata\":{\"labels\":"
                            + "[\"bug\",\"web\"]}}")));
        }

        @Test
        void executionWithoutAnApprovedPlanExitsWithNeedsApprovalAndSaysHowToApprove() {
            activeClankers("claude-local");
            platform.stubFor(get("/api/tickets/" + TICKET).willReturn(okJson(ticket("planning"))));
            platform.stubFor(post("/api/tickets/" + TICKET + "/run")
                    .willReturn(aResponse()
                            .withStatus(409)
                            .withHeader("Content-Type", "application/json")
                            .withBody("{\"error\":\"Conflict\",\"message\":\"Execution needs an approved plan\","
                                    + "\"code\":\"EXECUTION_BLOCKED_UNAPPROVED_PLAN\"}")));

            CliRunner.Run run = loggedIn().execute("tickets", "run", TICKET, "--phase", "execution", "--json");

            assertThat(run.exitCode()).isEqualTo(ExitCodes.NEEDS_APPROVAL);
            assertThat(run.err()).contains("viberator plan approve " + TICKET);
            assertThat(run.out()).contains("\"exitCode\" : 15", "\"code\" : \"EXECUTION_BLOCKED_UNAPPROVED_PLAN\"");
        }

        @Test
        void severalActiveClankersAndNoChoiceIsAUsageError() {
            activeClankers("claude-local", "codex-docker");

            CliRunner.Run run = loggedIn().execute("tickets", "run", TICKET, "--phase", "research");

            assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).contains("--clanker", "claude-local (active)", "codex-docker (active)");
        }

        @Test
        void aMissingTicketExitsNotFoundWithTheErrorAsJson() {
            platform.stubFor(get("/api/tickets/" + TICKET)
                    .willReturn(aResponse()
                            .withStatus(404)
                            .withHeader("Content-Type", "application/json")
                            .withBody("{\"error\":\"Not Found\",\"message\":\"Ticket " + TICKET + " not found\","
                                    + "\"code\":\"TICKET_NOT_FOUND\"}")));

            CliRunner.Run run = loggedIn().execute("tickets", "show", TICKET, "--json");

            assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
            assertThat(run.err()).contains("Ticket " + TICKET + " not found");
            assertThat(run.out()).contains("\"error\"", "\"code\" : \"TICKET_NOT_FOUND\"", "\"exitCode\" : 17");
        }
    }

    @Nested
    class Logs {
        @Test
        void followReadsTheEventStreamWhenThePlatformOffersOne() {
            platform.stubFor(get(urlPathEqualTo("/api/jobs/" + JOB + "/logs/stream"))
                    .willReturn(aResponse()
                            .withHeader("Content-Type", "text/event-stream")
                            .withBody(": hello\n\nid: 1\nevent: log\ndata: " + line(1, "Cloning")
                                    + "\n\nid: 2\nevent: log\ndata: " + line(2, "Agent done") + "\n\nevent: end\n"
                                    + "data: completed\n\n")));
            platform.stubFor(get("/api/jobs/" + JOB).willReturn(okJson(job("completed"))));
            platform.stubFor(get(urlPathEqualTo("/api/jobs/" + JOB + "/logs"))
                    .willReturn(okJson("{\"logs\":[],\"nextAfterId\":2}")));

            CliRunner.Run run = loggedIn().execute("logs", "--follow", JOB);

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).containsSubsequence("INFO  [worker] Cloning", "INFO  [worker] Agent done");
            platform.verify(getRequestedFor(urlPathEqualTo("/api/jobs/" + JOB + "/logs/stream"))
                    .withHeader("Accept", equalTo("text/event-stream")));
            platform.verify(getRequestedFor(urlPathEqualTo("/api/jobs/" + JOB + "/logs"))
                    .withQueryParam("afterId", equalTo("2")));
        }

        @Test
        void followPollsWhenThereIsNoStreamAndExitsWithTheRunsOutcome() {
            platform.stubFor(get("/api/jobs/" + JOB).willReturn(okJson(job("failed"))));
            platform.stubFor(get(urlPathEqualTo("/api/jobs/" + JOB + "/logs"))
                    .withQueryParam("afterId", equalTo("0"))
                    .willReturn(okJson("{\"logs\":[" + line(7, "Agent failed") + "],\"nextAfterId\":7}")));
            platform.stubFor(get(urlPathEqualTo("/api/jobs/" + JOB + "/logs"))
                    .withQueryParam("afterId", equalTo("7"))
                    .willReturn(okJson("{\"logs\":[],\"nextAfterId\":7}")));

            CliRunner.Run run = loggedIn().execute("logs", "--follow", JOB, "--json");

            assertThat(run.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
            assertThat(run.out().strip()).startsWith("{\"id\":7,").doesNotContain("\n");
            assertThat(run.err()).contains("Run " + JOB + " failed: The agent ended with an error");
        }
    }

    @Test
    void withoutALoginEveryCommandSaysHowToLogIn() {
        CliRunner.Run run = cli().execute("runs", "list");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.AUTH_FAILED);
        assertThat(run.err()).contains("Not logged in", "viberator login", "VIBERGLASS_URL", "VIBERGLASS_TOKEN");
    }

    @Test
    void aPlatformThatIsDownIsUnreachable() {
        CliRunner.Run run = cli().env("VIBERGLASS_URL", "http://127.0.0.1:1")
                .env("VIBERGLASS_TOKEN", TOKEN)
                .execute("runs", "list");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.PLATFORM_UNREACHABLE);
        assertThat(run.err()).contains("Cannot reach the platform at http://127.0.0.1:1");
    }

    private static void activeClankers(String... slugs) {
        StringBuilder data = new StringBuilder();
        for (String slug : slugs) {
            data.append(data.isEmpty() ? "" : ",")
                    .append("{\"id\":\"")
                    .append(java.util.UUID.nameUUIDFromBytes(slug.getBytes()))
                    .append("\",\"name\":\"")
                    .append(slug)
                    .append("\",\"slug\":\"")
                    .append(slug)
                    .append("\",\"status\":\"active\"}");
        }
        platform.stubFor(get(urlPathEqualTo("/api/clankers")).willReturn(okJson("{\"data\":[" + data + "]}")));
    }

    private static String ticket(String phase) {
        return "{\"id\":\"" + TICKET + "\",\"title\":\"Fix it\",\"workflowPhase\":\"" + phase + "\"}";
    }

    private static String job(String status) {
        String failure = status.equals("failed")
                ? ",\"failure\":{\"code\":\"AGENT_FAILED\",\"summary\":\"The agent ended with an error before "
                        + "finishing the task.\",\"retryable\":true}"
                : "";
        return "{\"id\":\"" + JOB + "\",\"kind\":\"research\",\"status\":\"" + status + "\",\"attempt\":1" + failure
                + "}";
    }

    private static String line(long id, String message) {
        return "{\"id\":" + id + ",\"level\":\"INFO\",\"message\":\"" + message + "\",\"source\":\"worker\","
                + "\"loggedAt\":\"2026-01-02T03:04:05Z\"}";
    }
}
