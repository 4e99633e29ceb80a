package io.viberglass.platform.integrations;

import io.viberglass.common.security.SecretValue;
import io.viberglass.platform.infra.db.Constraints;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.infra.errors.ErrorKind;
import io.viberglass.platform.infra.errors.FieldError;
import io.viberglass.platform.secrets.OwnedSecrets;
import io.viberglass.platform.secrets.SecretDao;
import io.viberglass.platform.secrets.SecretStorage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Named credentials of an integration (SCM tokens, Jira / Shortcut / Slack tokens), each backed by a secret: one may be
 * the integration's default, one may expire (an expired credential is refused wherever it would be used, naming it),
 * and one a repository pushes with cannot be deleted.
 */
public class CredentialService {
    private final Jdbi jdbi;
    private final Clock clock;
    private final OwnedSecrets secrets;

    public CredentialService(Jdbi jdbi, Clock clock, OwnedSecrets secrets) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.secrets = secrets;
    }

    public CredentialView create(UUID integrationId, CredentialRequest request, String actor) {
        if (request.name() == null || request.name().isBlank()) {
            throw DomainException.invalid("VALIDATION_ERROR", "name", "must not be blank");
        }
        if ((request.value() == null) == (request.secretId() == null)) {
            throw DomainException.invalid(
                    "CREDENTIAL_VALUE_REQUIRED", "value", "give either a value or the secretId of an existing secret");
        }
        return unique(
                request,
                () -> jdbi.inTransaction(handle -> {
                    requireIntegration(handle, integrationId);
                    Instant now = clock.instant();
                    UUID secretId;
                    boolean owned = request.value() != null;
                    if (owned) {
                        secretId = secrets.create(handle, null, "CREDENTIAL", SecretValue.of(request.value()), actor);
                    } else {
                        secrets.requireExists(handle, request.secretId(), "secretId");
                        secretId = request.secretId();
                    }
                    IntegrationCredential credential = new IntegrationCredential(
                            UUID.randomUUID(),
                            integrationId,
                            request.name().trim(),
                            request.credentialType() == null ? CredentialType.TOKEN : request.credentialType(),
                            secretId,
                            owned,
                            Boolean.TRUE.equals(request.isDefault()),
                            request.description(),
                            request.expiresAt(),
                            null,
                            now,
                            now);
                    CredentialDao dao = handle.attach(CredentialDao.class);
                    if (credential.isDefault()) {
                        dao.clearDefault(integrationId, credential.id(), now);
                    }
                    dao.insert(credential);
                    return view(handle, credential);
                }));
    }

    public List<CredentialView> list(UUID integrationId) {
        return jdbi.inTransaction(handle -> {
            requireIntegration(handle, integrationId);
            return handle.attach(CredentialDao.class).list(integrationId).stream()
                    .map(credential -> view(handle, credential))
                    .toList();
        });
    }

    public CredentialView get(UUID integrationId, UUID id) {
        return jdbi.inTransaction(handle -> view(
                handle,
                handle.attach(CredentialDao.class).find(integrationId, id).orElseThrow(() -> notFound(id))));
    }

    public CredentialView update(UUID integrationId, UUID id, CredentialRequest request, String actor) {
        return unique(
                request,
                () -> jdbi.inTransaction(handle -> {
                    CredentialDao dao = handle.attach(CredentialDao.class);
                    IntegrationCredential current =
                            dao.findForUpdate(integrationId, id).orElseThrow(() -> notFound(id));
                    Instant now = clock.instant();
                    UUID secretId = current.secretId();
                    boolean owned = current.secretOwned();
                    UUID replaced = null;
                    if (request.secretId() != null && !request.secretId().equals(current.secretId())) {
                        secrets.requireExists(handle, request.secretId(), "secretId");
                        replaced = owned ? current.secretId() : null;
                        secretId = request.secretId();
                        owned = false;
                    }
                    if (request.value() != null) {
                        if (request.secretId() != null) {
                            throw DomainException.invalid(
                                    "CREDENTIAL_VALUE_REQUIRED",
                                    "value",
                                    "give either a value or a secretId, not both");
                        }
                        if (owned) {
                            secrets.rotate(handle, secretId, SecretValue.of(request.value()), actor);
                        } else {
                            secretId =
                                    secrets.create(handle, null, "CREDENTIAL", SecretValue.of(request.value()), actor);
                            owned = true;
                        }
                    }
                    IntegrationCredential updated = new IntegrationCredential(
                            id,
                            integrationId,
                            request.name() == null || request.name().isBlank()
                                    ? current.name()
                                    : request.name().trim(),
                            request.credentialType() == null ? current.credentialType() : request.credentialType(),
                            secretId,
                            owned,
                            request.isDefault() == null ? current.isDefault() : request.isDefault(),
                            request.description() == null ? current.description() : request.description(),
                            request.expiresAt() == null ? current.expiresAt() : request.expiresAt(),
                            current.lastUsedAt(),
                            current.createdAt(),
                            now);
                    if (updated.isDefault()) {
                        dao.clearDefault(integrationId, id, now);
                    }
                    dao.update(updated);
                    if (replaced != null) {
                        secrets.delete(handle, replaced);
                    }
                    return view(handle, updated);
                }));
    }

    /** Refused (409, naming every user) while a repository pushes with it; deletes a secret it owns. */
    public void delete(UUID integrationId, UUID id) {
        jdbi.useTransaction(handle -> {
            CredentialDao dao = handle.attach(CredentialDao.class);
            IntegrationCredential credential =
                    dao.findForUpdate(integrationId, id).orElseThrow(() -> notFound(id));
            List<String> users = dao.usedBy(id);
            if (!users.isEmpty()) {
                throw inUse("Credential " + credential.name(), users);
            }
            dao.delete(id);
            if (credential.secretOwned()) {
                secrets.delete(handle, credential.secretId());
            }
        });
    }

    /** Refuses deleting an integration while a repository pushes with one of its credentials. */
    void requireUnused(Handle handle, UUID integrationId, String integrationName) {
        List<String> users = handle.attach(CredentialDao.class).usedByAnyOf(integrationId);
        if (!users.isEmpty()) {
            throw inUse("Integration " + integrationName, users);
        }
    }

    /** The integration's default credential, if it has one. */
    public Optional<IntegrationCredential> defaultOf(UUID integrationId) {
        return jdbi.withExtension(CredentialDao.class, dao -> dao.findDefault(integrationId));
    }

    /**
     * The value of a credential about to be used: refused with a 400 naming it when it has expired, and its last use
     * recorded otherwise.
     */
    public SecretValue use(IntegrationCredential credential) {
        requireUsable(credential, "credential");
        jdbi.useExtension(CredentialDao.class, dao -> dao.markUsed(credential.id(), clock.instant()));
        return secrets.read(credential.secretId());
    }

    /** Refuses an expired credential with an answer that names it and says what to do. */
    public void requireUsable(IntegrationCredential credential, String field) {
        if (credential.isExpired(clock.instant())) {
            throw DomainException.invalid("CREDENTIAL_EXPIRED", field, credential.expiredMessage());
        }
    }

    /** A credential by id alone (a repository's), or 404. */
    public IntegrationCredential find(UUID id) {
        return jdbi.withExtension(CredentialDao.class, dao -> dao.find(id)).orElseThrow(() -> notFound(id));
    }

    private CredentialView view(Handle handle, IntegrationCredential credential) {
        SecretStorage storage = handle.attach(SecretDao.class)
                .find(credential.secretId())
                .map(secret -> secret.storage())
                .orElse(null);
        return CredentialView.of(
                credential,
                storage,
                handle.attach(CredentialDao.class).usedBy(credential.id()).size(),
                clock.instant());
    }

    private static <T> T unique(CredentialRequest request, Supplier<T> work) {
        try {
            return work.get();
        } catch (JdbiException e) {
            Optional<String> constraint = Constraints.uniqueViolation(e);
            if (constraint.map("integration_credentials_name_key"::equals).orElse(false)) {
                throw DomainException.conflict(
                        "CREDENTIAL_NAME_TAKEN", "This integration already has a credential named " + request.name());
            }
            if (constraint.map("integration_credentials_default_key"::equals).orElse(false)) {
                throw DomainException.conflict(
                        "CREDENTIAL_DEFAULT_CHANGED", "Another default credential was set meanwhile; try again");
            }
            throw e;
        }
    }

    private static DomainException inUse(String what, List<String> users) {
        return new DomainException(
                ErrorKind.CONFLICT,
                "CREDENTIAL_IN_USE",
                what + " is used by " + String.join(", ", users) + "; select another credential there first",
                users.stream().map(user -> new FieldError("usedBy", user)).toList());
    }

    private static void requireIntegration(Handle handle, UUID integrationId) {
        if (handle.attach(IntegrationDao.class).find(integrationId).isEmpty()) {
            throw IntegrationService.notFound(integrationId);
        }
    }

    static DomainException notFound(UUID id) {
        return DomainException.notFound("INTEGRATION_CREDENTIAL_NOT_FOUND", "Credential " + id + " not found");
    }
}
