package io.viberglass.platform.projects;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(DropwizardExtensionsSupport.class)
class ProjectsApiTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(ProjectsApiTest.class);

    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(DB);

    private final Api api = Api.of(APP);
    private final Jdbi jdbi = Jdbi.create(DB.dataSource());

    private JsonNode create(String name) {
        return api.post("/api/projects", Map.of("name", name)).expect(201).json();
    }

    private static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    @Nested
    class Creating {
        @Test
        void createReturns201WithLocationAndDerivedSlug() {
            String name = unique("Web Shop (EU)");

            var reply = api.post(
                            "/api/projects",
                            Map.of(
                                    "name",
                                    name,
                                    "description",
                                    "The shop",
                                    "agentInstructions",
                                    "Run npm test.",
                                    "autoFixEnabled",
                                    true,
                                    "autoFixTags",
                                    List.of("bug", "bug", " ui ")))
                    .expect(201);
            JsonNode project = reply.json();

            assertThat(reply.header("Location"))
                    .endsWith("/api/projects/" + project.get("id").asText());
            assertThat(project.get("slug").asText()).startsWith("web-shop-eu-");
            assertThat(project.get("agentInstructions").asText()).isEqualTo("Run npm test.");
            assertThat(project.get("autoFixEnabled").asBoolean()).isTrue();
            assertThat(project.get("autoFixTags")).extracting(JsonNode::asText).containsExactly("bug", "ui");
            assertThat(project.get("archived").asBoolean()).isFalse();
            String stored = jdbi.withHandle(h -> h.createQuery("select name from projects where id = :id")
                    .bind("id", UUID.fromString(project.get("id").asText()))
                    .mapTo(String.class)
                    .one());
            assertThat(stored).isEqualTo(name);
        }

        @Test
        void namesThatSlugTheSameGetNumberedSlugs() {
            String base = "collide-" + UUID.randomUUID().toString().substring(0, 6);

            String first = create(base + "!").get("slug").asText();
            String second = create(base + "?").get("slug").asText();
            String third = create(base + "#").get("slug").asText();

            assertThat(first).isEqualTo(base);
            assertThat(second).isEqualTo(base + "-2");
            assertThat(third).isEqualTo(base + "-3");
        }

        @Test
        void concurrentCreatesWithCollidingSlugsAllSucceedWithDistinctSlugs() throws Exception {
            String base = "race-" + UUID.randomUUID().toString().substring(0, 6);
            List<CompletableFuture<Api.Reply>> replies = new ArrayList<>();
            var pool = Executors.newFixedThreadPool(6);
            for (int i = 0; i < 6; i++) {
                String name = base + "!".repeat(i + 1);
                replies.add(CompletableFuture.supplyAsync(() -> api.post("/api/projects", Map.of("name", name)), pool));
            }
            pool.shutdown();

            List<String> slugs = replies.stream()
                    .map(CompletableFuture::join)
                    .map(reply -> reply.expect(201).json().get("slug").asText())
                    .toList();

            assertThat(slugs).doesNotHaveDuplicates().hasSize(6).allMatch(slug -> slug.startsWith(base));
        }

        @Test
        void duplicateNameIgnoringCaseIs409() {
            String name = unique("Billing");
            create(name);

            var reply = api.post("/api/projects", Map.of("name", name.toUpperCase()))
                    .expect(409);

            assertThat(reply.json().get("code").asText()).isEqualTo("PROJECT_NAME_TAKEN");
        }

        @Test
        void nameWithoutLettersGetsAFallbackSlug() {
            String slug = create("!!! " + UUID.randomUUID().toString().replaceAll("[a-z0-9]", "?"))
                    .get("slug")
                    .asText();

            assertThat(slug).startsWith("project");
        }
    }

    @Nested
    class BadInput {
        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "{}|name",
                    "{\"name\":\"   \"}|name",
                    "{\"name\":42,\"autoFixEnabled\":\"maybe\"}|autoFixEnabled",
                    "{\"name\":\"x\",\"autoFixTags\":\"bug\"}|autoFixTags",
                    "{\"name\":\"x\",\"webhookUrl\":\"ftp://x\"}|webhookUrl",
                    "{\"name\":\"x\",\"archived\":\"exclude\",\"autoFixTags\":[\"\"]}|autoFixTags[0]",
                })
        void invalidBodyIs400NamingTheField(String body, String field) {
            var reply = api.post("/api/projects", body).expect(400);

            assertThat(reply.json().get("error").asText()).isEqualTo("Validation error");
            assertThat(reply.json().get("details"))
                    .extracting(d -> d.get("field").asText())
                    .contains(field);
        }

        @Test
        void overLongNameIs400() {
            var reply =
                    api.post("/api/projects", Map.of("name", "n".repeat(256))).expect(400);

            assertThat(reply.json().at("/details/0/field").asText()).isEqualTo("name");
        }

        @Test
        void malformedJsonIs400() {
            var reply = api.post("/api/projects", "{\"name\": ").expect(400);

            assertThat(reply.json().get("message").asText()).isEqualTo("Malformed JSON");
        }

        @Test
        void nonUuidIdIs400NamingTheParameter() {
            var reply = api.get("/api/projects/not-a-uuid").expect(400);

            assertThat(reply.json().at("/details/0/field").asText()).isEqualTo("id");
        }

        @Test
        void unknownProjectIs404WithCode() {
            var reply = api.get("/api/projects/" + UUID.randomUUID()).expect(404);

            assertThat(reply.json().get("code").asText()).isEqualTo("PROJECT_NOT_FOUND");
        }

        @Test
        void outOfRangePagingIs400() {
            var reply = api.get("/api/projects?limit=0").expect(400);

            assertThat(reply.json().at("/details/0/field").asText()).isEqualTo("limit");
        }
    }

    @Nested
    class ReadingAndListing {
        @Test
        void getBySlugFindsTheProject() {
            JsonNode project = create(unique("Lookup"));

            JsonNode found = api.get(
                            "/api/projects/by-slug/" + project.get("slug").asText())
                    .expect(200)
                    .json();

            assertThat(found.get("id")).isEqualTo(project.get("id"));
            api.get("/api/projects/by-slug/no-such-slug-" + UUID.randomUUID()).expect(404);
        }

        @Test
        void listIsNewestFirstWithPaginationAndTotal() {
            for (int i = 0; i < 3; i++) {
                create(unique("Paged"));
            }

            JsonNode page =
                    api.get("/api/projects?limit=2&offset=1").expect(200).json();
            JsonNode all = api.get("/api/projects?limit=200").expect(200).json();

            assertThat(page.get("data")).hasSize(2);
            assertThat(page.at("/pagination/limit").asInt()).isEqualTo(2);
            assertThat(page.at("/pagination/offset").asInt()).isEqualTo(1);
            assertThat(page.at("/pagination/count").asInt()).isEqualTo(2);
            assertThat(page.at("/pagination/total").asLong())
                    .isEqualTo(all.at("/pagination/total").asLong());
            List<String> created = new ArrayList<>();
            all.get("data").forEach(p -> created.add(p.get("createdAt").asText()));
            assertThat(created).isSortedAccordingTo(java.util.Comparator.reverseOrder());
            assertThat(page.get("data").get(0).get("id"))
                    .isEqualTo(all.get("data").get(1).get("id"));
        }
    }

    @Nested
    class Updating {
        @Test
        void renameRecomputesTheSlugAndKeepsOtherFields() {
            JsonNode project = api.post(
                            "/api/projects", Map.of("name", unique("Old Name"), "agentInstructions", "Keep me"))
                    .expect(201)
                    .json();
            String newName = unique("Brand New");

            JsonNode updated = api.put("/api/projects/" + project.get("id").asText(), Map.of("name", newName))
                    .expect(200)
                    .json();

            assertThat(updated.get("name").asText()).isEqualTo(newName);
            assertThat(updated.get("slug").asText()).startsWith("brand-new-");
            assertThat(updated.get("agentInstructions").asText()).isEqualTo("Keep me");
        }

        @Test
        void blankTextClearsAFieldAndPatchWorksLikePut() {
            JsonNode project = api.post("/api/projects", Map.of("name", unique("Clear"), "agentInstructions", "x"))
                    .expect(201)
                    .json();
            String path = "/api/projects/" + project.get("id").asText();

            JsonNode updated = api.patch(path, Map.of("agentInstructions", " ", "autoFixEnabled", true))
                    .expect(200)
                    .json();

            assertThat(updated.has("agentInstructions")).isFalse();
            assertThat(updated.get("autoFixEnabled").asBoolean()).isTrue();
        }

        @Test
        void renamingOntoAnotherProjectsNameIs409AndChangesNothing() {
            String taken = unique("Taken");
            create(taken);
            JsonNode project = create(unique("Mine"));
            String path = "/api/projects/" + project.get("id").asText();

            api.put(path, Map.of("name", taken)).expect(409);

            assertThat(api.get(path).expect(200).json().get("name")).isEqualTo(project.get("name"));
        }

        @Test
        void archiveAndUnarchiveAreIdempotentAndFilterTheList() {
            JsonNode project = create(unique("Archivable"));
            String path = "/api/projects/" + project.get("id").asText();

            api.post(path + "/archive", Map.of()).expect(200);
            JsonNode archived =
                    api.post(path + "/archive", Map.of()).expect(200).json();

            assertThat(archived.get("archived").asBoolean()).isTrue();
            assertThat(ids(api.get("/api/projects?limit=200").json()))
                    .doesNotContain(project.get("id").asText());
            assertThat(ids(api.get("/api/projects?limit=200&archived=only").json()))
                    .contains(project.get("id").asText());

            JsonNode restored =
                    api.post(path + "/unarchive", Map.of()).expect(200).json();
            assertThat(restored.get("archived").asBoolean()).isFalse();
            assertThat(restored.has("archivedAt")).isFalse();
        }
    }

    @Nested
    class Deleting {
        @Test
        void deletionSummaryCountsTicketsThenDeleteCascades() {
            JsonNode project = create(unique("Doomed"));
            String id = project.get("id").asText();
            api.post("/api/tickets", Map.of("projectId", id, "title", "A")).expect(201);
            api.post("/api/tickets", Map.of("projectId", id, "title", "B")).expect(201);

            JsonNode summary = api.get("/api/projects/" + id + "/deletion-summary")
                    .expect(200)
                    .json();
            assertThat(summary.get("tickets").asLong()).isEqualTo(2);

            api.delete("/api/projects/" + id).expect(204);

            api.get("/api/projects/" + id).expect(404);
            long remaining = jdbi.withHandle(h -> h.createQuery("select count(*) from tickets where project_id = :id")
                    .bind("id", UUID.fromString(id))
                    .mapTo(Long.class)
                    .one());
            assertThat(remaining).isZero();
            api.delete("/api/projects/" + id).expect(404);
        }
    }

    @Nested
    class ScmConfiguration {
        @Test
        void putGetAndDeleteTheRepositoryConfiguration() {
            String id = create(unique("Scm")).get("id").asText();
            String path = "/api/projects/" + id + "/scm-config";
            api.get(path).expect(404);

            JsonNode config = api.put(
                            path,
                            Map.of(
                                    "repositoryUrl",
                                    "https://github.com/acme/shop.git",
                                    "branchNameTemplate",
                                    "viberator/{{ ticketId }}",
                                    "pullRequestBaseBranch",
                                    "develop"))
                    .expect(200)
                    .json();

            assertThat(config.get("provider").asText()).isEqualTo("github");
            assertThat(config.get("baseBranch").asText()).isEqualTo("main");
            assertThat(config.get("pullRequestBaseBranch").asText()).isEqualTo("develop");
            assertThat(api.get(path).expect(200).json().get("repositoryUrl").asText())
                    .isEqualTo("https://github.com/acme/shop.git");

            JsonNode replaced = api.put(
                            path,
                            Map.of("repositoryUrl", "git@gitlab.example.com:acme/shop.git", "baseBranch", "trunk"))
                    .expect(200)
                    .json();
            assertThat(replaced.get("provider").asText()).isEqualTo("gitlab");
            assertThat(replaced.has("branchNameTemplate")).isFalse();

            api.delete(path).expect(204);
            api.get(path).expect(404);
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "{\"repositoryUrl\":\"not a url\"}|repositoryUrl",
                    "{\"repositoryUrl\":\"https://github.com/a/b\",\"baseBranch\":\"bad..branch\"}|baseBranch",
                    "{\"repositoryUrl\":\"https://github.com/a/b\",\"baseBranch\":\"-x\"}|baseBranch",
                    "{\"repositoryUrl\":\"https://github.com/a/b\",\"provider\":\"svn\"}|provider",
                    "{\"repositoryUrl\":\"https://github.com/a/b\",\"branchNameTemplate\":\"v/{{secret}}\"}|branchNameTemplate",
                    "{\"repositoryUrl\":\"https://github.com/a/b\",\"credentialId\":\"nope\"}|credentialId",
                })
        void invalidConfigurationIs400NamingTheField(String body, String field) {
            String id = create(unique("BadScm")).get("id").asText();

            var reply = api.put("/api/projects/" + id + "/scm-config", body).expect(400);

            assertThat(reply.json().get("details"))
                    .extracting(d -> d.get("field").asText())
                    .contains(field);
        }

        @Test
        void configurationOfUnknownProjectIs404() {
            api.put(
                            "/api/projects/" + UUID.randomUUID() + "/scm-config",
                            Map.of("repositoryUrl", "https://github.com/a/b"))
                    .expect(404);
        }
    }

    @Nested
    class Readiness {
        @Test
        void readinessListsWhatIsMissingThenWhatIsReady() {
            JsonNode project = create(unique("Ready"));
            String id = project.get("id").asText();

            JsonNode before =
                    api.get("/api/projects/" + id + "/readiness").expect(200).json();
            assertThat(before.get("automationAvailable").asBoolean()).isFalse();
            assertThat(state(before, "repository")).isEqualTo("missing");
            assertThat(before.at("/checks/0/remediationUrl").asText())
                    .isEqualTo("/projects/" + project.get("slug").asText() + "/settings");

            api.put("/api/projects/" + id + "/scm-config", Map.of("repositoryUrl", "file:///srv/git/shop.git"))
                    .expect(200);

            JsonNode after =
                    api.get("/api/projects/" + id + "/readiness").expect(200).json();
            assertThat(state(after, "repository")).isEqualTo("ready");
            assertThat(state(after, "scmCredential")).isEqualTo("ready");
        }

        @Test
        void remoteRepositoryWithoutCredentialIsNotReady() {
            String id = create(unique("NoCred")).get("id").asText();
            api.put("/api/projects/" + id + "/scm-config", Map.of("repositoryUrl", "https://github.com/a/b"))
                    .expect(200);

            JsonNode readiness =
                    api.get("/api/projects/" + id + "/readiness").expect(200).json();

            assertThat(state(readiness, "scmCredential")).isEqualTo("missing");
            assertThat(readiness.get("automationAvailable").asBoolean()).isFalse();
        }

        private String state(JsonNode readiness, String key) {
            for (JsonNode check : readiness.get("checks")) {
                if (check.get("key").asText().equals(key)) {
                    return check.get("state").asText();
                }
            }
            throw new AssertionError("No check " + key + " in " + readiness);
        }
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("data").forEach(p -> ids.add(p.get("id").asText()));
        return ids;
    }
}
