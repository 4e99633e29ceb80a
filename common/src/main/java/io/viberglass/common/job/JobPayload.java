package io.viberglass.common.job;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.viberglass.common.session.SessionTurn;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Everything a worker needs to run one job: the contract between platform and worker (see
 * {@code docs/worker-contract.md}). It carries no secret values: credentials are named in
 * {@link #requiredCredentials()} and delivered by the runtime (mounted files, environment, SSM), and the callback token
 * travels beside the payload, never inside it.
 *
 * @param version contract version; a worker refuses a payload whose version it does not know
 * @param jobId the platform's job id (a UUID string), used in callback paths and branch names
 * @param kind what to do: research, planning, execution or claw
 * @param tenantId tenant sent back as {@code X-Tenant-Id}
 * @param clankerId the agent runner configuration the job runs under, if any
 * @param platformApiUrl base URL for callbacks; {@code null} for a standalone run
 * @param agent which agent CLI to run and how
 * @param repository where to clone from, which branch to work on, where to open the pull request
 * @param task the rendered prompt
 * @param ticket the ticket the job works on, for prompts and branch names
 * @param instructionFiles files written into the work tree before the agent starts (AGENTS.md, skills, configs)
 * @param settings limits and preferences for the run
 * @param requiredCredentials names of the credentials the run needs (API keys, SCM token)
 * @param session present when the job is one turn of an interactive agent session, run over ACP
 */
public record JobPayload(
        @NotNull @Min(1) @Max(CONTRACT_VERSION) Integer version,
        @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9_.-]+") String jobId,
        @NotNull JobKind kind,
        @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9_-]+") String tenantId,
        @Size(max = 100) String clankerId,
        @Size(max = 2000) String platformApiUrl,
        @NotNull @Valid AgentSpec agent,
        @NotNull @Valid RepositorySpec repository,
        @NotBlank @Size(max = 1_000_000) String task,
        @Valid TicketContext ticket,
        @Size(max = 200) List<@Valid @NotNull InstructionFile> instructionFiles,
        @Valid WorkerSettings settings,
        @Size(max = 100) List<@NotBlank String> requiredCredentials,
        @Valid SessionTurn session) {

    /** The newest contract version this code speaks. */
    public static final int CONTRACT_VERSION = 1;

    public JobPayload {
        instructionFiles = instructionFiles == null ? List.of() : List.copyOf(instructionFiles);
        requiredCredentials = requiredCredentials == null ? List.of() : List.copyOf(requiredCredentials);
        settings = settings == null ? WorkerSettings.defaults() : settings;
    }

    /** A one-shot job: not part of an interactive session. */
    public JobPayload(
            Integer version,
            String jobId,
            JobKind kind,
            String tenantId,
            String clankerId,
            String platformApiUrl,
            AgentSpec agent,
            RepositorySpec repository,
            String task,
            TicketContext ticket,
            List<InstructionFile> instructionFiles,
            WorkerSettings settings,
            List<String> requiredCredentials) {
        this(
                version,
                jobId,
                kind,
                tenantId,
                clankerId,
                platformApiUrl,
                agent,
                repository,
                task,
                ticket,
                instructionFiles,
                settings,
                requiredCredentials,
                null);
    }

    /** The same payload for another job (a retry runs as a new job). */
    public JobPayload withJobId(String jobId) {
        return copy(jobId, agent, repository, settings, session);
    }

    /** The same payload working on another repository spec (a follow-up pushes to its pull request's branch). */
    public JobPayload withRepository(RepositorySpec repository) {
        return copy(jobId, agent, repository, settings, session);
    }

    /** The same payload for another agent spec (the credential broker points the agent at its proxy). */
    public JobPayload withAgent(AgentSpec agent) {
        return copy(jobId, agent, repository, settings, session);
    }

    /** The same payload under other worker settings (a Lambda worker shortens the time limit to its own). */
    public JobPayload withSettings(WorkerSettings settings) {
        return copy(jobId, agent, repository, settings, session);
    }

    /** The same payload as one turn of an interactive agent session. */
    public JobPayload withSession(SessionTurn session) {
        return copy(jobId, agent, repository, settings, session);
    }

    /**
     * The one place the with* copies list the components: a new component is added here once, and the parameters
     * are exactly the components some with* method replaces.
     */
    private JobPayload copy(
            String jobId, AgentSpec agent, RepositorySpec repository, WorkerSettings settings, SessionTurn session) {
        return new JobPayload(
                version,
                jobId,
                kind,
                tenantId,
                clankerId,
                platformApiUrl,
                agent,
                repository,
                task,
                ticket,
                instructionFiles,
                settings,
                requiredCredentials,
                session);
    }

    /** Whether the worker runs this job as an ACP session turn rather than a one-shot CLI run. */
    @JsonIgnore
    public boolean isSessionTurn() {
        return session != null;
    }
}
