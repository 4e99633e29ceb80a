package io.viberglass.platform.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.Multipart;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(DropwizardExtensionsSupport.class)
class TicketsApiTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(TicketsApiTest.class);

    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(DB);

    private final Api api = Api.of(APP);
    private final Jdbi jdbi = Jdbi.create(DB.dataSource());
    private String projectId;

    @BeforeEach
    void newProject() {
        projectId = api.post("/api/projects", Map.of("name", "Tickets " + UUID.randomUUID()))
                .expect(201)
                .json()
                .get("id")
                .asText();
    }

    private JsonNode create(Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(fields);
        body.putIfAbsent("projectId", projectId);
        body.putIfAbsent("title", "Checkout button does nothing");
        return api.post("/api/tickets", body).expect(201).json();
    }

    private long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    @Nested
    class Creating {
        @Test
        void jsonCreateAppliesDefaultsAndStartsInResearch() {
            var reply = api.post(
                            "/api/tickets",
                            Map.of(
                                    "projectId",
                                    projectId,
                                    "title",
                                    "  Broken checkout  ",
                                    "metadata",
                                    Map.of("browser", "Safari 18"),
                                    "annotations",
                                    List.of(Map.of("type", "arrow", "x", 10, "y", 20))))
                    .expect(201);
            JsonNode ticket = reply.json();

            assertThat(reply.header("Location"))
                    .endsWith("/api/tickets/" + ticket.get("id").asText());
            assertThat(ticket.get("title").asText()).isEqualTo("Broken checkout");
            assertThat(ticket.get("severity").asText()).isEqualTo("medium");
            assertThat(ticket.get("category").asText()).isEqualTo("General");
            assertThat(ticket.get("status").asText()).isEqualTo("open");
            assertThat(ticket.get("workflowPhase").asText()).isEqualTo("research");
            assertThat(ticket.get("ticketSystem").asText()).isEqualTo("custom");
            assertThat(ticket.at("/metadata/browser").asText()).isEqualTo("Safari 18");
            assertThat(ticket.at("/annotations/0/type").asText()).isEqualTo("arrow");
            assertThat(api.get("/api/tickets/" + ticket.get("id").asText())
                            .expect(200)
                            .json()
                            .at("/metadata/browser")
                            .asText())
                    .isEqualTo("Safari 18");
        }

        @Test
        void laterPhaseNeedsAReasonAndRecordsTheOverride() {
            var refused = api.post(
                            "/api/tickets",
                            Map.of("projectId", projectId, "title", "Hotfix", "workflowPhase", "execution"))
                    .expect(400);
            assertThat(refused.json().get("code").asText()).isEqualTo("WORKFLOW_OVERRIDE_REASON_REQUIRED");
            assertThat(refused.json().at("/details/0/field").asText()).isEqualTo("workflowOverrideReason");

            JsonNode ticket = create(Map.of("workflowPhase", "execution", "workflowOverrideReason", "Obvious typo"));

            assertThat(ticket.get("workflowPhase").asText()).isEqualTo("execution");
            assertThat(ticket.get("workflowOverrideReason").asText()).isEqualTo("Obvious typo");
            assertThat(ticket.get("workflowOverriddenAt").asText()).isNotBlank();
        }

        @Test
        void multipartCreateStoresScreenshotAndRecordingAndServesThem() {
            Multipart form = new Multipart()
                    .field("projectId", projectId)
                    .field("title", "With media")
                    .field("severity", "high")
                    .field("metadata", "{\"os\":\"macOS\"}")
                    .field("autoFixRequested", "true")
                    .file("screenshot", "shot.png", "image/png", Multipart.png())
                    .file("recording", "clip.mp4", "video/mp4", Multipart.mp4());

            JsonNode ticket = api.raw("POST", "/api/tickets", form.contentType(), form.bytes())
                    .expect(201)
                    .json();

            assertThat(ticket.get("severity").asText()).isEqualTo("high");
            assertThat(ticket.get("autoFixRequested").asBoolean()).isTrue();
            assertThat(ticket.at("/metadata/os").asText()).isEqualTo("macOS");
            assertThat(ticket.get("media"))
                    .extracting(m -> m.get("kind").asText())
                    .containsExactlyInAnyOrder("screenshot", "recording");
            JsonNode screenshot =
                    ticket.get("media").get(0).get("kind").asText().equals("screenshot")
                            ? ticket.get("media").get(0)
                            : ticket.get("media").get(1);
            var content = api.get(screenshot.get("url").asText()).expect(200);
            assertThat(content.header("Content-Type")).isEqualTo("image/png");
            assertThat(content.header("Content-Disposition")).contains("shot.png");
            assertThat(api.bytes(screenshot.get("url").asText())).isEqualTo(Multipart.png());
        }

        @Test
        void uploadThatIsNotAnImageIs400NamingTheFieldAndStoresNothing() throws IOException {
            long before = mediaFiles();
            Multipart form = new Multipart()
                    .field("projectId", projectId)
                    .field("title", "Fake image")
                    .file("screenshot", "evil.png", "image/png", "<html><script>alert(1)</script>".getBytes());

            var reply = api.raw("POST", "/api/tickets", form.contentType(), form.bytes())
                    .expect(400);

            assertThat(reply.json().at("/details/0/field").asText()).isEqualTo("screenshot");
            assertThat(mediaFiles()).isEqualTo(before);
        }

        @Test
        void declaredTypeThatLiesAboutTheContentIs400() {
            Multipart form = new Multipart()
                    .field("projectId", projectId)
                    .field("title", "Liar")
                    .file("screenshot", "x.gif", "image/gif", Multipart.png());

            var reply = api.raw("POST", "/api/tickets", form.contentType(), form.bytes())
                    .expect(400);

            assertThat(reply.json().get("code").asText()).isEqualTo("MEDIA_TYPE_MISMATCH");
        }

        @Test
        void videoAsScreenshotIs400() {
            Multipart form = new Multipart()
                    .field("projectId", projectId)
                    .field("title", "Wrong slot")
                    .file("screenshot", "clip.mp4", "video/mp4", Multipart.mp4());

            api.raw("POST", "/api/tickets", form.contentType(), form.bytes()).expect(400);
        }

        @Test
        void oversizedUploadIs413NamingTheField() {
            byte[] big = new byte[1_048_577];
            System.arraycopy(Multipart.png(), 0, big, 0, Multipart.png().length);
            Multipart form = new Multipart()
                    .field("projectId", projectId)
                    .field("title", "Huge")
                    .file("screenshot", "big.png", "image/png", big);

            var reply = api.raw("POST", "/api/tickets", form.contentType(), form.bytes())
                    .expect(413);

            assertThat(reply.json().at("/details/0/field").asText()).isEqualTo("screenshot");
        }

        @Test
        void multipartWithBadFieldsNamesEachOne() {
            Multipart form = new Multipart()
                    .field("projectId", "nope")
                    .field("title", "")
                    .field("severity", "apocalyptic")
                    .field("metadata", "{not json")
                    .field("autoFixRequested", "yes");

            var reply = api.raw("POST", "/api/tickets", form.contentType(), form.bytes())
                    .expect(400);

            assertThat(reply.json().get("details"))
                    .extracting(d -> d.get("field").asText())
                    .contains("projectId", "title", "severity", "metadata", "autoFixRequested");
        }

        @Test
        void failedCreateForUnknownProjectLeavesNoRowAndNoFile() throws IOException {
            long files = mediaFiles();
            long rows = count("select count(*) from ticket_media");
            Multipart form = new Multipart()
                    .field("projectId", UUID.randomUUID().toString())
                    .field("title", "Orphan")
                    .file("screenshot", "shot.png", "image/png", Multipart.png());

            api.raw("POST", "/api/tickets", form.contentType(), form.bytes()).expect(404);

            assertThat(mediaFiles()).isEqualTo(files);
            assertThat(count("select count(*) from ticket_media")).isEqualTo(rows);
        }

        @Test
        void archivedProjectTakesNoNewTickets() {
            api.post("/api/projects/" + projectId + "/archive", Map.of()).expect(200);

            var reply = api.post("/api/tickets", Map.of("projectId", projectId, "title", "Late"))
                    .expect(409);

            assertThat(reply.json().get("code").asText()).isEqualTo("PROJECT_ARCHIVED");
        }

        private long mediaFiles() throws IOException {
            Path root = Path.of(APP.getConfiguration().getMedia().getLocalRoot());
            if (!Files.exists(root)) {
                return 0;
            }
            try (Stream<Path> files = Files.walk(root)) {
                return files.filter(Files::isRegularFile).count();
            }
        }
    }

    @Nested
    class BadInput {
        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "{\"title\":\"x\"}|projectId",
                    "{\"projectId\":\"not-a-uuid\",\"title\":\"x\"}|projectId",
                    "{\"projectId\":\"PID\"}|title",
                    "{\"projectId\":\"PID\",\"title\":\"x\",\"severity\":\"apocalyptic\"}|severity",
                    "{\"projectId\":\"PID\",\"title\":\"x\",\"workflowPhase\":\"review\"}|workflowPhase",
                    "{\"projectId\":\"PID\",\"title\":\"x\",\"autoFixRequested\":\"perhaps\"}|autoFixRequested",
                    "{\"projectId\":\"PID\",\"title\":\"x\",\"metadata\":[1,2]}|metadata",
                    "{\"projectId\":\"PID\",\"title\":\"x\",\"annotations\":{\"a\":1}}|annotations",
                    "{\"projectId\":\"PID\",\"title\":\"x\",\"externalTicketUrl\":\"javascript:alert(1)\"}|externalTicketUrl",
                })
        void invalidTicketIs400NamingTheField(String body, String field) {
            var reply = api.post("/api/tickets", body.replace("PID", projectId)).expect(400);

            assertThat(reply.json().get("details"))
                    .extracting(d -> d.get("field").asText())
                    .contains(field);
        }

        @Test
        void overLongTitleIs400() {
            var reply = api.post("/api/tickets", Map.of("projectId", projectId, "title", "t".repeat(501)))
                    .expect(400);

            assertThat(reply.json().at("/details/0/field").asText()).isEqualTo("title");
        }

        @Test
        void unknownFilterValueIs400NamingTheFilter() {
            var reply = api.get("/api/tickets?statuses=open,closed").expect(400);

            assertThat(reply.json().at("/details/0/field").asText()).isEqualTo("statuses");
            assertThat(reply.json().at("/details/0/message").asText()).contains("in_review");
        }

        @Test
        void nonUuidProjectFilterIs400() {
            var reply = api.get("/api/tickets?projectId=abc").expect(400);

            assertThat(reply.json().at("/details/0/field").asText()).isEqualTo("projectId");
        }

        @Test
        void unknownTicketIs404AndNonUuidIs400() {
            api.get("/api/tickets/" + UUID.randomUUID()).expect(404);
            api.get("/api/tickets/12345").expect(400);
            api.get("/api/tickets/media/" + UUID.randomUUID() + "/content").expect(404);
        }

        @Test
        void emptyBulkListIs400() {
            var reply = api.post("/api/tickets/archive", Map.of("ticketIds", List.of()))
                    .expect(400);

            assertThat(reply.json().at("/details/0/field").asText()).isEqualTo("ticketIds");
        }
    }

    @Nested
    class UpdatingAndStatus {
        @Test
        void partialUpdateKeepsOtherFields() {
            JsonNode ticket = create(Map.of("description", "Keep", "category", "UI"));
            String path = "/api/tickets/" + ticket.get("id").asText();

            JsonNode updated = api.put(path, Map.of("title", "New title", "severity", "critical"))
                    .expect(200)
                    .json();

            assertThat(updated.get("title").asText()).isEqualTo("New title");
            assertThat(updated.get("severity").asText()).isEqualTo("critical");
            assertThat(updated.get("description").asText()).isEqualTo("Keep");
            assertThat(updated.get("category").asText()).isEqualTo("UI");
        }

        @Test
        void inReviewIsReadBackAsInReview() {
            JsonNode ticket = create(Map.of());
            String path = "/api/tickets/" + ticket.get("id").asText();

            api.post(path + "/set-status", Map.of("status", "in_review")).expect(200);

            assertThat(api.get(path).expect(200).json().get("status").asText()).isEqualTo("in_review");
            JsonNode listed = api.get("/api/tickets?projectId=" + projectId + "&statuses=in_review")
                    .expect(200)
                    .json();
            assertThat(listed.at("/data/0/status").asText()).isEqualTo("in_review");
        }

        @Test
        void settingAnExternalIdDoesNotResolveTheTicket() {
            JsonNode ticket = create(Map.of());

            JsonNode updated = api.put(
                            "/api/tickets/" + ticket.get("id").asText(), Map.of("externalTicketId", "SHOP-42"))
                    .expect(200)
                    .json();

            assertThat(updated.get("status").asText()).isEqualTo("open");
            assertThat(updated.get("externalTicketId").asText()).isEqualTo("SHOP-42");
        }

        @Test
        void unknownStatusIs400() {
            JsonNode ticket = create(Map.of());

            api.post("/api/tickets/" + ticket.get("id").asText() + "/set-status", Map.of("status", "done"))
                    .expect(400);
        }

        @Test
        void deleteRemovesTicketAndItsMedia() {
            Multipart form = new Multipart()
                    .field("projectId", projectId)
                    .field("title", "Gone")
                    .file("screenshot", "shot.png", "image/png", Multipart.png());
            JsonNode ticket = api.raw("POST", "/api/tickets", form.contentType(), form.bytes())
                    .expect(201)
                    .json();
            String mediaUrl = ticket.at("/media/0/url").asText();

            api.delete("/api/tickets/" + ticket.get("id").asText()).expect(204);

            api.get("/api/tickets/" + ticket.get("id").asText()).expect(404);
            api.get(mediaUrl).expect(404);
        }
    }

    @Nested
    class Listing {
        @Test
        void filtersCombineAndPaginationReportsTheTotal() {
            create(Map.of("title", "Login fails on Safari", "severity", "high", "category", "Auth"));
            create(Map.of("title", "Typo in footer", "severity", "low", "category", "UI"));
            JsonNode planning = create(Map.of(
                    "title",
                    "Slow search page",
                    "severity",
                    "high",
                    "workflowPhase",
                    "planning",
                    "workflowOverrideReason",
                    "Known fix"));
            String inProgress = create(Map.of("title", "Crash on 100% zoom", "severity", "critical"))
                    .get("id")
                    .asText();
            api.post("/api/tickets/" + inProgress + "/set-status", Map.of("status", "in_progress"))
                    .expect(200);
            String base = "/api/tickets?projectId=" + projectId;

            assertThat(titles(base + "&severity=high"))
                    .containsExactlyInAnyOrder("Login fails on Safari", "Slow search page");
            assertThat(titles(base + "&workflowPhases=planning")).containsExactly("Slow search page");
            assertThat(titles(base + "&statuses=in_progress")).containsExactly("Crash on 100% zoom");
            assertThat(titles(base + "&category=UI")).containsExactly("Typo in footer");
            assertThat(titles(base + "&search=SAFARI")).containsExactly("Login fails on Safari");
            assertThat(titles(base + "&search=100%25")).containsExactly("Crash on 100% zoom");
            assertThat(titles(base + "&search=%25")).containsExactly("Crash on 100% zoom");
            assertThat(titles(base + "&severity=high,critical&statuses=open"))
                    .containsExactlyInAnyOrder("Login fails on Safari", "Slow search page");

            JsonNode page = api.get(base + "&limit=3&offset=2").expect(200).json();
            assertThat(page.at("/pagination/total").asLong()).isEqualTo(4);
            assertThat(page.at("/pagination/count").asInt()).isEqualTo(2);
            JsonNode all = api.get(base).expect(200).json();
            assertThat(all.at("/data/0/id").asText()).isEqualTo(inProgress);
            assertThat(all.at("/data/1/id")).isEqualTo(planning.get("id"));
        }

        @Test
        void projectSlugFilterFindsTheSameTickets() {
            create(Map.of("title", "By slug"));
            String slug =
                    api.get("/api/projects/" + projectId).json().get("slug").asText();

            assertThat(titles("/api/tickets?projectSlug=" + slug)).containsExactly("By slug");
            api.get("/api/tickets?projectSlug=no-such-" + UUID.randomUUID()).expect(404);
        }

        @Test
        void bulkArchiveHidesTicketsAndCountsOnlyChangedOnes() {
            String a = create(Map.of("title", "A")).get("id").asText();
            String b = create(Map.of("title", "B")).get("id").asText();
            create(Map.of("title", "C"));
            String base = "/api/tickets?projectId=" + projectId;

            assertThat(api.post("/api/tickets/archive", Map.of("ticketIds", List.of(a, b)))
                            .expect(200)
                            .json()
                            .get("updatedCount")
                            .asInt())
                    .isEqualTo(2);
            assertThat(api.post("/api/tickets/archive", Map.of("ticketIds", List.of(a)))
                            .expect(200)
                            .json()
                            .get("updatedCount")
                            .asInt())
                    .isZero();
            assertThat(titles(base)).containsExactly("C");
            assertThat(titles(base + "&archived=only")).containsExactlyInAnyOrder("A", "B");
            assertThat(titles(base + "&archived=include")).hasSize(3);

            assertThat(api.post("/api/tickets/unarchive", Map.of("ticketIds", List.of(a)))
                            .expect(200)
                            .json()
                            .get("updatedCount")
                            .asInt())
                    .isEqualTo(1);
            assertThat(titles(base)).containsExactlyInAnyOrder("A", "C");
        }

        @Test
        void statisticsCountByStatusPhaseSeverityCategoryAndAutoFix() {
            create(Map.of("severity", "high", "category", "UI", "autoFixRequested", true));
            create(Map.of("severity", "low", "category", "UI"));
            String third = create(Map.of("severity", "high", "category", "API"))
                    .get("id")
                    .asText();
            api.post("/api/tickets/" + third + "/set-status", Map.of("status", "in_review"))
                    .expect(200);

            JsonNode stats = api.get("/api/tickets/stats?projectId=" + projectId)
                    .expect(200)
                    .json();

            assertThat(stats.get("total").asLong()).isEqualTo(3);
            assertThat(stats.get("open").asLong()).isEqualTo(2);
            assertThat(stats.get("inReview").asLong()).isEqualTo(1);
            assertThat(stats.at("/byPhase/research").asLong()).isEqualTo(3);
            assertThat(stats.at("/byPhase/execution").asLong()).isZero();
            assertThat(stats.at("/bySeverity/high").asLong()).isEqualTo(2);
            assertThat(stats.at("/byCategory/UI").asLong()).isEqualTo(2);
            assertThat(stats.at("/autoFix/requested").asLong()).isEqualTo(1);
        }

        private List<String> titles(String path) {
            List<String> titles = new ArrayList<>();
            api.get(path)
                    .expect(200)
                    .json()
                    .get("data")
                    .forEach(t -> titles.add(t.get("title").asText()));
            return titles;
        }
    }
}
