package io.viberglass.platform.projects;

import io.viberglass.common.job.ScmProvider;
import io.viberglass.platform.access.ProjectScope;
import io.viberglass.platform.infra.api.Page;
import io.viberglass.platform.infra.api.Patch;
import io.viberglass.platform.infra.api.Slugs;
import io.viberglass.platform.infra.db.UniqueSlugs;
import io.viberglass.platform.infra.errors.DomainException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Project rules: unique names and slugs, partial updates, archiving, the SCM configuration and readiness. */
public class ProjectService {
    private final Jdbi jdbi;
    private final Clock clock;
    private final List<ReadinessCheck> readinessChecks;
    private final ProjectListener listener;

    public ProjectService(Jdbi jdbi, Clock clock, List<ReadinessCheck> readinessChecks, ProjectListener listener) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.readinessChecks = List.copyOf(readinessChecks);
        this.listener = listener;
    }

    /** Creates a project; {@code creatorId} (null for the local administrator) becomes its administrator. */
    public Project create(CreateProjectRequest request, UUID creatorId) {
        Instant now = clock.instant();
        String name = request.name().trim();
        return withUniqueSlug(
                name,
                () -> jdbi.inTransaction(handle -> {
                    ProjectDao dao = handle.attach(ProjectDao.class);
                    String base = Slugs.base(name);
                    Project project = new Project(
                            UUID.randomUUID(),
                            name,
                            Slugs.firstFree(base, dao.slugsLike(base)),
                            request.description(),
                            blankToNull(request.agentInstructions()),
                            Boolean.TRUE.equals(request.autoFixEnabled()),
                            tags(request.autoFixTags()),
                            blankToNull(request.webhookUrl()),
                            null,
                            null,
                            null,
                            now,
                            now);
                    dao.insert(project);
                    listener.onCreated(handle, project, creatorId);
                    return project;
                }));
    }

    public Project get(UUID id) {
        return jdbi.withExtension(ProjectDao.class, dao -> dao.find(id)).orElseThrow(() -> notFound(id.toString()));
    }

    public Project getBySlug(String slug) {
        return jdbi.withExtension(ProjectDao.class, dao -> dao.findBySlug(slug)).orElseThrow(() -> notFound(slug));
    }

    public Page<Project> list(ProjectScope scope, ArchivedFilter archived, int limit, int offset) {
        return jdbi.inTransaction(handle -> {
            ProjectDao dao = handle.attach(ProjectDao.class);
            return Page.of(
                    dao.list(scope.viewer(), archived.name(), limit, offset),
                    limit,
                    offset,
                    dao.count(scope.viewer(), archived.name()));
        });
    }

    public Project update(UUID id, UpdateProjectRequest request) {
        return withUniqueSlug(
                request.name(),
                () -> jdbi.inTransaction(handle -> {
                    ProjectDao dao = handle.attach(ProjectDao.class);
                    Project current = dao.findForUpdate(id).orElseThrow(() -> notFound(id.toString()));
                    String name = request.name() == null
                            ? current.name()
                            : request.name().trim();
                    String slug = current.slug();
                    if (!name.equals(current.name()) && !Slugs.base(name).equals(Slugs.base(current.name()))) {
                        String base = Slugs.base(name);
                        slug = Slugs.firstFree(
                                base,
                                dao.slugsLike(base).stream()
                                        .filter(s -> !s.equals(current.slug()))
                                        .toList());
                    }
                    Project updated = new Project(
                            current.id(),
                            name,
                            slug,
                            Patch.text(request.description(), current.description()),
                            Patch.text(request.agentInstructions(), current.agentInstructions()),
                            Patch.keepOr(request.autoFixEnabled(), current.autoFixEnabled()),
                            request.autoFixTags() == null ? current.autoFixTags() : tags(request.autoFixTags()),
                            Patch.text(request.webhookUrl(), current.webhookUrl()),
                            current.primaryTicketingIntegrationId(),
                            current.primaryScmIntegrationId(),
                            current.archivedAt(),
                            current.createdAt(),
                            clock.instant());
                    dao.update(updated);
                    return updated;
                }));
    }

    public Project archive(UUID id) {
        return jdbi.inTransaction(handle -> {
            ProjectDao dao = handle.attach(ProjectDao.class);
            dao.archive(id, clock.instant());
            return dao.find(id).orElseThrow(() -> notFound(id.toString()));
        });
    }

    public Project unarchive(UUID id) {
        return jdbi.inTransaction(handle -> {
            ProjectDao dao = handle.attach(ProjectDao.class);
            dao.unarchive(id, clock.instant());
            return dao.find(id).orElseThrow(() -> notFound(id.toString()));
        });
    }

    public void delete(UUID id) {
        if (jdbi.withExtension(ProjectDao.class, dao -> dao.delete(id)) == 0) {
            throw notFound(id.toString());
        }
    }

    public DeletionSummary deletionSummary(UUID id) {
        return jdbi.inTransaction(handle -> {
            ProjectDao dao = handle.attach(ProjectDao.class);
            Project project = dao.find(id).orElseThrow(() -> notFound(id.toString()));
            return new DeletionSummary(project.id(), project.name(), dao.countTickets(id), dao.countMedia(id));
        });
    }

    public ScmConfig scmConfig(UUID projectId) {
        return jdbi.inTransaction(handle -> {
            requireProject(handle, projectId);
            return handle.attach(ScmConfigDao.class)
                    .find(projectId)
                    .orElseThrow(() -> DomainException.notFound("SCM_CONFIG_NOT_FOUND", "SCM configuration not found"));
        });
    }

    public ScmConfig putScmConfig(UUID projectId, ScmConfigRequest request) {
        return jdbi.inTransaction(handle -> {
            requireProject(handle, projectId);
            ScmConfigDao dao = handle.attach(ScmConfigDao.class);
            Instant now = clock.instant();
            Instant created = dao.find(projectId).map(ScmConfig::createdAt).orElse(now);
            String repository = request.repositoryUrl().trim();
            requireCredentialOfIntegration(dao, request);
            ScmConfig config = new ScmConfig(
                    projectId,
                    request.provider() == null ? ScmProvider.detect(repository) : request.provider(),
                    repository,
                    request.baseBranch() == null ? "main" : request.baseBranch(),
                    blankToNull(request.pullRequestRepositoryUrl()),
                    blankToNull(request.pullRequestBaseBranch()),
                    BranchTemplates.validated(request.branchNameTemplate()),
                    blankToNull(request.apiUrl()),
                    request.integrationId(),
                    request.credentialId(),
                    request.integrationCredentialId(),
                    created,
                    now);
            dao.upsert(config);
            return config;
        });
    }

    /** A selected integration credential must exist and belong to the repository's integration. */
    private static void requireCredentialOfIntegration(ScmConfigDao dao, ScmConfigRequest request) {
        if (request.integrationCredentialId() == null) {
            return;
        }
        UUID owner = dao.credentialIntegration(request.integrationCredentialId())
                .orElseThrow(() -> DomainException.notFound(
                        "INTEGRATION_CREDENTIAL_NOT_FOUND",
                        "Credential " + request.integrationCredentialId() + " not found"));
        if (!owner.equals(request.integrationId())) {
            throw DomainException.invalid(
                    "CREDENTIAL_OF_ANOTHER_INTEGRATION",
                    "integrationCredentialId",
                    "must be a credential of the repository's integration (integrationId)");
        }
    }

    /** The integration credential the project's repository pushes with, when it uses one. */
    public java.util.Optional<ScmConfigDao.PushCredential> pushCredential(UUID projectId) {
        return jdbi.withExtension(ScmConfigDao.class, dao -> dao.pushCredential(projectId));
    }

    public void deleteScmConfig(UUID projectId) {
        jdbi.useTransaction(handle -> {
            requireProject(handle, projectId);
            if (handle.attach(ScmConfigDao.class).delete(projectId) == 0) {
                throw DomainException.notFound("SCM_CONFIG_NOT_FOUND", "SCM configuration not found");
            }
        });
    }

    public Readiness readiness(UUID projectId) {
        return jdbi.inTransaction(handle -> {
            Project project = requireProject(handle, projectId);
            return Readiness.of(
                    projectId,
                    readinessChecks.stream()
                            .map(c -> c.evaluate(handle, project))
                            .toList());
        });
    }

    private static Project requireProject(Handle handle, UUID projectId) {
        return handle.attach(ProjectDao.class).find(projectId).orElseThrow(() -> notFound(projectId.toString()));
    }

    private static <T> T withUniqueSlug(String name, Supplier<T> work) {
        return UniqueSlugs.retrying(
                "projects_slug_key",
                constraint -> constraint.equals("projects_name_key")
                        ? DomainException.conflict(
                                "PROJECT_NAME_TAKEN",
                                "A project named '" + (name == null ? "" : name.trim()) + "' already exists")
                        : null,
                work);
    }

    private static List<String> tags(List<String> tags) {
        return tags == null
                ? List.of()
                : tags.stream()
                        .map(String::trim)
                        .filter(t -> !t.isEmpty())
                        .distinct()
                        .toList();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    public static DomainException notFound(String reference) {
        return DomainException.notFound("PROJECT_NOT_FOUND", "Project " + reference + " not found");
    }
}
