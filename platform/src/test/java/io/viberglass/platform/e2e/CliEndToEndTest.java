package io.viberglass.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.ShopFixture;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import io.viberglass.platform.testing.ViberatorCli;
import io.viberglass.viberator.testing.GitFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code viberator} command line as developers and CI pipelines use it: the built jar, run as a separate process,
 * logged in with a real API token (or given {@code VIBERGLASS_URL} / {@code VIBERGLASS_TOKEN}, as in CI), against the
 * platform on real PostgreSQL with authentication on, whose local invoker runs the real worker with a fake Claude
 * Code. A ticket's description can pick the fake agent's behaviour ({@code fake-agent:slow} sleeps five seconds, then
 * edits instead of writing a document, so the run fails).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CliEndToEndTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(CliEndToEndTest.class);

    static final ShopFixture SHOP = ShopFixture.create("vg-cli-e2e-");
    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(DB, SHOP.workerOverrides());
    private final Api api = Api.of(APP);
    private String token;
    private ViberatorCli cli;
    private String projectId;

    @BeforeEach
    void shopWithARunnerAndAnApiToken() {
        if (api.get("/api/projects/by-slug/shop").status() == 404) {
            SHOP.project(api);
            SHOP.clanker(api);
        }
        projectId = api.get("/api/projects/by-slug/shop").json().get("id").asText();
        token = api.post("/api/api-tokens", Map.of("name", "viberator e2e", "scope", "write"))
                .expect(201)
                .json()
                .get("token")
                .asText();
        cli = ViberatorCli.withConfig(SHOP.work().resolve("ci/config.json"))
                .env("VIBERGLASS_URL", api.base())
                .env("VIBERGLASS_TOKEN", token);
    }

    @AfterAll
    static void stopGitHub() {
        SHOP.stop();
    }

    @Test
    void aTicketFromStandardInputBecomesAPullRequestThroughResearchPlanApprovalAndExecution() throws Exception {
        assertThat(cli.run("projects", "list", "--json")
                        .json()
                        .at("/projects/0/slug")
                        .asText())
                .isEqualTo("shop");

        ViberatorCli.Result created = cli.runWithInput(
                "The home page should greet visitors.\nSay hello.\n",
                "tickets",
                "create",
                "--project",
                "shop",
                "--title",
                "Greet visitors",
                "--label",
                "web,copy",
                "--severity",
                "high",
                "--description-file",
                "-",
                "--json");
        assertThat(created.exitCode()).as("%s", created).isZero();
        String ticket = created.json().get("id").asText();
        assertThat(created.json().get("description").asText())
                .isEqualTo("The home page should greet visitors.\nSay hello.\n");
        assertThat(created.json().at("/metadata/labels"))
                .extracting(JsonNode::asText)
                .containsExactly("web", "copy");
        assertThat(created.json().get("severity").asText()).isEqualTo("high");

        ViberatorCli.Result research = cli.run(
                "tickets", "run", ticket, "--phase", "research", "--wait", "--poll-interval", "250ms", "--json");
        assertThat(research.exitCode()).as("%s", research).isZero();
        assertThat(research.json().get("outcome").asText()).isEqualTo("completed");
        assertThat(research.err()).contains("Queued research run");

        ViberatorCli.Result tooEarly = cli.run("tickets", "run", ticket, "--phase", "execution", "--wait");
        assertThat(tooEarly.exitCode()).as("%s", tooEarly).isEqualTo(15);
        assertThat(tooEarly.err()).contains("viberator plan approve " + ticket);

        ViberatorCli.Result planning = cli.run(
                "tickets", "run", ticket, "--phase", "planning", "--wait", "--poll-interval", "250ms", "--json");
        assertThat(planning.exitCode()).as("%s", planning).isZero();
        assertThat(planning.err()).contains("Moving the ticket from research to planning");
        assertThat(planning.json().get("nextStep").asText()).contains("plan approve " + ticket);

        ViberatorCli.Result plan = cli.run("plan", "show", ticket);
        assertThat(plan.exitCode()).isZero();
        assertThat(plan.out()).startsWith("Plan\n").contains("1. Do it.").doesNotContain("\033[", "# Plan");
        assertThat(plan.err()).contains("revision 1", "draft");

        ViberatorCli.Result approved = cli.run("plan", "approve", ticket, "--json");
        assertThat(approved.exitCode()).as("%s", approved).isZero();
        assertThat(approved.json().get("approvalState").asText()).isEqualTo("approved");

        ViberatorCli.Result execution = cli.run(
                "tickets", "run", ticket, "--phase", "execution", "--wait", "--poll-interval", "250ms", "--json");
        assertThat(execution.exitCode()).as("%s", execution).isZero();
        JsonNode result = execution.json();
        assertThat(result.get("outcome").asText()).isEqualTo("completed");
        assertThat(result.get("exitCode").asInt()).isZero();
        assertThat(result.get("pullRequestUrl").asText()).isEqualTo(ShopFixture.PULL_REQUEST_URL);
        assertThat(result.get("branch").asText()).isEqualTo("viberator/" + ticket);
        assertThat(GitFixtures.files(SHOP.remote(), "viberator/" + ticket)).contains("HELLO.md");

        JsonNode runs = cli.run("runs", "list", "--ticket", ticket, "--json").json();
        assertThat(runs.get("runs"))
                .extracting(run -> run.get("kind").asText())
                .containsExactly("execution", "planning", "research");
        assertThat(cli.run("tickets", "show", ticket, "--json")
                        .json()
                        .get("pullRequestUrl")
                        .asText())
                .isEqualTo(ShopFixture.PULL_REQUEST_URL);
        ViberatorCli.Result shown = cli.run("runs", "show", result.get("jobId").asText());
        assertThat(shown.exitCode()).isZero();
        assertThat(shown.out()).contains("completed", ShopFixture.PULL_REQUEST_URL, "push");
    }

    @Test
    void aWrongTokenGetsTheAuthExitCodeAndSaysWhatToDo() {
        ViberatorCli developer = ViberatorCli.withConfig(SHOP.work().resolve("wrong/config.json"));
        ViberatorCli.Result login =
                developer.runWithInput("vibe_" + "0".repeat(64) + "\n", "login", api.base(), "--token-stdin");

        assertThat(login.exitCode()).as("%s", login).isEqualTo(16);
        assertThat(login.err()).contains("Login failed: the platform at " + api.base() + " refused the API token");
        assertThat(SHOP.work().resolve("wrong/config.json")).doesNotExist();

        ViberatorCli.Result ci = cli.env("VIBERGLASS_TOKEN", "vibe_revoked").run("tickets", "list", "--json");
        assertThat(ci.exitCode()).as("%s", ci).isEqualTo(16);
        assertThat(ci.err()).contains("refused the API token", "VIBERGLASS_TOKEN");
        assertThat(ci.json().at("/error/exitCode").asInt()).isEqualTo(16);
    }

    @Test
    void logsFollowPrintsLinesWhileTheRunGoesOnAndExitsWithItsOutcome() throws InterruptedException {
        String ticket = slowTicket();
        ViberatorCli.Result started = cli.run("tickets", "run", ticket, "--phase", "research");
        assertThat(started.exitCode()).as("%s", started).isZero();
        String job = started.out().strip();

        ViberatorCli.Running follow = cli.background("logs", "--follow", "--poll-interval", "200ms", job);
        ViberatorCli.Line first = follow.nextLine(Duration.ofSeconds(60));
        assertThat(first).as("a log line while the run goes on").isNotNull();
        int exit = follow.waitFor(Duration.ofSeconds(120));

        JsonNode ended = api.get("/api/jobs/" + job).json();
        assertThat(ended.get("status").asText()).isEqualTo("failed");
        assertThat(first.arrivedAt())
                .isBefore(Instant.parse(ended.get("finishedAt").asText()));
        assertThat(exit).as("exit code of a failed run").isEqualTo(14);
        List<String> rest = follow.remainingLines();
        assertThat(String.join("\n", rest)).contains("Thinking slowly.");
        assertThat(follow.err().join()).contains("Run " + job + " failed");
    }

    @Test
    void exitCodesTellTimedOutCancelledNotFoundUnreachableAndNotLoggedIn() throws InterruptedException {
        String ticket = slowTicket();
        ViberatorCli.Result gaveUp =
                cli.run("tickets", "run", ticket, "--phase", "research", "--wait", "--timeout", "1s", "--json");
        assertThat(gaveUp.exitCode()).as("%s", gaveUp).isEqualTo(6);
        assertThat(gaveUp.json().get("outcome").asText()).isEqualTo("timed_out");
        String job = gaveUp.json().get("jobId").asText();

        ViberatorCli.Result cancel = cli.run("runs", "cancel", job);
        assertThat(cancel.exitCode()).as("%s", cancel).isZero();
        assertThat(cancel.out()).contains("cancelled");
        assertThat(cli.run("runs", "show", job).exitCode()).isEqualTo(7);
        assertThat(cli.run("logs", "--follow", job).exitCode()).isEqualTo(7);

        ViberatorCli.Result missing =
                cli.run("tickets", "show", UUID.randomUUID().toString());
        assertThat(missing.exitCode()).isEqualTo(17);
        assertThat(missing.err()).containsIgnoringCase("not found");
        ViberatorCli.Result missingJson =
                cli.run("runs", "show", UUID.randomUUID().toString(), "--json");
        assertThat(missingJson.exitCode()).isEqualTo(17);
        assertThat(missingJson.json().at("/error/exitCode").asInt()).isEqualTo(17);

        ViberatorCli.Result down =
                cli.env("VIBERGLASS_URL", "http://127.0.0.1:1").run("projects", "list");
        assertThat(down.exitCode()).isEqualTo(13);
        assertThat(down.err()).contains("Cannot reach the platform at http://127.0.0.1:1");

        ViberatorCli.Result anonymous = ViberatorCli.withConfig(SHOP.work().resolve("nobody/config.json"))
                .run("tickets", "list");
        assertThat(anonymous.exitCode()).isEqualTo(16);
        assertThat(anonymous.err()).contains("Not logged in", "viberator login");
    }

    private String slowTicket() {
        return api.post(
                        "/api/tickets",
                        Map.of(
                                "projectId",
                                projectId,
                                "title",
                                "Think it over",
                                "description",
                                "Take your time. fake-agent:slow"))
                .expect(201)
                .json()
                .get("id")
                .asText();
    }
}
