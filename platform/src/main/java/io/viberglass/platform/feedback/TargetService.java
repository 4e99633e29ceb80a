package io.viberglass.platform.feedback;

import io.viberglass.common.security.SecretValue;
import io.viberglass.platform.infra.api.Page;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.infra.errors.FieldError;
import io.viberglass.platform.infra.json.JsonText;
import io.viberglass.platform.integrations.ConnectionResult;
import io.viberglass.platform.integrations.Integration;
import io.viberglass.platform.integrations.IntegrationDao;
import io.viberglass.platform.integrations.IntegrationService;
import io.viberglass.platform.integrations.IntegrationSystem;
import io.viberglass.platform.projects.ProjectDao;
import io.viberglass.platform.secrets.OwnedSecrets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Feedback targets of an integration: what they hear about, their credentials (as secrets), history, test sends. */
public class TargetService {
    private static final Set<String> RESERVED_HEADERS =
            Set.of("authorization", "content-type", "content-length", "host");
    private static final List<FeedbackEventType> PROVIDER_EVENTS =
            List.of(FeedbackEventType.JOB_STARTED, FeedbackEventType.JOB_ENDED);
    private static final List<FeedbackEventType> CUSTOM_EVENTS = List.of(
            FeedbackEventType.JOB_STARTED,
            FeedbackEventType.JOB_ENDED,
            FeedbackEventType.APPROVAL_REQUESTED,
            FeedbackEventType.PULL_REQUEST_OPENED);

    private final Jdbi jdbi;
    private final Clock clock;
    private final OwnedSecrets secrets;
    private final IntegrationService integrations;
    private final JsonText json;
    private final FeedbackSettings settings;
    private final TestSend tests;

