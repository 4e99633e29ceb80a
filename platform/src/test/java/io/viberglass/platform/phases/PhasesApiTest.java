package io.viberglass.platform.phases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.Fixtures;
import io.viberglass.platform.testing.RecordingWorker;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(DropwizardExtensionsSupport.class)
class PhasesApiTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(PhasesApiTest.class);

    static final RecordingWorker WORKER = new RecordingWorker();
    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(DB, WORKER.overrides());

    private static final String PLAN = "# Plan\n\n1. Find the greeting\n2. Make it kind\n3. Add a test\n";

    private final Api api = Api.of(APP);
    private final Fixtures fixtures = new Fixtures(api);
    private String projectId;
    private String clankerId;
    private String ticketId;
    private String base;

    @BeforeEach
    void scenery() {
        projectId = fixtures.project("https://github.com/acme/shop.git");
        clankerId = fixtures.activeClanker(Map.of());
        ticketId = api.post(
                        "/api/tickets",
                        Map.of(
                                "projectId",
                                projectId,
                                "title",
                                "Greeting is rude",
                                "description",
                                "The home page says 'go away'."))
                .expect(201)
                .json()
                .get("id")
                .asText();
        base = "/api/tickets/" + ticketId;
    }

    private String status() {
        return api.get(base).json().get("status").asText();
    }

    /** Runs a phase through the callbacks as a worker would, finishing with {@code document}. */
    private String runPhaseAsWorker(String runPath, Map<String, Object> body, String document) {
        String jobId =
                api.post(base + runPath, body).expect(202).json().get("jobId").asText();
        RecordingWorker.Invocation worker = WORKER.awaitInvocation(jobId);
        Api as = api.withHeader("X-Callback-Token", worker.token());
        as.get("/api/jobs/" + jobId + "/bootstrap").expect(200);
        as.post(
                        "/api/jobs/" + jobId + "/result",
                        Map.of(
                                "success",
                                true,
                                "outcome",
                                "succeeded",
                                "documentContent",
                                document,
                                "executionTimeMs",
                                10))
                .expect(200);
        return jobId;
    }

    private JsonNode payloadOf(String runPath, Map<String, Object> body) {
        String jobId =
                api.post(base + runPath, body).expect(202).json().get("jobId").asText();
        RecordingWorker.Invocation worker = WORKER.awaitInvocation(jobId);
        return api.withHeader("X-Callback-Token", worker.token())
                .get("/api/jobs/" + jobId + "/bootstrap")
                .expect(200)
                .json();
    }

    @Nested
    class Workflow {
        @Test
        void phasesViewShowsWhereTheTicketIs() {
            JsonNode view = api.get(base + "/phases").expect(200).json();

            assertThat(view.get("workflowPhase").asText()).isEqualTo("research");
            assertThat(view.get("phases"))
                    .extracting(
                            p -> p.get("phase").asText() + ":" + p.get("status").asText())
                    .containsExactly("research:current", "planning:upcoming", "execution:upcoming");
        }

        @Test
        void advanceGoesOneStepAndRefusesJumps() {
            var jump = api.post(base + "/phases/execution/advance", Map.of()).expect(409);
            assertThat(jump.json().get("code").asText()).isEqualTo("WORKFLOW_TRANSITION_NOT_ALLOWED");

            api.post(base + "/phases/planning/advance", Map.of()).expect(200);
            api.post(base + "/phases/planning/advance", Map.of()).expect(200);

            assertThat(api.get(base + "/phases").json().get("workflowPhase").asText())
                    .isEqualTo("planning");
            assertThat(status()).isEqualTo("in_progress");
            api.post(base + "/phases/review/advance", Map.of()).expect(400);
        }

        @Test
        void manualSetGoesAnywhere() {
            api.put(base + "/workflow/phase", Map.of("workflowPhase", "execution"))
                    .expect(200);
            JsonNode back = api.put(base + "/workflow/phase", Map.of("workflowPhase", "research"))
                    .expect(200)
                    .json();

            assertThat(back.get("workflowPhase").asText()).isEqualTo("research");
        }

        @Test
        void overrideToExecutionNeedsAReasonAndHappensOnce() {
            assertThat(api.post(base + "/workflow/override-to-execution", Map.of("reason", " "))
                            .expect(400)
                            .json()
                            .get("code")
                            .asText())
                    .isEqualTo("WORKFLOW_OVERRIDE_REASON_REQUIRED");

            JsonNode view = api.post(base + "/workflow/override-to-execution", Map.of("reason", "Typo fix"))
                    .expect(200)
                    .json();

            assertThat(view.get("workflowPhase").asText()).isEqualTo("execution");
            assertThat(view.get("workflowOverrideReason").asText()).isEqualTo("Typo fix");
            assertThat(view.get("workflowOverriddenBy").asText()).isNotBlank();
            assertThat(api.post(base + "/workflow/override-to-execution", Map.of("reason", "again"))
                            .expect(409)
                            .json()
                            .get("code")
                            .asText())
                    .isEqualTo("WORKFLOW_ALREADY_OVERRIDDEN");
        }
    }

    @Nested
    class Documents {
        @Test
        void aPhaseWithoutDocumentReadsAsAnEmptyDraft() {
            JsonNode phase = api.get(base + "/phases/research").expect(200).json();

            assertThat(phase.at("/document/content").asText()).isEmpty();
            assertThat(phase.at("/document/approvalState").asText()).isEqualTo("draft");
            assertThat(phase.has("latestRun")).isFalse();
            api.get(base + "/phases/execution").expect(400);
        }

        @Test
        void aManualEditIsARevisionThatRequestsApproval() {
            JsonNode document = api.put(base + "/phases/research/document", Map.of("content", "# Notes\nfirst"))
                    .expect(200)
                    .json();
            api.put(base + "/phases/research/document", Map.of("content", "# Notes\nsecond"))
                    .expect(200);

            assertThat(document.get("approvalState").asText()).isEqualTo("approval_requested");
            assertThat(document.get("revision").asInt()).isEqualTo(1);
            JsonNode revisions =
                    api.get(base + "/phases/research/revisions").expect(200).json();
            assertThat(revisions)
                    .extracting(
                            r -> r.get("number").asInt() + ":" + r.get("source").asText())
                    .containsExactly("2:manual", "1:manual");
            assertThat(status()).isEqualTo("in_review");
        }

        @Test
        void anAgentRunStoresRESEARCHmdAsARevisionAndListsTheRun() {
            runPhaseAsWorker(
                    "/phases/research/run",
                    Map.of("clankerId", clankerId),
                    "# Research\nThe string is in " + "home.js\n");

            JsonNode phase = api.get(base + "/phases/research").expect(200).json();
            assertThat(phase.at("/document/content").asText()).startsWith("# Research");
            assertThat(phase.at("/document/approvalState").asText()).isEqualTo("draft");
            assertThat(phase.at("/latestRun/status").asText()).isEqualTo("completed");
            assertThat(phase.at("/latestRun/clankerId").asText()).isEqualTo(clankerId);
            assertThat(api.get(base + "/phases/research/revisions")
                            .json()
                            .at("/0/source")
                            .asText())
                    .isEqualTo("agent");
            assertThat(status()).isEqualTo("in_progress");
        }

        @Test
        void editingWhileARunOfThePhaseIsActiveIs409() {
            api.post(base + "/phases/research/run", Map.of("clankerId", clankerId))
                    .expect(202);

            var reply = api.put(base + "/phases/research/document", Map.of("content", "mine"))
                    .expect(409);

            assertThat(reply.json().get("code").asText()).isEqualTo("PHASE_RUN_ACTIVE");
            assertThat(status()).isEqualTo("in_progress");
        }

        @Test
        void researchRunsOnlyInResearchAndPlanningNotBeforeIt() {
            assertThat(api.post(base + "/phases/planning/run", Map.of("clankerId", clankerId))
                            .expect(400)
                            .json()
                            .get("code")
                            .asText())
                    .isEqualTo("PLANNING_RUN_INVALID_PHASE");
            api.post(base + "/phases/planning/advance", Map.of()).expect(200);
            assertThat(api.post(base + "/phases/research/run", Map.of("clankerId", clankerId))
                            .expect(400)
                            .json()
                            .get("code")
                            .asText())
                    .isEqualTo("RESEARCH_RUN_INVALID_PHASE");
        }
    }

    @Nested
    class Comments {
        @BeforeEach
        void plan() {
            api.put(base + "/phases/research/document", Map.of("content", PLAN)).expect(200);
        }

        @Test
        void commentsAnchorToExistingLinesOnly() {
            var created = api.post(
                            base + "/phases/research/comments",
                            Map.of(
                                    "lineNumber",
                                    3,
                                    "content",
                                    "Which file?",
                                    "suggestion",
                                    "1. Find the greeting in src/home.js"))
                    .expect(201)
                    .json();

            assertThat(created.get("lineText").asText()).isEqualTo("1. Find the greeting");
            assertThat(created.get("status").asText()).isEqualTo("open");
            assertThat(api.post(base + "/phases/research/comments", Map.of("lineNumber", 99, "content", "x"))
                            .expect(400)
                            .json()
                            .get("code")
                            .asText())
                    .isEqualTo("COMMENT_LINE_OUT_OF_RANGE");
            assertThat(api.post(base + "/phases/research/comments", Map.of("lineNumber", 0, "content", "x"))
                            .expect(400)
                            .json()
                            .at("/details/0/field")
                            .asText())
                    .isEqualTo("lineNumber");
            assertThat(api.post(base + "/phases/research/comments", Map.of("lineNumber", 1, "content", " "))
                            .expect(400)
                            .json()
                            .get("code")
                            .asText())
                    .isEqualTo("COMMENT_CONTENT_REQUIRED");
            assertThat(api.post(base + "/phases/planning/comments", Map.of("lineNumber", 1, "content", "x"))
                            .expect(400)
                            .json()
                            .get("code")
                            .asText())
                    .isEqualTo("COMMENT_ON_EMPTY_DOCUMENT");
        }

        @Test
        void resolveAndReopen() {
            String id = api.post(base + "/phases/research/comments", Map.of("lineNumber", 4, "content", "kind how?"))
                    .expect(201)
                    .json()
                    .get("id")
                    .asText();
            String path = base + "/phases/research/comments/" + id;

            JsonNode resolved =
                    api.put(path, Map.of("status", "resolved")).expect(200).json();
            assertThat(resolved.get("resolvedBy").asText()).isNotBlank();
            JsonNode reopened = api.put(path, Map.of("status", "open", "content", "kind how, exactly?"))
                    .expect(200)
                    .json();
            assertThat(reopened.has("resolvedAt")).isFalse();
            assertThat(reopened.get("content").asText()).isEqualTo("kind how, exactly?");
            api.put(path, Map.of("status", "outdated")).expect(400);
            api.put(base + "/phases/research/comments/" + UUID.randomUUID(), Map.of("status", "open"))
                    .expect(404);
        }

        @Test
        void commentsFollowTheirLineIntoANewRevisionOrBecomeOutdated() {
            String moved = api.post(base + "/phases/research/comments", Map.of("lineNumber", 4, "content", "ok"))
                    .expect(201)
                    .json()
                    .get("id")
                    .asText();
            String lost = api.post(base + "/phases/research/comments", Map.of("lineNumber", 5, "content", "test?"))
                    .expect(201)
                    .json()
                    .get("id")
                    .asText();

            api.put(
                            base + "/phases/research/document",
                            Map.of(
                                    "content",
                                    "# Plan\n\nContext first.\n\n1. Find the " + "greeting\n2. Make it kind\n"))
                    .expect(200);

            List<JsonNode> comments = List.copyOf(
                    toList(api.get(base + "/phases/research/comments").json()));
            JsonNode movedNow = comments.stream()
                    .filter(c -> c.get("id").asText().equals(moved))
                    .findFirst()
                    .orElseThrow();
            JsonNode lostNow = comments.stream()
                    .filter(c -> c.get("id").asText().equals(lost))
                    .findFirst()
                    .orElseThrow();
            assertThat(movedNow.get("lineNumber").asInt()).isEqualTo(6);
            assertThat(movedNow.get("revision").asInt()).isEqualTo(2);
            assertThat(lostNow.get("status").asText()).isEqualTo("outdated");
        }

        @Test
        void aRevisionRunSendsTheMessageAndTheOpenCommentsToTheAgent() {
            api.post(
                            base + "/phases/research/comments",
                            Map.of(
                                    "lineNumber",
                                    3,
                                    "content",
                                    "Name the file",
                                    "suggestion",
                                    "1. Find the greeting in home.js"))
                    .expect(201);

            JsonNode payload = payloadOf(
                    "/phases/research/revision", Map.of("clankerId", clankerId, "revisionMessage", "Be more specific"));

            String task = payload.get("task").asText();
            assertThat(payload.get("kind").asText()).isEqualTo("research");
            assertThat(task)
                    .contains("Be more specific")
                    .contains("- Line 3 (by " + Api.ADMIN_EMAIL + "): Name the file")
                    .contains("**Suggestion:**")
                    .contains("1. Find the greeting in home.js")
                    .contains("1. Make it kind".replace("1.", "2."));
        }
    }

    @Nested
    class Approval {
        @BeforeEach
        void inPlanning() {
            api.post(base + "/phases/planning/advance", Map.of()).expect(200);
        }

        @Test
        void approvingWithoutAPlanIs400() {
            assertThat(api.post(base + "/phases/planning/approve", Map.of())
                            .expect(400)
                            .json()
                            .get("code")
                            .asText())
                    .isEqualTo("DOCUMENT_MISSING");
        }

        @Test
        void approveMovesToExecutionOnceAndRecordsTheTrail() {
            runPhaseAsWorker("/phases/planning/run", Map.of("clankerId", clankerId), PLAN);
            api.post(base + "/phases/planning/request-approval", Map.of()).expect(200);
            assertThat(status()).isEqualTo("in_review");

            JsonNode approved = api.post(base + "/phases/planning/approve", Map.of())
                    .expect(200)
                    .json();

            assertThat(approved.get("approvalState").asText()).isEqualTo("approved");
            assertThat(approved.get("approvedBy").asText()).isNotBlank();
            assertThat(api.get(base + "/phases").json().get("workflowPhase").asText())
                    .isEqualTo("execution");
            assertThat(status()).isEqualTo("open");
            assertThat(api.post(base + "/phases/planning/approve", Map.of())
                            .expect(409)
                            .json()
                            .get("code")
                            .asText())
                    .isEqualTo("ALREADY_APPROVED");
            assertThat(toList(api.get(base + "/phases/planning/approvals").json()))
                    .extracting(e -> e.get("action").asText())
                    .containsExactly("approval_requested", "approved");
        }

        @Test
        void executionNeedsTheApprovedPlan() {
            api.put(base + "/workflow/phase", Map.of("workflowPhase", "execution"))
                    .expect(200);
            assertThat(api.post(base + "/run", Map.of("clankerId", clankerId))
                            .expect(409)
                            .json()
                            .get("code")
                            .asText())
                    .isEqualTo("EXECUTION_BLOCKED_UNAPPROVED_PLAN");

            api.put(base + "/workflow/phase", Map.of("workflowPhase", "planning"))
                    .expect(200);
            api.put(base + "/phases/planning/document", Map.of("content", PLAN)).expect(200);
            api.post(base + "/phases/planning/approve", Map.of()).expect(200);
            JsonNode payload = payloadOf("/run", Map.of("clankerId", clankerId));

            assertThat(payload.get("kind").asText()).isEqualTo("execution");
            assertThat(payload.get("task").asText()).contains("<approved-plan>").contains("2. Make it kind");
            assertThat(payload.at("/ticket/planDocument").asText()).isEqualTo(PLAN);
        }

        @Test
        void revokingAnApprovalReturnsToDraft() {
            api.put(base + "/phases/planning/document", Map.of("content", PLAN)).expect(200);
            api.post(base + "/phases/planning/approve", Map.of()).expect(200);

            JsonNode revoked = api.post(base + "/phases/planning/revoke-approval", Map.of())
                    .expect(200)
                    .json();

            assertThat(revoked.get("approvalState").asText()).isEqualTo("draft");
            assertThat(revoked.has("approvedBy")).isFalse();
            api.post(base + "/phases/planning/revoke-approval", Map.of()).expect(409);
        }

        @Test
        void rejectingSendsThePlanBackWithTheReasonUntilANewRevision() {
            api.put(base + "/phases/planning/document", Map.of("content", PLAN)).expect(200);

            JsonNode rejected = api.post(
                            base + "/phases/planning/reject", Map.of("reason", "Step 2 breaks the public API"))
                    .expect(200)
                    .json();

            assertThat(rejected.get("approvalState").asText()).isEqualTo("rejected");
            assertThat(api.get(base + "/phases/planning/approvals").json()).anySatisfy(event -> {
                assertThat(event.get("action").asText()).isEqualTo("rejected");
                assertThat(event.get("comment").asText()).isEqualTo("Step 2 breaks the public API");
            });
            api.post(base + "/phases/planning/reject", Map.of()).expect(409);
            api.post(base + "/phases/planning/approve", Map.of()).expect(200);
            api.post(base + "/phases/planning/reject", Map.of()).expect(409);
            api.post(base + "/phases/planning/reject", Map.of("reason", "x".repeat(2001)))
                    .expect(400);
        }
    }

    @Nested
    class PromptTemplates {
        @Test
        void aProjectOverrideChangesTheTaskTheAgentGets() {
            String path = "/api/projects/" + projectId + "/prompt-templates/ticket_research";
            JsonNode entry = api.put(
                            path,
                            Map.of(
                                    "template",
                                    "Investigate {{ticketTitle}} for {{projectName}} " + "and write RESEARCH.md"))
                    .expect(200)
                    .json();
            assertThat(entry.get("isDefault").asBoolean()).isFalse();
            assertThat(entry.get("projectOverride").asText()).startsWith("Investigate");

            JsonNode payload = payloadOf("/phases/research/run", Map.of("clankerId", clankerId));

            assertThat(payload.get("task").asText()).startsWith("Investigate Greeting is rude for Runs ");
            api.delete(path).expect(204);
            api.delete(path).expect(404);
        }

        @Test
        void templatesWithUnknownVariablesOrBadSyntaxOrTypesAre400() {
            String path = "/api/projects/" + projectId + "/prompt-templates/";
            assertThat(api.put(path + "ticket_research", Map.of("template", "{{ticketTitel}}"))
                            .expect(400)
                            .json()
                            .get("code")
                            .asText())
                    .isEqualTo("PROMPT_TEMPLATE_UNKNOWN_VARIABLE");
            assertThat(api.put(path + "ticket_research", Map.of("template", "{{#a}}"))
                            .expect(400)
                            .json()
                            .get("code")
                            .asText())
                    .isEqualTo("PROMPT_TEMPLATE_INVALID");
            assertThat(api.put(path + "ticket_nonsense", Map.of("template", "x"))
                            .expect(400)
                            .json()
                            .get("code")
                            .asText())
                    .isEqualTo("INVALID_PROMPT_TYPE");
            api.put("/api/projects/" + UUID.randomUUID() + "/prompt-templates/ticket_research", Map.of("template", "x"))
                    .expect(404);
        }

        @Test
        void systemDefaultsListEveryTypeWithItsVariables() {
            JsonNode list = api.get("/api/prompt-templates").expect(200).json();

            assertThat(toList(list))
                    .extracting(e -> e.get("type").asText())
                    .containsExactly(
                            "ticket_research",
                            "ticket_research_revision_task",
                            "ticket_planning_with_research",
                            "ticket_planning_without_research",
                            "ticket_planning_revision_task",
                            "ticket_developing",
                            "claw_scheduled_task");
            assertThat(list.at("/0/variables")).extracting(JsonNode::asText).contains("ticketTitle");
        }
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> items = new java.util.ArrayList<>();
        array.forEach(items::add);
        return items;
    }
}
