package io.viberglass.platform.secrets;

import io.viberglass.common.security.SecretValue;
import io.viberglass.platform.infra.api.Page;
import io.viberglass.platform.infra.db.Constraints;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.infra.errors.FieldError;
import io.viberglass.platform.projects.ProjectDao;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Write-only secrets: values go in (encrypted, to SSM, or as the name of an environment variable) and never come back
 * out through the API; only jobs read them, when a worker starts.
 */
public class SecretService {
    private final Jdbi jdbi;
    private final Clock clock;
    private final SecretCipher cipher;
    private final SsmParameters ssm;
    private final SecretSettings settings;

    public SecretService(Jdbi jdbi, Clock clock, SecretCipher cipher, SsmParameters ssm, SecretSettings settings) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.cipher = cipher;
        this.ssm = ssm;
        this.settings = settings;
    }

    public SecretView create(SecretRequest request, String actor) {
        List<FieldError> missing = new ArrayList<>();
        if (request.name() == null) {
            missing.add(new FieldError("name", "must not be null"));
        }
        if (request.storage() == null) {
            missing.add(new FieldError("storage", "must not be null"));
        }
        if (!missing.isEmpty()) {
            throw DomainException.invalid("VALIDATION_ERROR", missing.size() + " fields are invalid", missing);
        }
        try {
            return jdbi.inTransaction(handle -> {
                if (request.projectId() != null
                        && handle.attach(ProjectDao.class)
                                .find(request.projectId())
                                .isEmpty()) {
                    throw DomainException.notFound(
                            "PROJECT_NOT_FOUND", "Project " + request.projectId() + " not found");
                }
                Instant now = clock.instant();
                UUID id = UUID.randomUUID();
                Secret secret = stored(id, request.projectId(), request.name(), request, null, now, now, actor);
                handle.attach(SecretDao.class).insert(secret);
                return view(handle, secret);
            });
        } catch (JdbiException e) {
            if (Constraints.uniqueViolation(e).map("secrets_name_key"::equals).orElse(false)) {
                throw DomainException.conflict(
                        "SECRET_NAME_TAKEN", "A secret named " + request.name() + " already exists here");
            }
            throw e;
        }
    }

    /** Rotates the value or moves the secret to another storage; the name and scope stay. */
    public SecretView update(UUID id, SecretRequest request, String actor) {
        return jdbi.inTransaction(handle -> {
            SecretDao dao = handle.attach(SecretDao.class);
            Secret current = dao.findForUpdate(id).orElseThrow(() -> notFound(id));
            if (request.name() != null && !request.name().equals(current.name())) {
                throw DomainException.invalid(
                        "SECRET_RENAME_NOT_ALLOWED",
                        "name",
                        "cannot change; create a new " + "secret instead (jobs and clankers refer to it by name)");
            }
            SecretRequest merged = new SecretRequest(
                    current.name(),
                    current.projectId(),
                    request.storage() == null ? current.storage() : request.storage(),
                    request.value(),
                    request.envName() == null ? current.envName() : request.envName(),
                    request.ssmParameter() == null && request.storage() == null
                            ? current.ssmParameter()
                            : request.ssmParameter());
            if (merged.storage() == current.storage()
                    && request.value() == null
                    && request.envName() == null
                    && request.ssmParameter() == null) {
                return view(handle, current);
            }
            Secret updated = stored(
                    id,
                    current.projectId(),
                    current.name(),
                    merged,
                    current,
                    current.createdAt(),
                    clock.instant(),
                    actor);
            dao.update(updated);
            if (current.storage() == SecretStorage.SSM
                    && ownParameter(current)
                    && !current.ssmParameter().equals(updated.ssmParameter())) {
                ssm.delete(current.ssmParameter());
            }
            return view(handle, updated);
        });
    }

    public SecretView get(UUID id) {
        return jdbi.inTransaction(
                handle -> view(handle, handle.attach(SecretDao.class).find(id).orElseThrow(() -> notFound(id))));
    }

    /** Global secrets, or a project's (with the global ones when {@code includeGlobal}). */
    public Page<SecretView> list(UUID projectId, boolean includeGlobal, int limit, int offset) {
        return jdbi.inTransaction(handle -> {
            SecretDao dao = handle.attach(SecretDao.class);
            List<SecretView> views = dao.list(projectId, includeGlobal, limit, offset).stream()
                    .map(secret -> view(handle, secret))
                    .toList();
            return Page.of(views, limit, offset, dao.count(projectId, includeGlobal));
        });
    }

    /** Refused while a clanker or a repository uses the secret, naming them. */
    public void delete(UUID id) {
        Secret deleted = jdbi.inTransaction(handle -> {
            SecretDao dao = handle.attach(SecretDao.class);
            Secret secret = dao.findForUpdate(id).orElseThrow(() -> notFound(id));
            List<String> users = new ArrayList<>();
            dao.usedByClankers(id).forEach(name -> users.add("clanker " + name));
            dao.usedByRepositories(id).forEach(name -> users.add("repository of project " + name));
            users.addAll(dao.usedByIntegrations(id));
            if (!users.isEmpty()) {
                throw DomainException.conflict(
                        "SECRET_IN_USE",
                        "Secret " + secret.name() + " is used by " + String.join(", ", users)
                                + "; remove it there first");
            }
            dao.delete(id);
            return secret;
        });
        if (deleted.storage() == SecretStorage.SSM && ownParameter(deleted)) {
            ssm.delete(deleted.ssmParameter());
        }
    }

    /** Re-encrypts every database secret still under an old key with the active key; returns how many moved. */
    public int reencrypt() {
        return jdbi.inTransaction(handle -> {
            SecretDao dao = handle.attach(SecretDao.class);
            SecretValues values = new SecretValues(cipher, ssm, java.util.Map.of());
            int moved = 0;
            for (Secret secret : dao.encryptedWithOtherKeys(cipher.activeKeyId())) {
                SecretCipher.Sealed sealed = cipher.seal(secret.id(), values.read(secret));
                dao.update(new Secret(
                        secret.id(),
                        secret.projectId(),
                        secret.name(),
                        secret.storage(),
                        secret.envName(),
                        secret.ssmParameter(),
                        sealed.ciphertext(),
                        sealed.nonce(),
                        sealed.keyId(),
                        secret.createdAt(),
                        secret.updatedAt(),
                        secret.updatedBy()));
                moved++;
            }
            return moved;
        });
    }

    /** The row for {@code request}: sealing or uploading the value where the storage needs it. */
    private Secret stored(
            UUID id,
            UUID projectId,
            String name,
            SecretRequest request,
            Secret current,
            Instant created,
            Instant now,
            String actor) {
        SecretValue value = request.value() == null ? null : SecretValue.of(request.value());
        return switch (request.storage()) {
            case ENV -> {
                if (value != null) {
                    throw DomainException.invalid(
                            "SECRET_VALUE_NOT_STORED",
                            "value",
                            "is not stored for env secrets: " + "set the platform's environment variable instead");
                }
                yield new Secret(
                        id,
                        projectId,
                        name,
                        SecretStorage.ENV,
                        request.envName() == null ? name : request.envName(),
                        null,
                        null,
                        null,
                        null,
                        created,
                        now,
                        actor);
            }
            case DATABASE -> {
                if (value == null || value.isEmpty()) {
                    throw DomainException.invalid(
                            "SECRET_VALUE_REQUIRED", "value", "is required for database " + "storage");
                }
                SecretCipher.Sealed sealed = cipher.seal(id, value);
                yield new Secret(
                        id,
                        projectId,
                        name,
                        SecretStorage.DATABASE,
                        null,
                        null,
                        sealed.ciphertext(),
                        sealed.nonce(),
                        sealed.keyId(),
                        created,
                        now,
                        actor);
            }
            case SSM -> {
                String parameter = request.ssmParameter() != null
                        ? request.ssmParameter()
                        : settings.getSsmPrefix() + "/" + (projectId == null ? "global" : projectId) + "/" + name;
                if (value != null) {
                    ssm.put(parameter, value);
                } else if (request.ssmParameter() == null
                        && (current == null || current.storage() != SecretStorage.SSM)) {
                    throw DomainException.invalid(
                            "SECRET_VALUE_REQUIRED",
                            "value",
                            "is required for SSM storage " + "unless ssmParameter names an existing parameter");
                }
                yield new Secret(
                        id, projectId, name, SecretStorage.SSM, null, parameter, null, null, null, created, now, actor);
            }
        };
    }

    private boolean ownParameter(Secret secret) {
        return secret.ssmParameter() != null && secret.ssmParameter().startsWith(settings.getSsmPrefix() + "/");
    }

    private static SecretView view(Handle handle, Secret secret) {
        SecretDao dao = handle.attach(SecretDao.class);
        return SecretView.of(secret, dao.usedByClankers(secret.id()), dao.usedByRepositories(secret.id()));
    }

    static DomainException notFound(UUID id) {
        return DomainException.notFound("SECRET_NOT_FOUND", "Secret " + id + " not found");
    }
}
