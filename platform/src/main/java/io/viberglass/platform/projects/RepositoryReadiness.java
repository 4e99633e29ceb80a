package io.viberglass.platform.projects;

import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The repository checks: is there an SCM configuration, and a credential to push with. */
final class RepositoryReadiness {
    private RepositoryReadiness() {}

    static ReadinessCheck repository() {
        return (handle, project) -> scm(handle, project)
                .map(config -> new Readiness.Check(
                        "repository",
                        "Repository",
                        Readiness.State.ready,
                        null,
                        config.repositoryUrl() + " (" + config.baseBranch() + ")",
                        null))
                .orElseGet(() -> new Readiness.Check(
                        "repository",
                        "Repository",
                        Readiness.State.missing,
                        "configure_repository",
                        "No repository is configured for this project.",
                        settingsUrl(project)));
    }

    static ReadinessCheck scmCredential(Clock clock) {
        return (handle, project) -> {
            Optional<ScmConfig> config = scm(handle, project);
            if (config.isEmpty()) {
                return new Readiness.Check(
                        "scmCredential",
                        "Repository credential",
                        Readiness.State.missing,
                        "configure_repository",
                        "Configure the repository first.",
                        settingsUrl(project));
            }
            if (config.get().isLocal()) {
                return new Readiness.Check(
                        "scmCredential",
                        "Repository credential",
                        Readiness.State.ready,
                        null,
                        "A repository on the platform's disk needs no credential.",
                        null);
            }
            ScmConfigDao dao = handle.attach(ScmConfigDao.class);
            if (!dao.hasCredential(project.id())) {
                return new Readiness.Check(
                        "scmCredential",
                        "Repository credential",
                        Readiness.State.missing,
                        "select_scm_credential",
                        "Select the credential workers push and open pull requests with.",
                        settingsUrl(project));
            }
            Optional<ScmConfigDao.PushCredential> credential = dao.pushCredential(project.id());
            if (credential.isPresent() && credential.get().isExpired(clock.instant())) {
                return new Readiness.Check(
                        "scmCredential",
                        "Repository credential",
                        Readiness.State.invalid,
                        "replace_expired_scm_credential",
                        credential.get().expiredMessage(),
                        settingsUrl(project));
            }
            return new Readiness.Check(
                    "scmCredential",
                    "Repository credential",
                    Readiness.State.ready,
                    null,
                    "A credential is selected.",
                    null);
        };
    }

    private static Optional<ScmConfig> scm(Handle handle, Project project) {
        return handle.attach(ScmConfigDao.class).find(project.id());
    }

    private static String settingsUrl(Project project) {
        return "/projects/" + project.slug() + "/settings";
    }
}
