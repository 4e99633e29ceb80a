package io.viberglass.platform.integrations;

import io.viberglass.common.security.SecretValue;
import io.viberglass.platform.infra.api.Page;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.infra.errors.FieldError;
import io.viberglass.platform.infra.json.JsonText;
import io.viberglass.platform.projects.ProjectDao;
import io.viberglass.platform.secrets.OwnedSecrets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Integrations: settings checked against the plugin registry, tokens kept as secrets, links to projects. */
public class IntegrationService {
    private final Jdbi jdbi;
    private final Clock clock;
    private final OwnedSecrets secrets;
    private final JsonText json;
    private final ConnectionTester tester;
    private final CredentialService credentials;

    public IntegrationService(
            Jdbi jdbi,
            Clock clock,
            OwnedSecrets secrets,
            JsonText json,
            ConnectionTester tester,
            CredentialService credentials) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.secrets = secrets;
        this.json = json;
        this.tester = tester;
        this.credentials = credentials;
    }

    public Integration create(IntegrationRequest request, String actor) {
        List<FieldError> missing = new ArrayList<>();
        if (request.name() == null || request.name().isBlank()) {
            missing.add(new FieldError("name", "must not be blank"));
        }
        if (request.system() == null) {
            missing.add(new FieldError("system", "must be one of " + Arrays.toString(IntegrationSystem.values())));
        }
        if (!missing.isEmpty()) {
            throw DomainException.invalid("VALIDATION_ERROR", missing.size() + " fields are invalid", missing);
        }
        Map<String, Object> config = IntegrationSettings.check(request.system(), request.config());
        return jdbi.inTransaction(handle -> {
            Instant now = clock.instant();
            Token token = token(handle, request, null, false, actor);
            Integration integration = new Integration(
                    UUID.randomUUID(),
                    request.name().trim(),
                    request.system(),
                    config,
                    token.secretId(),
                    token.owned(),
                    request.active() == null || request.active(),
                    now,
                    now);
            handle.attach(IntegrationDao.class).insert(integration, json.write(config));
            return integration;
        });
    }

    public Integration get(UUID id) {
        return jdbi.withExtension(IntegrationDao.class, dao -> dao.find(id)).orElseThrow(() -> notFound(id));
    }

    public Page<Integration> list(IntegrationSystem system, int limit, int offset) {
        return jdbi.inTransaction(handle -> {
            IntegrationDao dao = handle.attach(IntegrationDao.class);
            return Page.of(dao.list(system, limit, offset), limit, offset, dao.count(system));
        });
    }

    public Integration update(UUID id, IntegrationRequest request, String actor) {
        if (request.system() != null) {
            Integration current = get(id);
            if (request.system() != current.system()) {
                throw DomainException.invalid(
                        "INTEGRATION_SYSTEM_FIXED", "system", "cannot change; create a new integration instead");
            }
        }
        return jdbi.inTransaction(handle -> {
            IntegrationDao dao = handle.attach(IntegrationDao.class);
            Integration current = dao.findForUpdate(id).orElseThrow(() -> notFound(id));
            Map<String, Object> config = request.config() == null
                    ? current.config()
                    : IntegrationSettings.check(current.system(), merge(current.config(), request.config()));
            Token token = token(handle, request, current.tokenSecretId(), current.tokenSecretOwned(), actor);
            Integration updated = new Integration(
                    id,
                    request.name() == null || request.name().isBlank()
                            ? current.name()
                            : request.name().trim(),
                    current.system(),
                    config,
                    token.secretId(),
                    token.owned(),
                    request.active() == null ? current.active() : request.active(),
                    current.createdAt(),
                    clock.instant());
            dao.update(updated, json.write(config));
            if (token.replaced() != null) {
                secrets.delete(handle, token.replaced());
            }
            return updated;
        });
    }

    /** Removes the integration with its webhooks, feedback targets, links and the secrets it owns. */
    public void delete(UUID id) {
        jdbi.useTransaction(handle -> {
            IntegrationDao dao = handle.attach(IntegrationDao.class);
            Integration integration = dao.findForUpdate(id).orElseThrow(() -> notFound(id));
            credentials.requireUnused(handle, id, integration.name());
            List<UUID> owned = new ArrayList<>(dao.ownedSecretsOfChildren(id));
            if (integration.tokenSecretOwned()) {
                owned.add(integration.tokenSecretId());
            }
            dao.delete(id);
            owned.forEach(secret -> secrets.delete(handle, secret));
        });
    }

    /** Calls the provider with the default credential (or else the integration's own token); an expired one fails. */
    public ConnectionResult test(UUID id) {
        Integration integration = get(id);
        Optional<IntegrationCredential> credential = credentials.defaultOf(id);
        if (credential.isPresent() && credential.get().isExpired(clock.instant())) {
            return new ConnectionResult(false, credential.get().expiredMessage(), null);
        }
        return tester.test(integration, token(integration).orElse(null));
    }

    /**
     * The API token to call the provider with, read now: the default credential's, else the integration's own; empty
     * when it has neither. An expired default credential is refused with an error naming it.
     */
    public Optional<SecretValue> token(Integration integration) {
        Optional<IntegrationCredential> credential = credentials.defaultOf(integration.id());
        if (credential.isPresent()) {
            return Optional.of(credentials.use(credential.get()));
        }
        return integration.tokenSecretId() == null
                ? Optional.empty()
                : Optional.of(secrets.read(integration.tokenSecretId()));
    }

    public List<ProjectLink> links(UUID projectId) {
        return jdbi.inTransaction(handle -> {
            requireProject(handle, projectId);
            IntegrationDao dao = handle.attach(IntegrationDao.class);
            return dao.links(projectId).stream()
                    .map(link -> new ProjectLink(
                            link.projectId(),
                            link.integrationId(),
                            link.isPrimary(),
                            link.createdAt(),
                            IntegrationView.of(dao.find(link.integrationId()).orElseThrow())))
                    .toList();
        });
    }

    public ProjectLink link(UUID projectId, UUID integrationId, boolean primary) {
        jdbi.useTransaction(handle -> {
            requireProject(handle, projectId);
            IntegrationDao dao = handle.attach(IntegrationDao.class);
            dao.find(integrationId).orElseThrow(() -> notFound(integrationId));
            if (dao.link(projectId, integrationId, clock.instant()) == 0) {
                throw DomainException.conflict(
                        "INTEGRATION_ALREADY_LINKED", "Integration " + integrationId + " is already linked");
            }
            if (primary) {
                markPrimary(handle, projectId, integrationId);
            }
        });
        return link(projectId, integrationId);
    }

    /** Links the integration to the project unless it already is (inbound webhooks of a project do this). */
    public void ensureLinked(Handle handle, UUID projectId, UUID integrationId) {
        handle.attach(IntegrationDao.class).link(projectId, integrationId, clock.instant());
    }

    public void unlink(UUID projectId, UUID integrationId) {
        jdbi.useTransaction(handle -> {
            IntegrationDao dao = handle.attach(IntegrationDao.class);
            if (dao.unlink(projectId, integrationId) == 0) {
                throw DomainException.notFound(
                        "INTEGRATION_NOT_LINKED", "Integration " + integrationId + " is not linked to this project");
            }
            dao.clearPrimary(projectId, integrationId);
        });
    }

    public ProjectLink setPrimary(UUID projectId, UUID integrationId) {
        jdbi.useTransaction(handle -> markPrimary(handle, projectId, integrationId));
        return link(projectId, integrationId);
    }

    private void markPrimary(Handle handle, UUID projectId, UUID integrationId) {
        IntegrationDao dao = handle.attach(IntegrationDao.class);
        if (!dao.linked(projectId, integrationId)) {
            throw DomainException.notFound(
                    "INTEGRATION_NOT_LINKED", "Integration " + integrationId + " is not linked to this project");
        }
        Integration integration = dao.find(integrationId).orElseThrow();
        IntegrationSystem.Category category = integration.system().category();
        if (category == IntegrationSystem.Category.INBOUND) {
            throw DomainException.invalid(
                    "INTEGRATION_CANNOT_BE_PRIMARY",
                    "integrationId",
                    "is an inbound-only integration; only SCM and ticketing integrations can be primary");
        }
        List<String> sameCategory = Arrays.stream(IntegrationSystem.values())
                .filter(system -> system.category() == category)
                .map(IntegrationSystem::wire)
                .toList();
        dao.markPrimary(projectId, integrationId, sameCategory);
        if (category == IntegrationSystem.Category.SCM) {
            dao.setPrimaryScm(projectId, integrationId, clock.instant());
        } else {
            dao.setPrimaryTicketing(projectId, integrationId, clock.instant());
        }
    }

    private ProjectLink link(UUID projectId, UUID integrationId) {
        return links(projectId).stream()
                .filter(link -> link.integrationId().equals(integrationId))
                .findFirst()
                .orElseThrow();
    }

    /** The token reference after a request, and an owned secret it replaced (deleted once nothing refers to it). */
    private record Token(UUID secretId, boolean owned, UUID replaced) {
        Token(UUID secretId, boolean owned) {
            this(secretId, owned, null);
        }
    }

    /** The token after this request: a new owned secret, a rotated one, a referenced one, or none. */
    private Token token(Handle handle, IntegrationRequest request, UUID currentId, boolean currentOwned, String actor) {
        if (request.tokenSecretId() != null) {
            secrets.requireExists(handle, request.tokenSecretId(), "tokenSecretId");
            boolean replaced = currentOwned && !request.tokenSecretId().equals(currentId);
            return new Token(request.tokenSecretId(), false, replaced ? currentId : null);
        }
        if (request.token() == null) {
            return new Token(currentId, currentOwned);
        }
        if (request.token().isEmpty()) {
            return new Token(null, false, currentOwned ? currentId : null);
        }
        SecretValue value = SecretValue.of(request.token());
        if (currentOwned) {
            secrets.rotate(handle, currentId, value, actor);
            return new Token(currentId, true);
        }
        String system =
                request.system() == null ? "integration" : request.system().wire();
        return new Token(secrets.create(handle, null, "INTEGRATION_" + system + "_TOKEN", value, actor), true);
    }

    private static Map<String, Object> merge(Map<String, Object> current, Map<String, Object> changes) {
        Map<String, Object> merged = new LinkedHashMap<>(current);
        changes.forEach((key, value) -> {
            if (value == null) {
                merged.remove(key);
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    private static void requireProject(Handle handle, UUID projectId) {
        if (handle.attach(ProjectDao.class).find(projectId).isEmpty()) {
            throw DomainException.notFound("PROJECT_NOT_FOUND", "Project " + projectId + " not found");
        }
    }

    static DomainException notFound(UUID id) {
        return DomainException.notFound("INTEGRATION_NOT_FOUND", "Integration " + id + " not found");
    }
}
