package io.viberglass.platform.dispatch.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.viberglass.common.job.SecretBundle;
import io.viberglass.common.json.Json;
import io.viberglass.common.security.Tokens;
import io.viberglass.platform.audit.AuditEntry;
import io.viberglass.platform.audit.AuditLog;
import io.viberglass.platform.dispatch.Dispatch;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.infra.errors.ErrorKind;
import io.viberglass.platform.jobs.Job;
import io.viberglass.platform.jobs.JobDao;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jdbi.v3.core.Jdbi;

/**
 * The Docker worker's secret hand-over. Docker cannot write into a tmpfs mount before the container starts, and
 * whatever it writes before start lands in the writable layer; so the container gets only a one-time token in its
 * environment and fetches the rest at start, writing the credentials into its tmpfs itself.
 *
 * <p>Between dispatch and that fetch the bundle waits in the database, AES-256-GCM sealed under a key derived from the
 * one-time token (the row stores only the token's hash): the database alone opens nothing. The fetch wipes the sealed
 * bytes. A second fetch, or a fetch for a claim that was superseded, is answered 410 and audited: the first fetcher
 * may not have been the worker.
 */
public class SecretBundles implements SecretBundleSealer {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] KEY_CONTEXT = "viberglass worker secret bundle v1\n".getBytes(StandardCharsets.UTF_8);

    private final Jdbi jdbi;
    private final Clock clock;
    private final AuditLog audit;
    private final SecureRandom random;
    private final Tokens tokens;
    private final ObjectMapper mapper = Json.newMapper();

    public SecretBundles(Jdbi jdbi, Clock clock, AuditLog audit, SecureRandom random) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.audit = audit;
        this.random = random;
        this.tokens = new Tokens(random);
    }

    @Override
    public String seal(Dispatch dispatch, Holder holder) {
        String token = tokens.randomHex(32);
        Map<String, String> values = new LinkedHashMap<>();
        if (holder == Holder.WORKER) {
            dispatch.credentials().forEach((name, value) -> values.put(name, value.reveal()));
        }
        byte[] plain = json(new SecretBundle(dispatch.invocation().callbackToken(), values));
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        UUID jobId = dispatch.job().id();
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, token, nonce, jobId, plain);
        java.util.Arrays.fill(plain, (byte) 0);
        jdbi.useExtension(
                SecretBundleDao.class,
                dao -> dao.save(
                        jobId,
                        holder.wire(),
                        Tokens.sha256Hex(token),
                        Tokens.sha256Hex(dispatch.invocation().callbackToken()),
                        nonce,
                        sealed,
                        clock.instant()));
        return token;
    }

    /** The bundle, once; see the class comment for the refusals. */
    public SecretBundle open(UUID jobId, String token, String tenant) {
        if (token == null || token.isBlank()) {
            throw DomainException.unauthorized("Missing secret bundle token");
        }
        Opening opening = jdbi.inTransaction(handle -> {
            Job job = handle.attach(JobDao.class)
                    .find(jobId)
                    .orElseThrow(() -> DomainException.notFound("JOB_NOT_FOUND", "Job " + jobId + " not found"));
            SecretBundleDao dao = handle.attach(SecretBundleDao.class);
            // the lookup by hash is the comparison: a hash equality in the index leaks nothing of the token
            SecretBundleRow row = dao.findForUpdate(jobId, Tokens.sha256Hex(token))
                    .orElseThrow(() -> dao.exists(jobId)
                            ? DomainException.unauthorized("Invalid secret bundle token")
                            : DomainException.notFound(
                                    "SECRET_BUNDLE_NOT_FOUND", "Job " + jobId + " has no secret bundle"));
            if (tenant != null && !tenant.isBlank() && !tenant.equals(job.tenantId())) {
                throw DomainException.forbidden("TENANT_MISMATCH", "Access denied");
            }
            if (row.fetchedAt() != null || !row.claimTokenHash().equals(job.callbackTokenHash())) {
                return new Opening(job, row.holder(), null, row.fetchedAt());
            }
            SecretBundle bundle = read(crypt(Cipher.DECRYPT_MODE, token, row.nonce(), jobId, row.sealed()));
            Instant now = clock.instant();
            dao.markFetched(jobId, row.holder(), now);
            audit.record(
                    handle,
                    entry(job, "job.secret_bundle_fetched")
                            .detail("holder", row.holder())
                            .detail(
                                    "credentials",
                                    String.join(",", bundle.secrets().keySet())));
            return new Opening(job, row.holder(), bundle, null);
        });
        if (opening.bundle() == null) {
            // its own transaction: the refusal must be on record although the request fails
            audit.record(entry(opening.job(), "job.secret_bundle_refused")
                    .detail("holder", opening.holder())
                    .detail("reason", opening.fetchedAt() != null ? "already fetched" : "claim superseded")
                    .detail("fetchedAt", opening.fetchedAt()));
            throw new DomainException(
                    ErrorKind.GONE,
                    "SECRET_BUNDLE_GONE",
                    "The secret bundle of job " + jobId + " was already handed out or belongs to an earlier dispatch");
        }
        return opening.bundle();
    }

    private record Opening(Job job, String holder, SecretBundle bundle, Instant fetchedAt) {}

    private static AuditEntry entry(Job job, String action) {
        return AuditEntry.anonymous("worker:" + job.id(), action)
                .target("job", job.id())
                .project(job.projectId());
    }

    private byte[] json(SecretBundle bundle) {
        try {
            return mapper.writeValueAsBytes(bundle);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not serialise a secret bundle");
        }
    }

    private SecretBundle read(byte[] plain) {
        try {
            return mapper.readValue(plain, SecretBundle.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a stored secret bundle does not parse");
        } finally {
            java.util.Arrays.fill(plain, (byte) 0);
        }
    }

    /** The key is SHA-256 over a fixed context and the token: the row's token hash (no context) does not give it. */
    private static byte[] crypt(int mode, String token, byte[] nonce, UUID jobId, byte[] input) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(KEY_CONTEXT);
            byte[] key = sha.digest(token.getBytes(StandardCharsets.UTF_8));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            // the job id as associated data: a sealed bundle moved to another job's row does not open
            cipher.updateAAD(ByteBuffer.allocate(16)
                    .putLong(jobId.getMostSignificantBits())
                    .putLong(jobId.getLeastSignificantBits())
                    .array());
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("secret bundle " + (mode == Cipher.ENCRYPT_MODE ? "sealing" : "opening")
                    + " failed: " + e.getClass().getSimpleName());
        }
    }
}
