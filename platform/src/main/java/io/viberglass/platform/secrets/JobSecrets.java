package io.viberglass.platform.secrets;

import io.viberglass.common.security.SecretRedactor;
import io.viberglass.common.security.SecretValue;
import io.viberglass.platform.audit.AuditEntry;
import io.viberglass.platform.audit.AuditLog;
import io.viberglass.platform.clankers.ClankerDao;
import io.viberglass.platform.dispatch.CredentialResolver;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.jobs.Job;
import io.viberglass.platform.projects.ScmConfigDao;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secret values of a job: its clanker's secrets and its project's repository token, read when its worker starts.
 * Also the job's redactor, which knows those values and scrubs them from everything the worker sends back.
 */
public class JobSecrets implements CredentialResolver {
    private static final Logger LOG = LoggerFactory.getLogger(JobSecrets.class);
    private static final int REDACTORS_KEPT = 1_000;

    private final Jdbi jdbi;
    private final SecretValues values;
    private final Map<UUID, SecretRedactor> redactors = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, SecretRedactor> eldest) {
            return size() > REDACTORS_KEPT;
        }
    };

    private final AuditLog audit;
    private final Clock clock;

    public JobSecrets(Jdbi jdbi, SecretValues values, AuditLog audit, Clock clock) {
        this.jdbi = jdbi;
        this.values = values;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Values by name, only for the names the job's payload asks for, for delivery to its worker; each delivery is
     * written to the audit log (names only). Fails naming the secret, never its value.
     */
    @Override
    public Map<String, SecretValue> resolve(Job job) {
        Map<String, SecretValue> resolved = read(job);
        if (!resolved.isEmpty()) {
            audit.record(AuditEntry.anonymous("job:" + job.id(), "secret.read_by_job")
                    .project(job.projectId())
                    .target("job", job.id())
                    .detail("secrets", String.join(",", resolved.keySet())));
        }
        return resolved;
    }

    /**
     * The first of {@code names} (in that order) among the job's credentials, for the model proxy, which adds it to
     * the requests it forwards and never hands it out. Not audited per call: the dispatch already recorded the read.
     */
    public Optional<Map.Entry<String, SecretValue>> first(Job job, List<String> names) {
        Map<String, Secret> byName = new LinkedHashMap<>();
        for (Secret secret : secretsOf(job)) {
            if (job.payload().requiredCredentials().contains(secret.name())) {
                byName.put(secret.name(), secret);
            }
        }
        for (String name : names) {
            Secret secret = byName.get(name);
            if (secret != null) {
                return Optional.of(Map.entry(name, values.read(secret)));
            }
        }
        return Optional.empty();
    }

    private Map<String, SecretValue> read(Job job) {
        requireUsablePushCredential(job);
        Map<String, SecretValue> resolved = new LinkedHashMap<>();
        for (Secret secret : secretsOf(job)) {
            if (job.payload().requiredCredentials().contains(secret.name())) {
                resolved.put(secret.name(), values.read(secret));
            }
        }
        synchronized (redactors) {
            redactors.put(
                    job.id(),
                    SecretRedactor.shapesOnly()
                            .withKnownValues(resolved.values().stream()
                                    .map(SecretValue::reveal)
                                    .toList()));
        }
        return resolved;
    }

    @Override
    public Map<String, String> ssmParameters(Job job) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Secret secret : secretsOf(job)) {
            if (secret.storage() == SecretStorage.SSM
                    && job.payload().requiredCredentials().contains(secret.name())) {
                parameters.put(secret.name(), secret.ssmParameter());
            }
        }
        if (!parameters.isEmpty()) {
            // the worker reads these itself: granting it the reference is the read
            audit.record(AuditEntry.anonymous("job:" + job.id(), "secret.read_by_job")
                    .project(job.projectId())
                    .target("job", job.id())
                    .detail("secrets", String.join(",", parameters.keySet()))
                    .detail("via", "ssm-reference"));
        }
        return parameters;
    }

    /** The redactor for what a job's worker sends; built from the job's secrets on first use after a restart. */
    public SecretRedactor redactor(Job job) {
        synchronized (redactors) {
            SecretRedactor known = redactors.get(job.id());
            if (known != null) {
                return known;
            }
        }
        try {
            read(job);
        } catch (DomainException | IllegalStateException e) {
            LOG.warn(
                    "Could not read the secrets of job {} for redaction ({}); scrubbing token shapes only",
                    job.id(),
                    e.getMessage());
            return SecretRedactor.shapesOnly();
        }
        synchronized (redactors) {
            return redactors.get(job.id());
        }
    }

    /** An integration credential that expired since the run was created fails it at dispatch, naming it. */
    private void requireUsablePushCredential(Job job) {
        jdbi.useExtension(
                ScmConfigDao.class, dao -> dao.pushCredential(job.projectId()).ifPresent(credential -> {
                    Instant now = clock.instant();
                    if (credential.isExpired(now)) {
                        throw DomainException.invalid(
                                "CREDENTIAL_EXPIRED", "integrationCredentialId", credential.expiredMessage());
                    }
                    dao.markCredentialUsed(credential.id(), now);
                }));
    }

    private List<Secret> secretsOf(Job job) {
        return jdbi.inTransaction(handle -> {
            List<UUID> ids = new ArrayList<>();
            if (job.clankerId() != null) {
                handle.attach(ClankerDao.class).secrets(job.clankerId()).forEach(ref -> ids.add(ref.id()));
            }
            ScmConfigDao scm = handle.attach(ScmConfigDao.class);
            scm.find(job.projectId())
                    .map(config -> config.credentialId())
                    .filter(id -> id != null)
                    .ifPresent(ids::add);
            scm.pushCredential(job.projectId()).ifPresent(credential -> ids.add(credential.secretId()));
            return ids.isEmpty()
                    ? List.<Secret>of()
                    : handle.attach(SecretDao.class).findAll(ids);
        });
    }
}
