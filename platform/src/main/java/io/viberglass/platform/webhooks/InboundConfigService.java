package io.viberglass.platform.webhooks;

import io.viberglass.common.security.SecretValue;
import io.viberglass.platform.clankers.ClankerDao;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.infra.errors.FieldError;
import io.viberglass.platform.infra.json.JsonText;
import io.viberglass.platform.integrations.Integration;
import io.viberglass.platform.integrations.IntegrationDao;
import io.viberglass.platform.integrations.IntegrationService;
import io.viberglass.platform.integrations.IntegrationSystem;
import io.viberglass.platform.projects.ProjectDao;
import io.viberglass.platform.secrets.OwnedSecrets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Inbound webhooks of an integration: one URL and secret each, the project they feed, their event and run policy. */
public class InboundConfigService {
    private static final Pattern OWNER_REPO = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
    private static final List<String> MAPPED_FIELDS =
            List.of("title", "description", "severity", "category", "externalId", "url", "labels", "author");

    private final Jdbi jdbi;
    private final Clock clock;
    private final OwnedSecrets secrets;
    private final IntegrationService integrations;
    private final JsonText json;
    private final SecureRandom random;
    private final String publicUrl;
    private final Consumer<UUID> changed;

    public InboundConfigService(
            Jdbi jdbi,
            Clock clock,
            OwnedSecrets secrets,
            IntegrationService integrations,
            JsonText json,
            SecureRandom random,
            String publicUrl,
            Consumer<UUID> changed) {
        this.changed = changed;
        this.jdbi = jdbi;
        this.clock = clock;
        this.secrets = secrets;
        this.integrations = integrations;
        this.json = json;
        this.random = random;
        this.publicUrl = publicUrl;
    }

    /** The integration's webhooks whose project passes {@code visible}. */
    public List<InboundConfigView> list(UUID integrationId, java.util.function.Predicate<UUID> visible) {
        integrations.get(integrationId);
        return jdbi.withExtension(InboundConfigDao.class, dao -> dao.ofIntegration(integrationId)).stream()
                .filter(config -> visible.test(config.projectId()))
                .map(config -> InboundConfigView.of(config, publicUrl, null))
                .toList();
    }

    public InboundConfigView get(UUID integrationId, UUID id) {
        return InboundConfigView.of(find(integrationId, id), publicUrl, null);
    }

    public InboundConfigView create(UUID integrationId, InboundConfigRequest request, String actor) {
        Integration integration = webhookIntegration(integrationId);
        return jdbi.inTransaction(handle -> {
            UUID projectId =
                    request.projectId() != null ? request.projectId() : firstLinkedProject(handle, integration);
            requireProject(handle, projectId);
            integrations.ensureLinked(handle, projectId, integrationId);
            Instant now = clock.instant();
            Secret secret = secret(handle, request, projectId, integration.system(), null, false, actor);
            InboundConfig config = new InboundConfig(
                    UUID.randomUUID(),
                    integrationId,
                    integration.system(),
                    projectId,
                    providerProject(integration, request.providerProjectId(), null),
                    secret.id(),
                    secret.owned(),
                    events(integration.system(), request.allowedEvents(), List.of()),
                    Boolean.TRUE.equals(request.autoExecute()),
                    request.autoExecuteMode() == null ? AutoExecuteMode.MATCHING_EVENTS : request.autoExecuteMode(),
                    labels(request.requiredLabels(), List.of()),
                    blankToNull(request.botUsername()),
                    request.clankerId(),
                    request.followUpLimit(),
                    options(integration.system(), request, Map.of()),
                    request.active() == null || request.active(),
                    0,
                    null,
                    now,
                    now);
            check(handle, config);
            handle.attach(InboundConfigDao.class).insert(config, json.write(config.options()));
            return InboundConfigView.of(config, publicUrl, secret.generated());
        });
    }