    TargetService(
            Jdbi jdbi,
            Clock clock,
            OwnedSecrets secrets,
            IntegrationService integrations,
            JsonText json,
            FeedbackSettings settings,
            TestSend tests) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.secrets = secrets;
        this.integrations = integrations;
        this.json = json;
        this.settings = settings;
        this.tests = tests;
    }

    /** Sends a test event to a target (package seam for the dispatcher's senders). */
    interface TestSend {
        ConnectionResult send(FeedbackTarget target, Integration integration, FeedbackEventType type);
    }

    public List<TargetView> list(UUID integrationId, Predicate<UUID> visibleProject) {
        integrations.get(integrationId);
        return jdbi.withExtension(TargetDao.class, dao -> dao.ofIntegration(integrationId)).stream()
                .filter(target -> visibleProject.test(target.projectId()))
                .map(TargetView::of)
                .toList();
    }

    public TargetView get(UUID integrationId, UUID id) {
        return TargetView.of(find(integrationId, id));
    }

    /** The project a target reports for ({@code null}: every linked project), for access checks. */
    public UUID projectOf(UUID integrationId, UUID id) {
        return find(integrationId, id).projectId();
    }

    public TargetView create(UUID integrationId, TargetRequest request, String actor) {
        return jdbi.inTransaction(handle -> {
            Integration integration = handle.attach(IntegrationDao.class)
                    .findForUpdate(integrationId)
                    .orElseThrow(() -> DomainException.notFound(
                            "INTEGRATION_NOT_FOUND", "Integration " + integrationId + " not found"));
            requireWebhooks(integration);
            if (request.projectId() != null) {
                requireProject(handle, request.projectId());
                integrations.ensureLinked(handle, request.projectId(), integrationId);
            }
            if (integration.system() != IntegrationSystem.CUSTOM
                    && handle.attach(TargetDao.class).ofIntegration(integrationId).stream()
                            .anyMatch(
                                    existing -> java.util.Objects.equals(existing.projectId(), request.projectId()))) {
                throw DomainException.conflict(
                        "FEEDBACK_TARGET_EXISTS",
                        integration.system().label() + " feedback for this project is already configured; update it");
            }
            Instant now = clock.instant();
            Built built = build(handle, integration, null, request, actor, now);
            handle.attach(TargetDao.class)
                    .insert(built.target(), json.write(built.target().options()));
            return TargetView.of(built.target());
        });
    }

    public TargetView update(UUID integrationId, UUID id, TargetRequest request, String actor) {
        return jdbi.inTransaction(handle -> {
            TargetDao dao = handle.attach(TargetDao.class);
            FeedbackTarget current = dao.findForUpdate(id)
                    .filter(target -> target.integrationId().equals(integrationId))
                    .orElseThrow(() -> notFound(id));
            Integration integration =
                    handle.attach(IntegrationDao.class).find(integrationId).orElseThrow();
            if (request.projectId() != null && !request.projectId().equals(current.projectId())) {
                requireProject(handle, request.projectId());
                integrations.ensureLinked(handle, request.projectId(), integrationId);
            }
            Built built = build(handle, integration, current, request, actor, clock.instant());
            dao.update(built.target(), json.write(built.target().options()));
            built.replaced().forEach(secret -> secrets.delete(handle, secret));
            FeedbackTarget saved = built.target();
            if (!java.util.Objects.equals(saved.projectId(), current.projectId())) {
                if (saved.tokenSecretOwned()) {
                    secrets.move(handle, saved.tokenSecretId(), saved.projectId());
                }
                if (saved.signingSecretOwned()) {
                    secrets.move(handle, saved.signingSecretId(), saved.projectId());
                }
            }
            return TargetView.of(built.target());
        });
    }

    public void delete(UUID integrationId, UUID id) {
        jdbi.useTransaction(handle -> {
            TargetDao dao = handle.attach(TargetDao.class);
            FeedbackTarget target = dao.findForUpdate(id)
                    .filter(found -> found.integrationId().equals(integrationId))
                    .orElseThrow(() -> notFound(id));
            dao.delete(id);
            if (target.tokenSecretOwned()) {
                secrets.delete(handle, target.tokenSecretId());
            }
            if (target.signingSecretOwned()) {
                secrets.delete(handle, target.signingSecretId());
            }
        });
    }

    public Page<OutboxView> history(UUID integrationId, UUID id, int limit, int offset) {
        find(integrationId, id);
        return jdbi.inTransaction(handle -> {
            OutboxDao dao = handle.attach(OutboxDao.class);
            return Page.of(dao.history(id, limit, offset), limit, offset, dao.count(id))
                    .map(OutboxView::of);
        });
    }

    public ConnectionResult testSend(UUID integrationId, UUID id, FeedbackEventType type) {
        FeedbackTarget target = find(integrationId, id);
        return tests.send(target, integrations.get(integrationId), type == null ? FeedbackEventType.TEST : type);
    }

    private record Built(FeedbackTarget target, List<UUID> replaced) {}

    private Built build(
            Handle handle,
            Integration integration,
            FeedbackTarget current,
            TargetRequest request,
            String actor,
            Instant now) {
        boolean custom = integration.system() == IntegrationSystem.CUSTOM;
        List<UUID> replaced = new ArrayList<>();
        Map<String, Object> options = new LinkedHashMap<>(current == null ? Map.of() : current.options());
        List<FieldError> errors = new ArrayList<>();
        UUID projectId =
                request.projectId() != null ? request.projectId() : current == null ? null : current.projectId();
        UUID tokenId = current == null ? null : current.tokenSecretId();
        boolean tokenOwned = current != null && current.tokenSecretOwned();
        UUID signingId = current == null ? null : current.signingSecretId();
        boolean signingOwned = current != null && current.signingSecretOwned();
        if (custom) {
            put(options, "targetUrl", request.targetUrl());
            put(options, "method", request.method());
            if (request.headers() != null) {
                request.headers().keySet().stream()
                        .filter(name -> RESERVED_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))
                                || name.toLowerCase(java.util.Locale.ROOT).startsWith("x-viberglass-"))
                        .forEach(name -> errors.add(new FieldError("headers." + name, "is set by the platform")));
                options.put("headers", Map.copyOf(request.headers()));
            }
            if (options.get("targetUrl") == null) {
                errors.add(new FieldError("targetUrl", "is required for custom targets"));
            }
            if (request.auth() != null) {
                TargetRequest.Auth auth = request.auth();
                String type = auth.type() == null ? "none" : auth.type();
                String credential =
                        switch (type) {
                            case "bearer" -> require(auth.token(), "auth.token", errors);
                            case "basic" -> {
                                require(auth.username(), "auth.username", errors);
                                yield require(auth.password(), "auth.password", errors);
                            }
                            case "header" -> {
                                require(auth.headerName(), "auth.headerName", errors);
                                yield require(auth.headerValue(), "auth.headerValue", errors);
                            }
                            default -> null;
                        };
                options.put("authType", type);
                put(options, "authUsername", type.equals("basic") ? auth.username() : null);
                put(options, "authHeaderName", type.equals("header") ? auth.headerName() : null);
                if (!type.equals("basic")) {
                    options.remove("authUsername");
                }
                if (!type.equals("header")) {
                    options.remove("authHeaderName");
                }
                if (errors.isEmpty()) {
                    if (tokenOwned) {
                        replaced.add(tokenId);
                    }
                    tokenId = credential == null
                            ? null
                            : secrets.create(handle, projectId, "FEEDBACK_AUTH", SecretValue.of(credential), actor);
                    tokenOwned = credential != null;
                }
            }
            if (request.signingSecretId() != null) {
                secrets.requireExists(handle, request.signingSecretId(), "signingSecretId");
                if (signingOwned) {
                    replaced.add(signingId);
                }
                signingId = request.signingSecretId();
                signingOwned = false;
            } else if (request.signingSecret() != null) {
                if (signingOwned) {
                    secrets.rotate(handle, signingId, SecretValue.of(request.signingSecret()), actor);
                } else {
                    signingId = secrets.create(
                            handle, projectId, "FEEDBACK_SIGNING", SecretValue.of(request.signingSecret()), actor);
                    signingOwned = true;
                }
            }
            put(options, "signatureAlgorithm", request.signatureAlgorithm());
        } else {
            if (request.targetUrl() != null || request.auth() != null || request.signingSecret() != null) {
                errors.add(new FieldError("targetUrl", "URL, auth and signing apply to custom targets only"));
            }
            put(options, "successLabel", request.successLabel());
            put(options, "failureLabel", request.failureLabel());
            if (request.updateLabels() != null) {
                options.put("updateLabels", request.updateLabels());
            }
            put(options, "successTransitionId", request.successTransitionId());
            put(options, "failureTransitionId", request.failureTransitionId());
            put(
                    options,
                    "successWorkflowStateId",
                    request.successWorkflowStateId() == null
                            ? null
                            : request.successWorkflowStateId().toString());
            put(
                    options,
                    "failureWorkflowStateId",
                    request.failureWorkflowStateId() == null
                            ? null
                            : request.failureWorkflowStateId().toString());
            if (request.apiTokenSecretId() != null) {
                secrets.requireExists(handle, request.apiTokenSecretId(), "apiTokenSecretId");
                if (tokenOwned) {
                    replaced.add(tokenId);
                }
                tokenId = request.apiTokenSecretId();
                tokenOwned = false;
            } else if (request.apiToken() != null) {
                if (tokenOwned) {
                    secrets.rotate(handle, tokenId, SecretValue.of(request.apiToken()), actor);
                } else {
                    tokenId = secrets.create(
                            handle,
                            projectId,
                            "FEEDBACK_" + integration.system().wire() + "_TOKEN",
                            SecretValue.of(request.apiToken()),
                            actor);
                    tokenOwned = true;
                }
            }
        }
        String name = request.name() != null
                ? request.name().trim()
                : current != null ? current.name() : custom ? null : integration.name();
        if (name == null) {
            errors.add(new FieldError("name", "is required for custom targets"));
        }
        TargetRequest.RetryPolicy retry = request.retryPolicy();
        int maxAttempts = pick(
                retry == null ? null : retry.maxAttempts(),
                current == null ? null : current.maxAttempts(),
                custom ? 5 : settings.getProviderMaxAttempts());
        int backoff = pick(
                retry == null ? null : retry.backoffMs(),
                current == null ? null : current.backoffMs(),
                custom ? 1000 : (int) settings.getProviderBackoff().toMilliseconds());
        int maxBackoff = pick(
                retry == null ? null : retry.maxBackoffMs(),
                current == null ? null : current.maxBackoffMs(),
                custom ? 60_000 : (int) settings.getProviderMaxBackoff().toMilliseconds());
        if (maxBackoff < backoff) {
            errors.add(new FieldError("retryPolicy.maxBackoffMs", "must be at least backoffMs"));
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid("FEEDBACK_TARGET_INVALID", "The feedback target is invalid", errors);
        }
        List<String> events = request.events() != null
                ? request.events().stream()
                        .filter(type -> type != FeedbackEventType.TEST)
                        .map(FeedbackEventType::wire)
                        .distinct()
                        .toList()
                : current != null
                        ? current.events()
                        : (custom ? CUSTOM_EVENTS : PROVIDER_EVENTS)
                                .stream().map(FeedbackEventType::wire).toList();
        return new Built(
                new FeedbackTarget(
                        current == null ? UUID.randomUUID() : current.id(),
                        integration.id(),
                        integration.system(),
                        projectId,
                        request.providerProjectId() != null
                                ? blankToNull(request.providerProjectId())
                                : current == null ? null : current.providerProjectId(),
                        name,
                        events,
                        tokenId,
                        tokenOwned,
                        signingId,
                        signingOwned,
                        options,
                        maxAttempts,
                        backoff,
                        maxBackoff,
                        request.active() != null ? request.active() : current == null || current.active(),
                        current == null ? now : current.createdAt(),
                        now),
                replaced);
    }

    private FeedbackTarget find(UUID integrationId, UUID id) {
        return jdbi.withExtension(TargetDao.class, dao -> dao.find(id))
                .filter(target -> target.integrationId().equals(integrationId))
                .orElseThrow(() -> notFound(id));
    }

    private static void requireWebhooks(Integration integration) {
        if (!integration.system().supportsWebhooks()) {
            throw DomainException.invalid(
                    "INTEGRATION_WITHOUT_WEBHOOKS",
                    "integrationId",
                    integration.system().label() + " integrations have no feedback targets");
        }
    }

    private static void requireProject(Handle handle, UUID projectId) {
        if (handle.attach(ProjectDao.class).find(projectId).isEmpty()) {
            throw DomainException.invalid("PROJECT_NOT_FOUND", "projectId", "refers to a project that does not exist");
        }
    }

    private static String require(String value, String field, List<FieldError> errors) {
        if (value == null || value.isEmpty()) {
            errors.add(new FieldError(field, "is required for this auth type"));
        }
        return value;
    }

    private static void put(Map<String, Object> options, String key, Object value) {
        if (value != null) {
            options.put(key, value);
        }
    }

    private static int pick(Integer given, Integer current, int fallback) {
        return given != null ? given : current != null ? current : fallback;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    static DomainException notFound(UUID id) {
        return DomainException.notFound("FEEDBACK_TARGET_NOT_FOUND", "Feedback target " + id + " not found");
    }
}
