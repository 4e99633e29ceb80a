package io.viberglass.platform.claws;

import io.dropwizard.lifecycle.Managed;
import io.viberglass.common.job.InstructionFile;
import io.viberglass.common.job.JobKind;
import io.viberglass.common.job.JobPayload;
import io.viberglass.common.job.WorkerSettings;
import io.viberglass.platform.clankers.Clanker;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.infra.lifecycle.PollingLoop;
import io.viberglass.platform.jobs.JobQueue;
import io.viberglass.platform.jobs.PayloadFactory;
import io.viberglass.platform.jobs.RunTargets;
import io.viberglass.platform.projects.Project;
import io.viberglass.platform.projects.ScmConfig;
import io.viberglass.platform.prompts.PromptTemplateService;
import io.viberglass.platform.prompts.PromptType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires due schedules on every platform instance, each slot exactly once across all of them: a slot is taken by
 * locking its schedule row ({@code FOR UPDATE SKIP LOCKED}) and inserting the execution under a unique
 * (schedule, slot) constraint in the same transaction as the job. Slots missed while no instance ran are not
 * replayed: a schedule that is overdue fires once and moves on to its next slot after now.
 */
public class ClawFiring implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(ClawFiring.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final ClawSettings settings;
    private final JobQueue queue;
    private final RunTargets targets;
    private final PayloadFactory payloads;
    private final PromptTemplateService prompts;
    private final ClawEvents events;
    private final ClawWebhookSender webhooks;
    private final PollingLoop ticker = new PollingLoop("claw-ticker", this::tick);

    public ClawFiring(
            Jdbi jdbi,
            Clock clock,
            ClawSettings settings,
            JobQueue queue,
            RunTargets targets,
            PayloadFactory payloads,
            PromptTemplateService prompts,
            ClawEvents events,
            ClawWebhookSender webhooks) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.settings = settings;
        this.queue = queue;
        this.targets = targets;
        this.payloads = payloads;
        this.prompts = prompts;
        this.events = events;
        this.webhooks = webhooks;
    }

    @Override
    public void start() {
        ticker.start(java.time.Duration.ofMillis(settings.getTickInterval().toMilliseconds()));
    }

    @Override
    public void stop() throws InterruptedException {
        ticker.stop(java.time.Duration.ofSeconds(5));
    }

    private void tick() {
        try {
            fireDue();
            webhooks.deliverDue();
        } catch (RuntimeException e) {
            LOG.warn("Claw tick failed: {}", e.getMessage());
        }
    }

    /** Fires every schedule due now; returns how many slots this instance took. */
    public int fireDue() {
        Instant now = clock.instant();
        int fired = 0;
        for (UUID id : jdbi.withExtension(ClawDao.class, dao -> dao.due(now, 50))) {
            if (fire(id, now)) {
                fired++;
            }
        }
        return fired;
    }

    /** Thrown inside the firing transaction when another instance holds or already took the slot. */
    private static final class SlotTaken extends RuntimeException {
        SlotTaken() {
            super(null, null, false, false);
        }
    }

    private boolean fire(UUID scheduleId, Instant now) {
        ClawSchedule schedule = jdbi.withExtension(ClawDao.class, dao -> dao.schedule(scheduleId))
                .orElse(null);
        if (schedule == null || !schedule.active()) {
            return false;
        }
        ClawTemplate template = jdbi.withExtension(ClawDao.class, dao -> dao.template(schedule.templateId()))
                .orElseThrow();
        UUID jobId = UUID.randomUUID();
        JobQueue.NewJob job;
        try {
            job = job(jobId, schedule, template);
        } catch (DomainException e) {
            return recordUnstartable(schedule, now, e.getMessage());
        }
        try {
            queue.enqueue(job, now, handle -> {
                ClawSchedule locked =
                        handle.attach(ClawDao.class).lockDue(scheduleId, now).orElseThrow(SlotTaken::new);
                ExecutionDao executions = handle.attach(ExecutionDao.class);
                UUID executionId = UUID.randomUUID();
                if (executions.insert(executionId, scheduleId, jobId, locked.nextRunAt(), "pending", now) == 0) {
                    throw new SlotTaken();
                }
                handle.attach(ClawDao.class)
                        .advance(
                                scheduleId,
                                locked.nextRunAt(),
                                locked.cadence(java.time.Duration.ZERO).next(now),
                                now);
                events.queue(handle, locked, executions.find(executionId).orElseThrow(), "started", now);
            });
            return true;
        } catch (SlotTaken e) {
            return false;
        }
    }

    /** A schedule whose run cannot even be queued (its clanker stopped, its repository removed) fails this slot. */
    private boolean recordUnstartable(ClawSchedule schedule, Instant now, String reason) {
        return jdbi.inTransaction(handle -> {
            ClawSchedule locked =
                    handle.attach(ClawDao.class).lockDue(schedule.id(), now).orElse(null);
            if (locked == null) {
                return false;
            }
            ExecutionDao executions = handle.attach(ExecutionDao.class);
            UUID executionId = UUID.randomUUID();
            if (executions.insert(executionId, schedule.id(), null, locked.nextRunAt(), "failed", now) == 0) {
                return false;
            }
            executions.update(executionId, "failed", null, now, reason, null);
            handle.attach(ClawDao.class)
                    .advance(
                            schedule.id(),
                            locked.nextRunAt(),
                            locked.cadence(java.time.Duration.ZERO).next(now),
                            now);
            handle.attach(ClawDao.class).recordFailure(schedule.id(), now);
            events.queue(handle, locked, executions.find(executionId).orElseThrow(), "failed", now);
            return true;
        });
    }

    private JobQueue.NewJob job(UUID jobId, ClawSchedule schedule, ClawTemplate template) {
        Project project = targets.project(schedule.projectId());
        ScmConfig scm = targets.repository(project);
        Clanker clanker = targets.activeClanker(template.clankerId());
        WorkerSettings settings = PayloadFactory.settings(null, 10);
        List<InstructionFile> files = new ArrayList<>(PayloadFactory.instructionFiles(project, List.of()));
        files.addAll(template.instructionFiles());
        files.add(new InstructionFile("TASK.md", template.taskInstructions()));
        String task = prompts.render(
                project.id(),
                PromptType.CLAW_SCHEDULED_TASK,
                Map.of(
                        "taskInstructions",
                        template.taskInstructions(),
                        "projectName",
                        project.name(),
                        "constraints",
                        "- Change at most " + settings.maxChanges() + " files."));
        JobPayload payload = payloads.build(
                jobId,
                project,
                scm,
                clanker,
                null,
                new PayloadFactory.Run(JobKind.CLAW, task, settings, files, null, null),
                targets.credentials(clanker, scm));
        return new JobQueue.NewJob(jobId, JobKind.CLAW, project.id(), null, clanker.id(), payload, 1, null);
    }
}