    /** Changes a webhook; the ingest cache of this replica forgets it once the change is committed. */
    public InboundConfigView update(UUID integrationId, UUID id, InboundConfigRequest request, String actor) {
        Integration integration = webhookIntegration(integrationId);
        InboundConfigView view = jdbi.inTransaction(handle -> {
            InboundConfigDao dao = handle.attach(InboundConfigDao.class);
            InboundConfig current = dao.findForUpdate(id)
                    .filter(config -> config.integrationId().equals(integrationId))
                    .orElseThrow(() -> notFound(id));
            UUID projectId = request.projectId() == null ? current.projectId() : request.projectId();
            if (!projectId.equals(current.projectId())) {
                requireProject(handle, projectId);
                integrations.ensureLinked(handle, projectId, integrationId);
            }
            Secret secret = secret(
                    handle, request, projectId, integration.system(), current.secretId(), current.secretOwned(), actor);
            InboundConfig updated = new InboundConfig(
                    id,
                    integrationId,
                    current.provider(),
                    projectId,
                    providerProject(integration, request.providerProjectId(), current.providerProjectId()),
                    secret.id(),
                    secret.owned(),
                    events(current.provider(), request.allowedEvents(), current.allowedEvents()),
                    request.autoExecute() == null ? current.autoExecute() : request.autoExecute(),
                    request.autoExecuteMode() == null ? current.autoExecuteMode() : request.autoExecuteMode(),
                    labels(request.requiredLabels(), current.requiredLabels()),
                    request.botUsername() == null ? current.botUsername() : blankToNull(request.botUsername()),
                    request.clankerId() == null ? current.clankerId() : request.clankerId(),
                    request.followUpLimit() == null ? current.followUpLimit() : request.followUpLimit(),
                    options(current.provider(), request, current.options()),
                    request.active() == null ? current.active() : request.active(),
                    current.rejectedCount(),
                    current.rejectedAt(),
                    current.createdAt(),
                    clock.instant());
            check(handle, updated);
            dao.update(updated, json.write(updated.options()));
            if (updated.secretOwned() && !projectId.equals(current.projectId())) {
                secrets.move(handle, updated.secretId(), projectId);
            }
            if (secret.replaced() != null) {
                secrets.delete(handle, secret.replaced());
            }
            return InboundConfigView.of(updated, publicUrl, secret.generated());
        });
        changed.accept(id);
        return view;
    }

    public void delete(UUID integrationId, UUID id) {
        jdbi.useTransaction(handle -> {
            InboundConfigDao dao = handle.attach(InboundConfigDao.class);
            InboundConfig config = dao.findForUpdate(id)
                    .filter(found -> found.integrationId().equals(integrationId))
                    .orElseThrow(() -> notFound(id));
            dao.delete(id);
            if (config.secretOwned()) {
                secrets.delete(handle, config.secretId());
            }
        });
        changed.accept(id);
    }

    /** The project a webhook feeds, for access checks; not found when the webhook is not the integration's. */
    public UUID projectOf(UUID integrationId, UUID id) {
        return find(integrationId, id).projectId();
    }

    /** The project a new webhook will feed: the one asked for, else the integration's first linked project. */
    public UUID targetProject(UUID integrationId, UUID requested) {
        if (requested != null) {
            return requested;
        }
        Integration integration = webhookIntegration(integrationId);
        return jdbi.withHandle(handle -> firstLinkedProject(handle, integration));
    }

    InboundConfig find(UUID integrationId, UUID id) {
        return jdbi.withExtension(InboundConfigDao.class, dao -> dao.find(id))
                .filter(config -> config.integrationId().equals(integrationId))
                .orElseThrow(() -> notFound(id));
    }

    private Integration webhookIntegration(UUID integrationId) {
        Integration integration = integrations.get(integrationId);
        if (!integration.system().supportsWebhooks()) {
            throw DomainException.invalid(
                    "INTEGRATION_WITHOUT_WEBHOOKS",
                    "integrationId",
                    integration.system().label() + " integrations do not receive webhooks");
        }
        return integration;
    }

    /** The rules that span fields: label-gated needs labels, runs need a runner that exists. */
    private static void check(Handle handle, InboundConfig config) {
        List<FieldError> errors = new ArrayList<>();
        if (config.autoExecuteMode() == AutoExecuteMode.LABEL_GATED
                && config.requiredLabels().isEmpty()) {
            errors.add(new FieldError("requiredLabels", "must name at least one label in label_gated mode"));
        }
        if ((config.autoExecute() || config.botUsername() != null) && config.clankerId() == null) {
            errors.add(
                    new FieldError("clankerId", "is required when webhooks start runs (autoExecute or botUsername)"));
        }
        if (config.clankerId() != null
                && handle.attach(ClankerDao.class).find(config.clankerId()).isEmpty()) {
            errors.add(new FieldError("clankerId", "refers to an agent runner that does not exist"));
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid("WEBHOOK_CONFIG_INVALID", "The webhook configuration is invalid", errors);
        }
    }

    private record Secret(UUID id, boolean owned, String generated, UUID replaced) {}

