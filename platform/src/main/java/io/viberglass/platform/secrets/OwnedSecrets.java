package io.viberglass.platform.secrets;

import io.viberglass.common.security.SecretValue;
import io.viberglass.platform.infra.errors.DomainException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Secrets that other features keep on a user's behalf (webhook signing secrets, provider API tokens): rows of
 * {@code secrets} like any other, encrypted in the database, listed write-only by the secrets API, and read only at the
 * moment they are used. A feature either owns such a secret (created from a value it was given, deleted with it) or
 * refers to a secret the user manages (env, SSM or database).
 */
public class OwnedSecrets {
    private final Jdbi jdbi;
    private final Clock clock;
    private final SecretCipher cipher;
    private final SecretValues values;

    public OwnedSecrets(Jdbi jdbi, Clock clock, SecretCipher cipher, SecretValues values) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.cipher = cipher;
        this.values = values;
    }

    /** Stores {@code value} encrypted as a new secret named {@code <prefix>_<id>} in the project's scope. */
    public UUID create(Handle handle, UUID projectId, String prefix, SecretValue value, String actor) {
        if (value.isEmpty()) {
            throw DomainException.invalid("SECRET_VALUE_REQUIRED", "value", "must not be empty");
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        String name = prefix.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_") + "_"
                + id.toString().substring(0, 8).toUpperCase(Locale.ROOT);
        SecretCipher.Sealed sealed = cipher.seal(id, value);
        handle.attach(SecretDao.class)
                .insert(new Secret(
                        id,
                        projectId,
                        name,
                        SecretStorage.DATABASE,
                        null,
                        null,
                        sealed.ciphertext(),
                        sealed.nonce(),
                        sealed.keyId(),
                        now,
                        now,
                        actor));
        return id;
    }

    /** Replaces the value of a secret this feature owns. */
    public void rotate(Handle handle, UUID id, SecretValue value, String actor) {
        SecretDao dao = handle.attach(SecretDao.class);
        Secret current = dao.findForUpdate(id).orElseThrow(() -> SecretService.notFound(id));
        SecretCipher.Sealed sealed = cipher.seal(id, value);
        dao.update(new Secret(
                id,
                current.projectId(),
                current.name(),
                SecretStorage.DATABASE,
                null,
                null,
                sealed.ciphertext(),
                sealed.nonce(),
                sealed.keyId(),
                current.createdAt(),
                clock.instant(),
                actor));
    }

    /** Refuses a reference to a secret that does not exist, naming the field that referred to it. */
    public void requireExists(Handle handle, UUID id, String field) {
        if (handle.attach(SecretDao.class).find(id).isEmpty()) {
            throw DomainException.invalid(
                    "SECRET_NOT_FOUND", field, "refers to secret " + id + ", which does not exist");
        }
    }

    /** An owned secret follows its owner to another project (so deleting the old project leaves it alone). */
    public void move(Handle handle, UUID id, UUID projectId) {
        handle.attach(SecretDao.class).moveToProject(id, projectId);
    }

    public void delete(Handle handle, UUID id) {
        handle.attach(SecretDao.class).delete(id);
    }

    /** The value, read now from wherever it lives. */
    public SecretValue read(UUID id) {
        Secret secret =
                jdbi.withExtension(SecretDao.class, dao -> dao.find(id)).orElseThrow(() -> SecretService.notFound(id));
        return values.read(secret);
    }

    public SecretValue read(Handle handle, UUID id) {
        return values.read(handle.attach(SecretDao.class).find(id).orElseThrow(() -> SecretService.notFound(id)));
    }
}
