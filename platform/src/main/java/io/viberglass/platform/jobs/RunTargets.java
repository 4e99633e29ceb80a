package io.viberglass.platform.jobs;

import io.viberglass.platform.clankers.Clanker;
import io.viberglass.platform.clankers.ClankerService;
import io.viberglass.platform.clankers.ClankerStatus;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.projects.Project;
import io.viberglass.platform.projects.ProjectService;
import io.viberglass.platform.projects.ScmConfig;
import java.util.UUID;

/** Checks that a run has somewhere to work (a repository) and something to run on (an active clanker). */
public class RunTargets {
    private final ProjectService projects;
    private final ClankerService clankers;

    public RunTargets(ProjectService projects, ClankerService clankers) {
        this.projects = projects;
        this.clankers = clankers;
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
