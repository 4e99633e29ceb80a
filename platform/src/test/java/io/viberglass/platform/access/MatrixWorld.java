package io.viberglass.platform.access;

import com.fasterxml.jackson.databind.JsonNode;
import io.viberglass.common.security.Tokens;
import io.viberglass.platform.testing.Accounts;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.Multipart;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The scenery of the authorization matrix, built once: project A with a viewer, member, approver and admin, a user of
 * another project, padmin's API tokens, a job whose callback token another job's caller holds, and one of everything
 * a route can point at. {@link #prepare} turns a route and a caller into a concrete call; calls that change state get
 * a fresh target of their own, so the order of calls never matters.
 */
final class MatrixWorld {
    /** The callers, in the order of the table's columns. */
    enum Caller {
        ANON,
        OTHER,
        VIEWER,
        MEMBER,
        APPROVER,
        PADMIN,
        GADMIN,
        TOK_R,
        TOK_W,
        TOK_A,
        JOB
    }

    record Call(String method, String path, Object body) {}

    private final Api anonymous;
    private Accounts accounts;
    private final Jdbi jdbi;
    private final Map<Caller, String> bearers = new EnumMap<>(Caller.class);
    private final Map<Caller, Accounts.Login> users = new EnumMap<>(Caller.class);
    private Api admin;

    private final String projectA;
    private final String slugA;
    private final String clanker;
    private final String clankerSlug;
    private final String ticket;
    private final String comment;
    private final String media;
    private final String job;
    private final String jobToken;
    private final String jobTenant;
    private final String template;
    private final String schedule;
    private final String execution;
    private final String secret;
    private final Accounts.Login spare;
    private final String integration;
    private final String github;
    private final String inbound;
    private final String delivery;
    private final String outbound;
    private final String credential;
    private final String session;
    private final String endedSession;

    MatrixWorld(Api firstAdmin, Jdbi jdbi) {
        this.anonymous = Api.anonymous(firstAdmin.base());
        this.accounts = new Accounts(firstAdmin);
        this.jdbi = jdbi;
        relogin(Caller.GADMIN);

        projectA = project("A");
        slugA = admin.get("/api/projects/" + projectA).json().get("slug").asText();
        String projectB = project("B");
        users.put(Caller.OTHER, accounts.member());
        users.put(Caller.VIEWER, accounts.member());
        users.put(Caller.MEMBER, accounts.member());
        users.put(Caller.APPROVER, accounts.member());
        users.put(Caller.PADMIN, accounts.member());
        spare = accounts.member();
        accounts.grant(projectB, users.get(Caller.OTHER), "admin");
        grantAll(projectA);
        users.forEach((caller, login) -> bearers.put(caller, login.token()));
        bearers.put(Caller.TOK_R, accounts.token(bearers.get(Caller.PADMIN), "read"));
        bearers.put(Caller.TOK_W, accounts.token(bearers.get(Caller.PADMIN), "write"));
        bearers.put(Caller.TOK_A, accounts.token(bearers.get(Caller.PADMIN), "admin"));

        JsonNode runner = admin.post("/api/clankers", clankerBody()).expect(201).json();
        clanker = runner.get("id").asText();
        clankerSlug = runner.get("slug").asText();
        admin.post("/api/clankers/" + clanker + "/start", Map.of()).expect(200);

        ticket = ticketWithResearch();
        comment = admin.post(
                        "/api/tickets/" + ticket + "/phases/research/comments",
                        Map.of("lineNumber", 1, "content", "Say more"))
                .expect(201)
                .json()
                .get("id")
                .asText();
        media = mediaOfNewTicket();
        job = queuedJob();
        String otherJob = queuedJob();
        jobToken = "matrix-callback-token-" + UUID.randomUUID();
        jdbi.useHandle(h -> h.createUpdate("update jobs set callback_token_hash = :hash where id = cast(:id as uuid)")
                .bind("hash", Tokens.sha256Hex(jobToken))
                .bind("id", otherJob)
                .execute());
        jobTenant = jdbi.withHandle(h -> h.createQuery("select tenant_id from jobs where id = cast(:id as uuid)")
                .bind("id", otherJob)
                .mapTo(String.class)
                .one());
        template = template();
        schedule = schedule(true);
        execution = UUID.randomUUID().toString();
        jdbi.useHandle(h -> h.createUpdate("insert into claw_executions (id, schedule_id, slot_at, status, created_at) "
                        + "values (cast(:id as uuid), cast(:schedule as uuid), now(), 'completed', now())")
                .bind("id", execution)
                .bind("schedule", schedule)
                .execute());
        secret = secret();
        integration = linkedIntegration();
        github = admin.post(
                        "/api/integrations",
                        Map.of(
                                "name",
                                "GitHub " + UUID.randomUUID(),
                                "system",
                                "github",
                                "config",
                                Map.of("owner", "acme", "repo", "shop")))
                .expect(201)
                .json()
                .get("id")
                .asText();
        admin.post("/api/integrations/project/" + projectA + "/link", Map.of("integrationId", github))
                .expect(201);
        inbound = inboundConfig(integration);
        delivery = failedDelivery();
        outbound = admin.post("/api/integrations/" + integration + "/webhooks/outbound", outboundBody())
                .expect(201)
                .json()
                .get("id")
                .asText();
        credential = newCredential();
        session = liveSession();
        endedSession = liveSession();
        admin.post("/api/agent-sessions/" + endedSession + "/cancel", Map.of()).expect(200);
    }

    /** The client a caller uses: its bearer, a job's callback headers, or nothing. */
    Api client(Caller caller) {
        return switch (caller) {
            case ANON -> anonymous;
            case JOB -> anonymous.withHeader("X-Callback-Token", jobToken).withHeader("X-Tenant-Id", jobTenant);
            default -> anonymous.as(bearers.get(caller));
        };
    }

    /** After a call that ends sessions (sign-out, revoke-all), the user signs in again so later calls still work. */
    void afterCall(String route, Caller caller) {
        boolean logout = route.equals("POST /auth/logout");
        if (!logout && !route.equals("POST /auth/sessions/revoke-all")) {
            return;
        }
        switch (caller) {
            case TOK_W, TOK_A -> {
                if (!logout) {
                    relogin(Caller.PADMIN);
                }
            }
            case ANON, JOB, TOK_R -> {}
            default -> relogin(caller);
        }
    }

    private void relogin(Caller caller) {
        if (caller == Caller.GADMIN) {
            String token = accounts.login(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
            bearers.put(Caller.GADMIN, token);
            admin = anonymous.as(token);
            accounts = new Accounts(admin);
        } else {
            bearers.put(caller, accounts.login(users.get(caller).email()));
        }
    }

    Call prepare(String route, Caller caller) {
        String method = route.substring(0, route.indexOf(' '));
        String pattern = route.substring(route.indexOf(' ') + 1);
        return switch (route) {
            case "DELETE /api-tokens/{id}" -> new Call(method, "/api/api-tokens/" + ownToken(caller), null);
            case "POST /api-tokens" -> new Call(method, "/api/api-tokens", Map.of("name", "matrix", "scope", "read"));
            case "POST /mcp" ->
                new Call(method, "/api/mcp", "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"tools/list\"}");
            case "POST /webhooks/slack" ->
                new Call(method, "/api/webhooks/slack", Map.of("type", "url_verification", "challenge", "matrix"));
            case "POST /auth/login" ->
                new Call(method, "/api/auth/login", Map.of("email", spare.email(), "password", Accounts.PASSWORD));
            case "POST /auth/logout" -> new Call(method, "/api/auth/logout", Map.of());
            case "POST /auth/links/inspect" -> new Call(method, api(pattern), Map.of("token", freshLinkToken()));
            case "POST /auth/links/redeem" ->
                new Call(method, api(pattern), Map.of("token", freshLinkToken(), "password", Accounts.PASSWORD));
            case "POST /auth/setup" ->
                new Call(
                        method,
                        "/api/auth/setup",
                        Map.of("email", "late@example.test", "name", "Late", "password", Accounts.PASSWORD));
            case "POST /auth/password" ->
                new Call(
                        method,
                        api(pattern),
                        Map.of("currentPassword", "not the current password", "newPassword", "whatever it is now"));
            case "POST /admin/audit/verify", "POST /auth/sessions/revoke-all" ->
                new Call(method, api(pattern), Map.of());
            case "POST /clankers" -> new Call(method, "/api/clankers", clankerBody());
            case "PUT /clankers/{id}" -> new Call(method, "/api/clankers/" + clanker, Map.of("description", "Edited"));
            case "DELETE /clankers/{id}", "POST /clankers/{id}/start" ->
                new Call(method, path(pattern, Map.of("id", newClanker(false))), null);
            case "POST /clankers/{id}/deactivate", "POST /clankers/{id}/stop" ->
                new Call(method, path(pattern, Map.of("id", newClanker(true))), Map.of());
            case "PUT /clankers/{id}/instruction-files/{path}" ->
                new Call(method, path(pattern, Map.of()), Map.of("content", "# Edited\n"));
            case "DELETE /clankers/{id}/instruction-files/{path}" ->
                new Call(method, path(pattern, Map.of("id", newClanker(false))), null);
            case "POST /claw/schedules" -> new Call(method, "/api/claw/schedules", scheduleBody(template(), true));
            case "PUT /claw/schedules/{id}" -> new Call(method, path(pattern, ids()), Map.of("description", "Edited"));
            case "DELETE /claw/schedules/{id}", "POST /claw/schedules/{id}/pause" ->
                new Call(method, path(pattern, Map.of("id", schedule(true))), Map.of());
            case "POST /claw/schedules/{id}/resume" ->
                new Call(method, path(pattern, Map.of("id", schedule(false))), Map.of());
            case "POST /claw/task-templates" -> new Call(method, "/api/claw/task-templates", templateBody());
            case "PUT /claw/task-templates/{id}" ->
                new Call(method, path(pattern, ids()), Map.of("description", "Edited"));
            case "DELETE /claw/task-templates/{id}" -> new Call(method, path(pattern, Map.of("id", template())), null);
            case "DELETE /jobs/{id}", "POST /jobs/{id}/retry" ->
                new Call(method, path(pattern, Map.of("id", cancelledJob())), Map.of());
            case "POST /jobs/{id}/cancel" -> new Call(method, path(pattern, Map.of("id", queuedJob())), Map.of());
            case "POST /jobs/{id}/progress" -> new Call(method, path(pattern, ids()), fixture("progress-update.json"));
            // no caller holds a Docker dispatch's one-time bundle token: sessions and callback tokens are refused
            case "POST /jobs/{id}/secret-bundle" -> new Call(method, path(pattern, ids()), Map.of());
            case "POST /jobs/{id}/logs/batch" -> new Call(method, path(pattern, ids()), fixture("log-batch.json"));
            case "POST /jobs/{id}/result" ->
                new Call(method, path(pattern, ids()), fixture("job-result-succeeded.json"));
            case "POST /projects" -> new Call(method, "/api/projects", Map.of("name", "Matrix " + UUID.randomUUID()));
            case "DELETE /projects/{id}", "POST /projects/{id}/archive", "DELETE /projects/{id}/scm-config" ->
                new Call(method, path(pattern, Map.of("id", project("Fresh"))), Map.of());
            case "PUT /projects/{id}", "PATCH /projects/{id}" ->
                new Call(method, path(pattern, ids()), Map.of("description", "Edited"));
            case "POST /projects/{id}/unarchive" -> new Call(method, path(pattern, ids()), Map.of());
            case "POST /projects/{id}/members" ->
                new Call(method, path(pattern, ids()), Map.of("email", spare.email(), "role", "viewer"));
            case "PUT /projects/{id}/members/{userId}" ->
                new Call(method, path(pattern, ids()), Map.of("role", "viewer"));
            case "DELETE /projects/{id}/members/{userId}" -> {
                accounts.grant(projectA, spare, "viewer");
                yield new Call(method, path(pattern, ids()), null);
            }
            case "PUT /projects/{id}/prompt-templates/{type}", "PUT /prompt-templates/{type}" ->
                new Call(method, path(pattern, ids()), Map.of("template", "Look into the ticket carefully."));
            case "DELETE /projects/{id}/prompt-templates/{type}", "DELETE /prompt-templates/{type}" -> {
                admin.put(api(path(pattern, ids())), Map.of("template", "Look into it."))
                        .expect(200);
                yield new Call(method, path(pattern, ids()), null);
            }
            case "PUT /projects/{id}/scm-config" ->
                new Call(method, path(pattern, ids()), Map.of("repositoryUrl", "https://github.com/acme/shop.git"));
            case "POST /secrets" -> new Call(method, "/api/secrets", secretBody());
            case "PUT /secrets/{id}" -> new Call(method, path(pattern, ids()), Map.of("value", "rotated value"));
            case "DELETE /secrets/{id}" -> new Call(method, path(pattern, Map.of("id", secret())), null);
            case "POST /tickets" ->
                new Call(
                        method, "/api/tickets", Map.of("projectId", projectA, "title", "Matrix", "description", "Bug"));
            case "POST /tickets/archive", "POST /tickets/unarchive" ->
                new Call(method, api(pattern), Map.of("ticketIds", java.util.List.of(newTicket())));
            case "DELETE /tickets/{id}" -> new Call(method, path(pattern, Map.of("id", newTicket())), null);
            case "PUT /tickets/{id}", "PATCH /tickets/{id}" ->
                new Call(method, path(pattern, ids()), Map.of("title", "Edited title"));
            case "POST /tickets/{id}/set-status" ->
                new Call(method, path(pattern, ids()), Map.of("status", "in_progress"));
            case "POST /tickets/{id}/phases/research/run" ->
                new Call(method, path(pattern, Map.of("id", newTicket())), Map.of("clankerId", clanker));
            case "POST /tickets/{id}/phases/planning/run" ->
                new Call(method, path(pattern, Map.of("id", ticketIn("planning"))), Map.of("clankerId", clanker));
            case "POST /tickets/{id}/run", "POST /tickets/{id}/phases/execution/run" ->
                new Call(method, path(pattern, Map.of("id", ticketIn("execution"))), Map.of("clankerId", clanker));
            case "POST /tickets/{id}/phases/{phase}/revision" ->
                new Call(
                        method,
                        path(pattern, Map.of("id", ticketWithResearch(), "phase", "research")),
                        Map.of("clankerId", clanker, "revisionMessage", "Be more specific"));
            case "POST /tickets/{id}/phases/{phase}/advance" ->
                new Call(method, path(pattern, Map.of("id", newTicket(), "phase", "planning")), Map.of());
            case "POST /tickets/{id}/phases/{phase}/approve",
                    "POST /tickets/{id}/phases/{phase}/revoke-approval",
                    "POST /tickets/{id}/phases/{phase}/reject" ->
                new Call(method, path(pattern, Map.of("id", ticketWithResearch(), "phase", "research")), Map.of());
            case "POST /tickets/{id}/phases/{phase}/request-approval" ->
                new Call(method, path(pattern, ids()), Map.of());
            case "POST /tickets/{id}/phases/{phase}/comments" ->
                new Call(method, path(pattern, ids()), Map.of("lineNumber", 1, "content", "A remark"));
            case "PUT /tickets/{id}/phases/{phase}/comments/{commentId}" ->
                new Call(method, path(pattern, ids()), Map.of("content", "An edited remark"));
            case "PUT /tickets/{id}/phases/{phase}/document" ->
                new Call(method, path(pattern, ids()), Map.of("content", RESEARCH));
            case "POST /tickets/{id}/workflow/override-to-execution" ->
                new Call(method, path(pattern, Map.of("id", newTicket())), Map.of("reason", "Urgent and small"));
            case "PUT /projects/{id}/trust" ->
                new Call(
                        method,
                        path(pattern, ids()),
                        Map.of("trustedIdentities", List.of("github:octocat"), "trustRepositoryMembers", true));
            case "POST /tickets/{id}/trust/approve" ->
                new Call(method, path(pattern, Map.of("id", untrustedTicket())), Map.of());
            case "POST /tickets/{id}/trust/reject" ->
                new Call(method, path(pattern, Map.of("id", untrustedTicket())), Map.of("reason", "Not for us"));
            case "POST /tickets/{id}/trust/holds/{holdId}/approve" -> {
                String held = newTicket();
                yield new Call(method, path(pattern, Map.of("id", held, "holdId", heldRun(held))), Map.of());
            }
            case "POST /tickets/{id}/trust/holds/{holdId}/reject" -> {
                String held = newTicket();
                yield new Call(
                        method,
                        path(pattern, Map.of("id", held, "holdId", heldRun(held))),
                        Map.of("reason", "Not for us"));
            }
            case "PUT /tickets/{id}/workflow/phase" ->
                new Call(method, path(pattern, Map.of("id", newTicket())), Map.of("workflowPhase", "planning"));
            case "POST /users" ->
                new Call(
                        method,
                        "/api/users",
                        Map.of(
                                "email",
                                "matrix-" + UUID.randomUUID() + "@example.test",
                                "name",
                                "Matrix",
                                "password",
                                Accounts.PASSWORD));
            case "POST /users/invites" ->
                new Call(
                        method,
                        "/api/users/invites",
                        Map.of("email", "matrix-" + UUID.randomUUID() + "@example.test", "name", "Matrix"));
            case "POST /users/{id}/password-reset-link" ->
                new Call(method, path(pattern, Map.of("id", newUser())), Map.of());
            case "PATCH /users/{id}/role" -> new Call(method, path(pattern, ids()), Map.of("role", "member"));
            case "POST /users/{id}/deactivate", "POST /users/{id}/reactivate" ->
                new Call(method, path(pattern, Map.of("id", newUser())), Map.of());
            case "POST /integrations" -> new Call(method, "/api/integrations", integrationBody());
            case "PUT /integrations/{id}" ->
                new Call(method, path(pattern, ids()), Map.of("name", "Renamed " + UUID.randomUUID()));
            case "DELETE /integrations/{id}" -> new Call(method, path(pattern, Map.of("id", newIntegration())), null);
            case "POST /integrations/{id}/test" -> new Call(method, path(pattern, Map.of("id", github)), Map.of());
            case "POST /integrations/{integrationId}/credentials" ->
                new Call(method, path(pattern, ids()), credentialBody());
            case "PUT /integrations/{integrationId}/credentials/{credentialId}" ->
                new Call(method, path(pattern, ids()), Map.of("description", "Renamed " + UUID.randomUUID()));
            case "DELETE /integrations/{integrationId}/credentials/{credentialId}" ->
                new Call(method, path(pattern, Map.of("credentialId", newCredential())), null);
            case "POST /integrations/project/{projectId}/link" ->
                new Call(method, path(pattern, ids()), Map.of("integrationId", newIntegration()));
            case "DELETE /integrations/project/{projectId}/link/{integrationId}" ->
                new Call(method, path(pattern, Map.of("integrationId", linkedIntegration())), null);
            case "PUT /integrations/project/{projectId}/primary/{integrationId}" ->
                new Call(method, path(pattern, Map.of("integrationId", github)), Map.of());
            case "POST /integrations/{integrationId}/webhooks/inbound" ->
                new Call(
                        method,
                        path(pattern, Map.of("integrationId", linkedIntegration())),
                        Map.of("projectId", projectA));
            case "PUT /integrations/{integrationId}/webhooks/inbound/{configId}" ->
                new Call(method, path(pattern, ids()), Map.of("botUsername", "vibebot", "clankerId", clanker));
            case "DELETE /integrations/{integrationId}/webhooks/inbound/{configId}" -> {
                String fresh = linkedIntegration();
                yield new Call(
                        method, path(pattern, Map.of("integrationId", fresh, "configId", inboundConfig(fresh))), null);
            }
            case "POST /integrations/{integrationId}/webhooks/inbound/{configId}/deliveries/{deliveryId}/redeliver" ->
                new Call(method, path(pattern, Map.of("deliveryId", failedDelivery())), Map.of());
            case "POST /integrations/{integrationId}/webhooks/outbound" ->
                new Call(method, path(pattern, ids()), outboundBody());
            case "PUT /integrations/{integrationId}/webhooks/outbound/{targetId}" ->
                new Call(method, path(pattern, ids()), Map.of("name", "Renamed target"));
            case "DELETE /integrations/{integrationId}/webhooks/outbound/{targetId}" ->
                new Call(method, path(pattern, Map.of("targetId", outboundTarget())), null);
            case "POST /integrations/{integrationId}/webhooks/outbound/{targetId}/test" ->
                new Call(method, path(pattern, ids()), Map.of());
            case "POST /webhooks/{provider}/{webhookId}" -> new Call(method, path(pattern, ids()), "{}");
            case "POST /tickets/{id}/agent-sessions" ->
                new Call(
                        method,
                        path(pattern, Map.of("id", newTicket())),
                        Map.of("mode", "research", "clankerId", clanker, "message", "Matrix"));
            case "POST /agent-sessions/{id}/message" ->
                new Call(method, path(pattern, Map.of("id", liveSession())), Map.of("messageText", "Matrix"));
            case "POST /agent-sessions/{id}/cancel" ->
                new Call(method, path(pattern, Map.of("id", liveSession())), Map.of());
            case "POST /agent-sessions/{id}/reply" ->
                new Call(method, path(pattern, Map.of("id", waitingSession("input"))), Map.of("replyText", "Yes"));
            case "POST /agent-sessions/{id}/approve" ->
                new Call(method, path(pattern, Map.of("id", waitingSession("approval"))), Map.of("approved", true));
            case "GET /agent-sessions/{id}/events/stream" ->
                // an ended session's stream sends its history and ends, so the call returns
                new Call(method, path(pattern, Map.of("id", endedSession)), null);
            case "GET /jobs/{id}/logs/stream" -> new Call(method, path(pattern, Map.of("id", cancelledJob())), null);
            case "POST /jobs/{id}/session-events/batch" ->
                new Call(
                        method,
                        path(pattern, ids()),
                        Map.of("events", List.of(Map.of("type", "progress", "payload", Map.of("text", "x")))));
            case "POST /jobs/{id}/acp-session-id" ->
                new Call(method, path(pattern, ids()), Map.of("acpSessionId", "acp-matrix"));
            case "PUT /jobs/{id}/session-state" -> new Call(method, path(pattern, ids()), SESSION_STATE);
            case "POST /jobs/{id}/permission-requests" ->
                new Call(
                        method,
                        path(pattern, ids()),
                        Map.of(
                                "title",
                                "Run the tests",
                                "options",
                                List.of(Map.of("optionId", "allow", "name", "Allow", "kind", "allow_once"))));
            case "PUT /clankers/{id}/egress" -> new Call(method, path(pattern, ids()), Map.of("mode", "open"));
            case "PUT /clankers/{id}/cost-controls" ->
                new Call(method, path(pattern, ids()), Map.of("modelBroker", true));
            case "PUT /projects/{id}/cost-controls" -> new Call(method, path(pattern, ids()), Map.of());
            case "POST /llm/{jobId}/{provider}/{path}" ->
                // no caller holds the job's proxy token: sessions, API tokens and callback tokens are all refused
                new Call(
                        method,
                        path(pattern, Map.of("jobId", job, "provider", "anthropic", "path", "v1/messages")),
                        Map.of("model", "any", "messages", List.of()));
            case "GET /claw/schedules/preview" ->
                new Call(method, api(pattern) + "?scheduleType=interval&intervalExpression=1h", null);
            default -> {
                if (!method.equals("GET")) {
                    throw new IllegalStateException("MatrixWorld has no call for " + route + ": add one");
                }
                yield new Call(method, path(pattern, ids()), null);
            }
        };
    }

    /** What a path parameter names when a call needs no fresh target. */
    private Map<String, String> ids() {
        Map<String, String> ids = new HashMap<>();
        ids.put("slug", slugA);
        ids.put("phase", "research");
        ids.put("commentId", comment);
        ids.put("mediaId", media);
        ids.put("type", "ticket_research");
        ids.put("userId", spare.userId());
        ids.put("projectId", projectA);
        ids.put("integrationId", integration);
        ids.put("configId", inbound);
        ids.put("deliveryId", delivery);
        ids.put("targetId", outbound);
        ids.put("credentialId", credential);
        ids.put("provider", "custom");
        ids.put("webhookId", inbound);
        ids.put("path", "AGENTS.md");
        ids.put("name", "local");
        ids.put("requestId", UUID.randomUUID().toString());
        return ids;
    }

    private String path(String template, Map<String, String> ids) {
        Map<String, String> all = new HashMap<>(ids());
        all.putAll(ids);
        all.putIfAbsent("id", defaultId(template));
        String path = template;
        for (Map.Entry<String, String> id : all.entrySet()) {
            path = path.replace("{" + id.getKey() + "}", id.getValue());
        }
        if (template.startsWith("/clankers/by-slug")) {
            path = path.replace(slugA, clankerSlug);
        }
        return api(path);
    }

    private String defaultId(String template) {
        String[] parts = template.split("/");
        String root = parts.length > 1 ? parts[1] : "";
        return switch (root) {
            case "projects" -> projectA;
            case "tickets" -> ticket;
            case "jobs" -> job;
            case "agent-sessions" -> session;
            case "clankers" -> clanker;
            case "secrets" -> secret;
            case "users" -> spare.userId();
            case "integrations" -> integration;
            case "claw" ->
                template.startsWith("/claw/task-templates")
                        ? this.template
                        : template.startsWith("/claw/schedules") ? schedule : execution;
            default -> "none";
        };
    }

    private static String api(String path) {
        return path.startsWith("/api/") ? path : "/api" + path;
    }

    // --- fresh targets, made by the global admin ---

    private static final String RESEARCH = "# Research\n\nThe greeting is rude.\nIt lives in home.js.\n";

    private String project(String name) {
        String id = admin.post("/api/projects", Map.of("name", "Matrix " + name + " " + UUID.randomUUID()))
                .expect(201)
                .json()
                .get("id")
                .asText();
        admin.put("/api/projects/" + id + "/scm-config", Map.of("repositoryUrl", "https://github.com/acme/shop.git"))
                .expect(200);
        if (!users.isEmpty()) {
            grantAll(id);
        }
        return id;
    }

    private void grantAll(String projectId) {
        accounts.grant(projectId, users.get(Caller.VIEWER), "viewer");
        accounts.grant(projectId, users.get(Caller.MEMBER), "member");
        accounts.grant(projectId, users.get(Caller.APPROVER), "approver");
        accounts.grant(projectId, users.get(Caller.PADMIN), "admin");
    }

    private String newTicket() {
        return admin.post("/api/tickets", Map.of("projectId", projectA, "title", "Fresh", "description", "Bug"))
                .expect(201)
                .json()
                .get("id")
                .asText();
    }

    /** A ticket as a webhook from an untrusted outside author leaves it: awaiting an approver. */
    private String untrustedTicket() {
        String id = newTicket();
        jdbi.useHandle(
                h -> h.createUpdate("insert into ticket_authors (ticket_id, provider, identity, trusted, reason, "
                                + "state, created_at) values (cast(:id as uuid), 'github', 'mallory', false, 'not listed', "
                                + "'awaiting', now())")
                        .bind("id", id)
                        .execute());
        return id;
    }

    /** A follow-up an untrusted reviewer asked for on {@code ticketId}, held for an approver. */
    private String heldRun(String ticketId) {
        String id = UUID.randomUUID().toString();
        jdbi.useHandle(h -> h.createUpdate("insert into trust_holds (id, ticket_id, kind, provider, identity, reason, "
                        + "run, created_at) values (cast(:id as uuid), cast(:ticket as uuid), 'follow_up', 'github', "
                        + "'mallory', 'not listed', '{}'::jsonb, now())")
                .bind("id", id)
                .bind("ticket", ticketId)
                .execute());
        return id;
    }

    private String ticketIn(String phase) {
        return admin.post(
                        "/api/tickets",
                        Map.of(
                                "projectId",
                                projectA,
                                "title",
                                "Fresh in " + phase,
                                "description",
                                "Bug",
                                "workflowPhase",
                                phase,
                                "workflowOverrideReason",
                                "Set up by the matrix"))
                .expect(201)
                .json()
                .get("id")
                .asText();
    }

    private String ticketWithResearch() {
        String id = newTicket();
        admin.put("/api/tickets/" + id + "/phases/research/document", Map.of("content", RESEARCH))
                .expect(200);
        return id;
    }

    private String mediaOfNewTicket() {
        Multipart form = new Multipart()
                .field("projectId", projectA)
                .field("title", "With a screenshot")
                .file("screenshot", "shot.png", "image/png", Multipart.png());
        String id = admin.raw("POST", "/api/tickets", form.contentType(), form.bytes())
                .expect(201)
                .json()
                .get("id")
                .asText();
        return jdbi.withHandle(
                h -> h.createQuery("select cast(id as text) from ticket_media where ticket_id = cast(:id as uuid)")
                        .bind("id", id)
                        .mapTo(String.class)
                        .one());
    }

    private String queuedJob() {
        return admin.post("/api/tickets/" + newTicket() + "/phases/research/run", Map.of("clankerId", clanker))
                .expect(202)
                .json()
                .get("id")
                .asText();
    }

    /** The body of a conversation-state upload, sent as {@code application/gzip} by the matrix test. */
    static final byte[] SESSION_STATE = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0};

    /** A live research session of project A (its first turn queued: the matrix runs no dispatcher). */
    private String liveSession() {
        return admin.post(
                        "/api/tickets/" + newTicket() + "/agent-sessions",
                        Map.of("mode", "research", "clankerId", clanker, "message", "Matrix"))
                .expect(201)
                .json()
                .get("session")
                .get("id")
                .asText();
    }

    /** A live session waiting on a person: an open question ({@code input}) or permission request. */
    private String waitingSession(String requestType) {
        String id = liveSession();
        jdbi.useHandle(h -> {
            h.createUpdate("insert into agent_pending_requests (id, session_id, request_type, status, "
                            + "prompt_markdown, request_json, created_at, updated_at) values (gen_random_uuid(), "
                            + "cast(:id as uuid), :type, 'open', 'Go on?', cast(:json as jsonb), now(), now())")
                    .bind("id", id)
                    .bind("type", requestType)
                    .bind(
                            "json",
                            "{\"options\": [{\"optionId\": \"allow\", \"name\": \"Allow\", \"kind\": \"allow_once\"}]}")
                    .execute();
            h.createUpdate("update agent_sessions set status = :status where id = cast(:id as uuid)")
                    .bind("status", requestType.equals("input") ? "waiting_on_user" : "waiting_on_approval")
                    .bind("id", id)
                    .execute();
        });
        return id;
    }

    private String cancelledJob() {
        String id = queuedJob();
        admin.post("/api/jobs/" + id + "/cancel", Map.of()).expect(200);
        return id;
    }

    private Map<String, Object> clankerBody() {
        return Map.of(
                "name",
                "Runner " + UUID.randomUUID(),
                "agent",
                "claude-code",
                "deploymentStrategy",
                "local",
                "instructionFiles",
                List.of(Map.of("path", "AGENTS.md", "content", "# Be kind\n")));
    }

    private String newClanker(boolean active) {
        String id = admin.post("/api/clankers", clankerBody())
                .expect(201)
                .json()
                .get("id")
                .asText();
        if (active) {
            admin.post("/api/clankers/" + id + "/start", Map.of()).expect(200);
        }
        return id;
    }

    private Map<String, Object> templateBody() {
        return Map.of(
                "projectId",
                projectA,
                "name",
                "Task " + UUID.randomUUID(),
                "clankerId",
                clanker,
                "taskInstructions",
                "Tidy the changelog.");
    }

    private String template() {
        return admin.post("/api/claw/task-templates", templateBody())
                .expect(201)
                .json()
                .get("id")
                .asText();
    }

    private Map<String, Object> scheduleBody(String templateId, boolean active) {
        return Map.of(
                "projectId",
                projectA,
                "taskTemplateId",
                templateId,
                "name",
                "Schedule " + UUID.randomUUID(),
                "scheduleType",
                "interval",
                "intervalExpression",
                "1h",
                "isActive",
                active);
    }

    private String schedule(boolean active) {
        return admin.post("/api/claw/schedules", scheduleBody(template(), active))
                .expect(201)
                .json()
                .get("id")
                .asText();
    }

    private Map<String, Object> secretBody() {
        return Map.of(
                "name",
                "MATRIX_" + UUID.randomUUID().toString().replace("-", "_"),
                "projectId",
                projectA,
                "storage",
                "database",
                "value",
                "s3cr3t value");
    }

    private String secret() {
        return admin.post("/api/secrets", secretBody())
                .expect(201)
                .json()
                .get("id")
                .asText();
    }

    private Map<String, Object> integrationBody() {
        return Map.of("name", "Custom " + UUID.randomUUID(), "system", "custom");
    }

    private Map<String, Object> credentialBody() {
        return Map.of("name", "Token " + UUID.randomUUID(), "value", "matrix-token");
    }

    private String newCredential() {
        return admin.post("/api/integrations/" + integration + "/credentials", credentialBody())
                .expect(201)
                .json()
                .get("id")
                .asText();
    }

    private String newIntegration() {
        return admin.post("/api/integrations", integrationBody())
                .expect(201)
                .json()
                .get("id")
                .asText();
    }

    private String linkedIntegration() {
        String id = newIntegration();
        admin.post("/api/integrations/project/" + projectA + "/link", Map.of("integrationId", id))
                .expect(201);
        return id;
    }

    private String inboundConfig(String integrationId) {
        return admin.post("/api/integrations/" + integrationId + "/webhooks/inbound", Map.of("projectId", projectA))
                .expect(201)
                .json()
                .get("id")
                .asText();
    }

    /** A delivery that failed, written as the ingress would have logged it. */
    private String failedDelivery() {
        String id = UUID.randomUUID().toString();
        jdbi.useHandle(h -> h.createUpdate("insert into webhook_deliveries (id, config_id, provider, delivery_id, "
                        + "status, reason, body, received_at, updated_at) values (cast(:id as uuid), "
                        + "cast(:config as uuid), 'custom', :id, 'failed', 'matrix', '{}', now(), now())")
                .bind("id", id)
                .bind("config", inbound)
                .execute());
        return id;
    }

    private Map<String, Object> outboundBody() {
        return Map.of(
                "projectId", projectA, "name", "Target " + UUID.randomUUID(), "targetUrl", "http://127.0.0.1:9/hook");
    }

    private String outboundTarget() {
        return admin.post("/api/integrations/" + integration + "/webhooks/outbound", outboundBody())
                .expect(201)
                .json()
                .get("id")
                .asText();
    }

    private String newUser() {
        return accounts.member().userId();
    }

    /** The token of a fresh invite link (a new user each time, so every call has an unused link of its own). */
    private String freshLinkToken() {
        String url = admin.post(
                        "/api/users/invites",
                        Map.of("email", "invited-" + UUID.randomUUID() + "@example.test", "name", "Invited"))
                .expect(201)
                .json()
                .get("link")
                .get("url")
                .asText();
        return url.substring(url.indexOf("#token=") + "#token=".length());
    }

    /** A token of the caller's own user (padmin's for token callers), for the caller to revoke. */
    private String ownToken(Caller caller) {
        return switch (caller) {
            case ANON, JOB -> UUID.randomUUID().toString();
            case TOK_R, TOK_W, TOK_A -> tokenId(bearers.get(Caller.PADMIN));
            default -> tokenId(bearers.get(caller));
        };
    }

    private String tokenId(String session) {
        return anonymous
                .as(session)
                .post("/api/api-tokens", Map.of("name", "to revoke", "scope", "read"))
                .expect(201)
                .json()
                .get("id")
                .asText();
    }

    private static String fixture(String name) {
        try (InputStream in = MatrixWorld.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("No fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
