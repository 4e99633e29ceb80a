package io.viberglass.platform.clankers;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.viberglass.platform.infra.api.Page;
import io.viberglass.platform.infra.api.Patch;
import io.viberglass.platform.infra.api.Slugs;
import io.viberglass.platform.infra.db.UniqueSlugs;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.infra.errors.FieldError;
import io.viberglass.platform.infra.json.JsonText;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/** Clanker rules: a unique slug, valid instruction files, and inactive again when where it runs changes. */
public class ClankerService {
    private final Jdbi jdbi;
    private final Clock clock;
    private final JsonText json;

    public ClankerService(Jdbi jdbi, Clock clock, ObjectMapper mapper) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.json = new JsonText(mapper);
    }

    public Clanker create(ClankerRequest request) {
        List<FieldError> missing = new ArrayList<>();
        if (request.name() == null || request.name().isBlank()) {
            missing.add(new FieldError("name", "must not be blank"));
        }
        if (request.agent() == null) {
            missing.add(new FieldError("agent", "must not be null"));
        }
        if (request.deploymentStrategy() == null) {
            missing.add(new FieldError("deploymentStrategy", "must not be null"));
        }
        missing.addAll(ClankerFileService.problems(request.instructionFiles()));
        if (!missing.isEmpty()) {
            throw DomainException.invalid("VALIDATION_ERROR", missing.size() + " fields are invalid", missing);
        }
        Instant now = clock.instant();
        String name = request.name().trim();
        return withUniqueSlug(() -> jdbi.inTransaction(handle -> {
            ClankerDao dao = handle.attach(ClankerDao.class);
            String base = Slugs.base(name);
            Clanker clanker = new Clanker(
                    UUID.randomUUID(),
                    name,
                    Slugs.firstFree(base, dao.slugsLike(base)),
                    request.description(),
                    request.agent(),
                    copy(request.agentOptions()),
                    request.deploymentStrategy(),
                    copyConfig(request.deploymentConfig()),
                    request.concurrencyLimit(),
                    ClankerStatus.INACTIVE,
                    null,
                    now,
                    now);
            dao.insert(clanker, json(clanker.agentOptions()), json(clanker.deploymentConfig()));
            linkSecrets(dao, clanker.id(), request.secretIds());
            ClankerFileService.replace(handle, clanker.id(), request.instructionFiles(), clock);
            return clanker;
        }));
    }

    public Clanker update(UUID id, ClankerRequest request) {
        List<FieldError> fileProblems = ClankerFileService.problems(request.instructionFiles());
        if (!fileProblems.isEmpty()) {
            throw DomainException.invalid(
                    "VALIDATION_ERROR", fileProblems.size() + " fields are invalid", fileProblems);
        }
        return withUniqueSlug(() -> jdbi.inTransaction(handle -> {
            ClankerDao dao = handle.attach(ClankerDao.class);
            Clanker current = dao.findForUpdate(id).orElseThrow(() -> notFound(id.toString()));
            String name =
                    request.name() == null ? current.name() : request.name().trim();
            String slug = current.slug();
            if (!Slugs.base(name).equals(Slugs.base(current.name()))) {
                String base = Slugs.base(name);
                slug = Slugs.firstFree(
                        base,
                        dao.slugsLike(base).stream()
                                .filter(s -> !s.equals(current.slug()))
                                .toList());
            }
            DeploymentStrategy strategy = Patch.keepOr(request.deploymentStrategy(), current.deploymentStrategy());
            Map<String, Object> config = request.deploymentConfig() == null
                    ? current.deploymentConfig()
                    : copyConfig(request.deploymentConfig());
            if (strategy != current.deploymentStrategy()
                    && strategy != DeploymentStrategy.DOCKER
                    && strategy != DeploymentStrategy.KUBERNETES
                    && !dao.egressMode(id).equals("open")) {
                throw DomainException.invalid(
                        "EGRESS_POLICY_UNENFORCEABLE",
                        "deploymentStrategy",
                        strategy.wire() + " workers cannot be held to this clanker's egress policy ("
                                + dao.egressMode(id) + "): set the egress policy to 'open' first");
            }
            boolean runtimeChanged =
                    strategy != current.deploymentStrategy() || !config.equals(current.deploymentConfig());
            // a clanker whose runtime changed must be started again, so nothing runs on an unchecked configuration
            ClankerStatus status = runtimeChanged ? ClankerStatus.INACTIVE : current.status();
            Clanker updated = new Clanker(
                    current.id(),
                    name,
                    slug,
                    Patch.text(request.description(), current.description()),
                    Patch.keepOr(request.agent(), current.agent()),
                    request.agentOptions() == null ? current.agentOptions() : copy(request.agentOptions()),
                    strategy,
                    config,
                    request.concurrencyLimit() == null ? current.concurrencyLimit() : request.concurrencyLimit(),
                    status,
                    runtimeChanged ? "Configuration changed; start the clanker again" : current.statusMessage(),
                    current.createdAt(),
                    clock.instant());
            dao.update(updated, json(updated.agentOptions()), json(updated.deploymentConfig()));
            linkSecrets(dao, id, request.secretIds());
            ClankerFileService.replace(handle, id, request.instructionFiles(), clock);
            return updated;
        }));
    }

    /** The secrets of a clanker, by name, for its view and for the jobs it runs. */
    public List<ClankerDao.SecretRef> secrets(UUID clankerId) {
        return jdbi.withExtension(ClankerDao.class, dao -> dao.secrets(clankerId));
    }

    /** Replaces the clanker's secrets when the request names them; unknown ids are a 400 naming them. */
    private static void linkSecrets(ClankerDao dao, UUID clankerId, List<UUID> secretIds) {
        if (secretIds == null) {
            return;
        }
        List<UUID> distinct = secretIds.stream().distinct().toList();
        if (!distinct.isEmpty()) {
            List<UUID> unknown = new ArrayList<>(distinct);
            unknown.removeAll(dao.existingSecrets(distinct));
            if (!unknown.isEmpty()) {
                throw DomainException.invalid("INVALID_SECRET_IDS", "secretIds", "unknown secrets " + unknown);
            }
        }
        dao.clearSecrets(clankerId);
        if (!distinct.isEmpty()) {
            dao.addSecrets(clankerId, distinct);
        }
    }

    public Clanker get(UUID id) {
        return jdbi.withExtension(ClankerDao.class, dao -> dao.find(id)).orElseThrow(() -> notFound(id.toString()));
    }

    public Clanker getBySlug(String slug) {
        return jdbi.withExtension(ClankerDao.class, dao -> dao.findBySlug(slug)).orElseThrow(() -> notFound(slug));
    }

    public Page<Clanker> list(int limit, int offset) {
        return jdbi.inTransaction(handle -> {
            ClankerDao dao = handle.attach(ClankerDao.class);
            return Page.of(dao.list(limit, offset), limit, offset, dao.count());
        });
    }

    public void delete(UUID id) {
        if (jdbi.withExtension(ClankerDao.class, dao -> dao.delete(id)) == 0) {
            throw notFound(id.toString());
        }
    }

    /** A clanker's view: its secrets, instruction files and last provisioning besides its row. */
    public ClankerView view(Clanker clanker) {
        return jdbi.withHandle(handle -> ClankerView.of(
                clanker,
                handle.attach(ClankerDao.class).secrets(clanker.id()),
                handle.attach(ClankerFileDao.class).list(clanker.id()),
                handle.attach(ProvisioningDao.class).find(clanker.id())));
    }

    private static Map<String, String> copy(Map<String, String> options) {
        return options == null ? Map.of() : Map.copyOf(options);
    }

    private static Map<String, Object> copyConfig(Map<String, Object> config) {
        return config == null ? Map.of() : new java.util.LinkedHashMap<>(config);
    }

    private String json(Object value) {
        return json.write(value);
    }

    private static <T> T withUniqueSlug(Supplier<T> work) {
        return UniqueSlugs.retrying("clankers_slug_key", constraint -> null, work);
    }

    static DomainException notFound(String reference) {
        return DomainException.notFound("CLANKER_NOT_FOUND", "Clanker " + reference + " not found");
    }
}