    private Secret secret(
            Handle handle,
            InboundConfigRequest request,
            UUID projectId,
            IntegrationSystem provider,
            UUID currentId,
            boolean currentOwned,
            String actor) {
        if (request.webhookSecretId() != null) {
            secrets.requireExists(handle, request.webhookSecretId(), "webhookSecretId");
            boolean replaced = currentOwned && !request.webhookSecretId().equals(currentId);
            return new Secret(request.webhookSecretId(), false, null, replaced ? currentId : null);
        }
        String generated = null;
        String value = request.webhookSecret();
        if (value == null && (currentId == null || Boolean.TRUE.equals(request.generateSecret()))) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            generated = HexFormat.of().formatHex(bytes);
            value = generated;
        }
        if (value == null) {
            return new Secret(currentId, currentOwned, null, null);
        }
        if (currentOwned) {
            secrets.rotate(handle, currentId, SecretValue.of(value), actor);
            return new Secret(currentId, true, generated, null);
        }
        UUID created = secrets.create(
                handle, projectId, "WEBHOOK_" + provider.wire() + "_SECRET", SecretValue.of(value), actor);
        return new Secret(created, true, generated, null);
    }

    private static String providerProject(Integration integration, String given, String current) {
        String value = given != null ? blankToNull(given) : current;
        if (value == null && current == null && given == null) {
            value = switch (integration.system()) {
                case GITHUB ->
                    integration.setting("owner", null) == null
                            ? null
                            : integration.setting("owner", "") + "/" + integration.setting("repo", "");
                case GITLAB -> integration.setting("projectPath", null);
                case JIRA -> integration.setting("projectKey", null);
                default -> null;
            };
        }
        if (integration.system() == IntegrationSystem.GITHUB
                && value != null
                && !OWNER_REPO.matcher(value).matches()) {
            throw DomainException.invalid(
                    "WEBHOOK_CONFIG_INVALID", "providerProjectId", "must be owner/repo for GitHub");
        }
        return value;
    }

    private static List<String> events(IntegrationSystem provider, List<String> given, List<String> current) {
        if (given == null) {
            return current;
        }
        List<String> errors = new ArrayList<>();
        for (String event : given) {
            boolean known = event.equals("*")
                    || provider.inboundEvents().stream()
                            .anyMatch(type -> type.equals(event) || type.startsWith(event + "."));
            if (!known) {
                errors.add(event);
            }
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(
                    "WEBHOOK_EVENT_UNKNOWN",
                    "allowedEvents",
                    "unknown " + provider.label() + " events " + errors + "; known: " + provider.inboundEvents());
        }
        return List.copyOf(given);
    }

    private static List<String> labels(List<String> given, List<String> current) {
        return given == null
                ? current
                : given.stream()
                        .map(label -> label.trim().toLowerCase(Locale.ROOT))
                        .distinct()
                        .toList();
    }

    private static Map<String, Object> options(
            IntegrationSystem provider, InboundConfigRequest request, Map<String, Object> current) {
        if (provider != IntegrationSystem.CUSTOM) {
            if (request.signatureHeader() != null
                    || request.signatureAlgorithm() != null
                    || request.fieldMapping() != null) {
                throw DomainException.invalid(
                        "WEBHOOK_CONFIG_INVALID",
                        "signatureHeader",
                        "signature header, algorithm and field mapping apply to custom webhooks only");
            }
            return current;
        }
        Map<String, Object> options = new LinkedHashMap<>(current);
        if (request.signatureHeader() != null) {
            options.put("signatureHeader", request.signatureHeader());
        }
        if (request.signatureAlgorithm() != null) {
            options.put("signatureAlgorithm", request.signatureAlgorithm());
        }
        if (request.fieldMapping() != null) {
            for (Map.Entry<String, String> entry : request.fieldMapping().entrySet()) {
                if (!MAPPED_FIELDS.contains(entry.getKey())) {
                    throw DomainException.invalid(
                            "WEBHOOK_CONFIG_INVALID",
                            "fieldMapping." + entry.getKey(),
                            "is not a mapped field; known: " + MAPPED_FIELDS);
                }
                if (!entry.getValue().isEmpty() && !entry.getValue().startsWith("/")) {
                    throw DomainException.invalid(
                            "WEBHOOK_CONFIG_INVALID",
                            "fieldMapping." + entry.getKey(),
                            "must be a JSON pointer such as /issue/title");
                }
            }
            options.put("fieldMapping", Map.copyOf(request.fieldMapping()));
        }
        return options;
    }

    private static UUID firstLinkedProject(Handle handle, Integration integration) {
        return handle.attach(IntegrationDao.class).linkedProjects(integration.id()).stream()
                .findFirst()
                .orElseThrow(() -> DomainException.invalid(
                        "WEBHOOK_CONFIG_INVALID",
                        "projectId",
                        "is required: the integration is not linked to any project"));
    }

    private static void requireProject(Handle handle, UUID projectId) {
        if (handle.attach(ProjectDao.class).find(projectId).isEmpty()) {
            throw DomainException.invalid("PROJECT_NOT_FOUND", "projectId", "refers to a project that does not exist");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    static DomainException notFound(UUID id) {
        return DomainException.notFound("WEBHOOK_CONFIG_NOT_FOUND", "Webhook configuration " + id + " not found");
    }
}
