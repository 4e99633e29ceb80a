package io.viberglass.platform.jobs;

import io.viberglass.platform.clankers.Clanker;
import io.viberglass.platform.clankers.ClankerService;
import io.viberglass.platform.clankers.ClankerStatus;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.projects.Project;
import io.viberglass.platform.projects.ProjectService;
import io.viberglass.platform.projects.ScmConfig;
import io.viberglass.platform.projects.ScmConfigDao;
import io.viberglass.platform.secrets.SecretService;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/** Checks that a run has somewhere to work (a repository) and something to run on (an active clanker). */
public class RunTargets {
    private final ProjectService projects;
    private final ClankerService clankers;
    private final SecretService secrets;
    private final Clock clock;

    public RunTargets(ProjectService projects, ClankerService clankers, SecretService secrets, Clock clock) {
        this.projects = projects;
        this.clankers = clankers;
        this.secrets = secrets;
        this.clock = clock;
    }

    public Project project(UUID projectId) {
        return projects.get(projectId);
    }

    public ScmConfig repository(Project project) {
        try {
            return projects.scmConfig(project.id());
        } catch (DomainException e) {
            throw DomainException.invalid(
                    "PROJECT_REPOSITORY_NOT_CONFIGURED",
                    "repository",
                    "Project " + project.name() + " has no repository configured");
        }
    }

    /**
     * The names of the credentials a run of {@code clanker} on {@code scm}'s repository receives. The repository's token
     * is its secret, else its integration credential (selected, or the integration's default); an expired one refuses
     * the run, naming it.
     */
    public PayloadFactory.Credentials credentials(Clanker clanker, ScmConfig scm) {
        java.util.List<String> names = new java.util.ArrayList<>();
        clankers.secrets(clanker.id()).forEach(secret -> names.add(secret.name()));
        String scmCredential = scmCredentialName(scm);
        if (scmCredential != null && !names.contains(scmCredential)) {
            names.add(scmCredential);
        }
        return new PayloadFactory.Credentials(java.util.List.copyOf(names), scmCredential);
    }

    private String scmCredentialName(ScmConfig scm) {
        if (scm.credentialId() != null) {
            return secrets.get(scm.credentialId()).name();
        }
        Optional<ScmConfigDao.PushCredential> credential = projects.pushCredential(scm.projectId());
        if (credential.isEmpty()) {
            return null;
        }
        if (credential.get().isExpired(clock.instant())) {
            throw DomainException.invalid(
                    "CREDENTIAL_EXPIRED",
                    "integrationCredentialId",
                    credential.get().expiredMessage());
        }
        return secrets.get(credential.get().secretId()).name();
    }

    public Clanker activeClanker(UUID clankerId) {
        Clanker clanker = clankers.get(clankerId);
        if (clanker.status() != ClankerStatus.ACTIVE) {
            throw DomainException.invalid(
                    "CLANKER_NOT_ACTIVE",
                    "clankerId",
                    "Selected clanker is " + clanker.status().wire() + ". Only active clankers can run jobs.");
        }
        return clanker;
    }
}
