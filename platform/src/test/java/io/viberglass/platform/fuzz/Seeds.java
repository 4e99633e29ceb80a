package io.viberglass.platform.fuzz;

import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.Fixtures;
import io.viberglass.platform.testing.IntegrationFixtures;
import io.viberglass.platform.testing.Multipart;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * One of each entity a route can point at, made once through the API, so that fuzzed requests with a valid id get
 * past the lookup and reach body validation. {@link #value} says what a path parameter or id field names.
 */
final class Seeds {
    static final String WEBHOOK_SECRET = "fuzz-secret-" + "w".repeat(24);

    private final Map<String, String> byName = new HashMap<>();
    final String inboundWebhook;

    Seeds(Api admin, Jdbi jdbi) {
        Fixtures fixtures = new Fixtures(admin);
        String project = fixtures.project("https://github.com/acme/shop.git");
        String clanker = fixtures.activeClanker(Map.of());
        String ticket = admin.post("/api/tickets", Map.of("projectId", project, "title", "Fuzz", "description", "Bug"))
                .expect(201)
                .json()
                .get("id")
                .asText();
        admin.put("/api/tickets/" + ticket + "/phases/research/document", Map.of("content", "# Research\n\nIt is.\n"))
                .expect(200);
        String comment = admin.post(
                        "/api/tickets/" + ticket + "/phases/research/comments",
                        Map.of("lineNumber", 1, "content", "Say more"))
                .expect(201)
                .json()
                .get("id")
                .asText();
        String job = admin.post("/api/tickets/" + ticket + "/phases/research/run", Map.of("clankerId", clanker))
                .expect(202)
                .json()
                .get("id")
                .asText();
        Multipart form = new Multipart()
                .field("projectId", project)
                .field("title", "With a screenshot")
                .file("screenshot", "shot.png", "image/png", Multipart.png());
        String withMedia = admin.raw("POST", "/api/tickets", form.contentType(), form.bytes())
                .expect(201)
                .json()
                .get("id")
                .asText();
        String media = jdbi.withHandle(
                h -> h.createQuery("select cast(id as text) from ticket_media where ticket_id = cast(:id as uuid)")
                        .bind("id", withMedia)
                        .mapTo(String.class)
                        .one());
        String template = admin.post(
                        "/api/claw/task-templates",
                        Map.of(
                                "projectId",
                                project,
                                "name",
                                "Fuzz task",
                                "clankerId",
                                clanker,
                                "taskInstructions",
                                "Tidy the changelog."))
                .expect(201)
                .json()
                .get("id")
                .asText();
        String schedule = admin.post(
                        "/api/claw/schedules",
                        Map.of(
                                "projectId",
                                project,
                                "taskTemplateId",
                                template,
                                "name",
                                "Fuzz schedule",
                                "scheduleType",
                                "interval",
                                "intervalExpression",
                                "1h",
                                "isActive",
                                false))
                .expect(201)
                .json()
                .get("id")
                .asText();
        String secret = admin.post(
                        "/api/secrets",
                        Map.of(
                                "name", "FUZZ_SECRET",
                                "projectId", project,
                                "storage", "database",
                                "value", "s3cr3t"))
                .expect(201)
                .json()
                .get("id")
                .asText();
        String user = admin.post(
                        "/api/users",
                        Map.of(
                                "email",
                                "fuzz-" + UUID.randomUUID() + "@example.test",
                                "name",
                                "Fuzz",
                                "password",
                                "correct horse battery staple"))
                .expect(201)
                .json()
                .get("id")
                .asText();
        IntegrationFixtures integrations = new IntegrationFixtures(admin);
        String integration = integrations.integration("github", Map.of("owner", "acme", "repo", "shop"), null);
        inboundWebhook = integrations
                .inbound(integration, project, WEBHOOK_SECRET, Map.of())
                .get("id")
                .asText();

        byName.put("project", project);
        byName.put("projectId", project);
        byName.put("clanker", clanker);
        byName.put("clankerId", clanker);
        byName.put("ticket", ticket);
        byName.put("ticketId", ticket);
        byName.put("commentId", comment);
        byName.put("job", job);
        byName.put("jobId", job);
        byName.put("mediaId", media);
        byName.put("task-templates", template);
        byName.put("taskTemplateId", template);
        byName.put("schedules", schedule);
        byName.put("scheduleId", schedule);
        byName.put("secret", secret);
        byName.put("secretId", secret);
        byName.put("users", user);
        byName.put("userId", user);
        byName.put("integration", integration);
        byName.put("integrationId", integration);
        byName.put("configId", inboundWebhook);
        byName.put("webhookId", inboundWebhook);
        byName.put("provider", "github");
        byName.put("phase", "research");
        byName.put("type", "ticket_research");
        byName.put(
                "slug", admin.get("/api/projects/" + project).json().get("slug").asText());
    }

    /** The seeded value for parameter {@code name} of a route under {@code template}, or null. */
    String value(String template, String name) {
        if (!name.equals("id")) {
            return byName.get(name);
        }
        String[] parts = template.split("/");
        String root = parts.length > 1 ? parts[1] : "";
        return switch (root) {
            case "projects" -> byName.get("project");
            case "tickets" -> byName.get("ticket");
            case "jobs" -> byName.get("job");
            case "clankers" -> byName.get("clanker");
            case "secrets" -> byName.get("secret");
            case "users" -> byName.get("users");
            case "integrations" -> byName.get("integration");
            case "claw" -> byName.get(parts.length > 2 ? parts[2] : "");
            default -> null;
        };
    }

    /** A plausible value for a body field of that name (ids point at seeded entities). */
    String field(String name) {
        return byName.get(name);
    }
}
