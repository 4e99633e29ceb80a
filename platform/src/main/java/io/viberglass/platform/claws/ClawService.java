package io.viberglass.platform.claws;

import io.viberglass.common.job.InstructionFile;
import io.viberglass.common.security.SecretValue;
import io.viberglass.platform.access.ProjectScope;
import io.viberglass.platform.clankers.ClankerDao;
import io.viberglass.platform.clankers.ClankerStatus;
import io.viberglass.platform.infra.db.Constraints;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.infra.errors.FieldError;
import io.viberglass.platform.infra.json.JsonText;
import io.viberglass.platform.projects.ProjectDao;
import io.viberglass.platform.secrets.SecretCipher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/** Claw templates and schedules: validation, pause and resume, previews, history and statistics. */
public class ClawService {
    private final Jdbi jdbi;
    private final Clock clock;
    private final ClawSettings settings;
    private final SecretCipher cipher;
    private final JsonText json;

    public ClawService(Jdbi jdbi, Clock clock, ClawSettings settings, SecretCipher cipher, JsonText json) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.settings = settings;
        this.cipher = cipher;
        this.json = json;
    }

    // --- templates ---

    public ClawTemplate createTemplate(ClawRequests.Template request) {
        require(List.of(
                field("projectId", request.projectId()),
                field("name", request.name()),
                field("clankerId", request.clankerId()),
                field("taskInstructions", request.taskInstructions())));
        Instant now = clock.instant();
        ClawTemplate template = new ClawTemplate(
                UUID.randomUUID(),
                request.projectId(),
                request.name().trim(),
                request.description(),
                request.clankerId(),
                request.taskInstructions(),
                files(request),
                now,
                now);
        return unique(
                "claw_task_templates_name_key",
                "A task template named " + template.name(),
                () -> jdbi.inTransaction(handle -> {
                    requireProject(handle, template.projectId());
                    requireClanker(handle, template.clankerId(), false);
                    handle.attach(ClawDao.class).insertTemplate(template, json.write(template.instructionFiles()));
                    return template;
                }));
    }

    public ClawTemplate updateTemplate(UUID id, ClawRequests.Template request) {
        return unique(
                "claw_task_templates_name_key",
                "A task template named " + request.name(),
                () -> jdbi.inTransaction(handle -> {
                    ClawDao dao = handle.attach(ClawDao.class);
                    ClawTemplate current = dao.template(id).orElseThrow(() -> notFound("TEMPLATE", id));
                    if (request.clankerId() != null) {
                        requireClanker(handle, request.clankerId(), false);
                    }
                    ClawTemplate updated = new ClawTemplate(
                            id,
                            current.projectId(),
                            request.name() == null
                                    ? current.name()
                                    : request.name().trim(),
                            request.description() == null ? current.description() : request.description(),
                            request.clankerId() == null ? current.clankerId() : request.clankerId(),
                            request.taskInstructions() == null
                                    ? current.taskInstructions()
                                    : request.taskInstructions(),
                            request.instructionFiles() == null ? current.instructionFiles() : files(request),
                            current.createdAt(),
                            clock.instant());
                    dao.updateTemplate(updated, json.write(updated.instructionFiles()));
                    return updated;
                }));
    }

    public ClawTemplate template(UUID id) {
        return jdbi.withExtension(ClawDao.class, dao -> dao.template(id)).orElseThrow(() -> notFound("TEMPLATE", id));
    }

    public List<ClawTemplate> templates(UUID projectId, ProjectScope scope, int limit, int offset) {
        return jdbi.withExtension(ClawDao.class, dao -> dao.templates(projectId, scope.viewer(), limit, offset));
    }

    public void deleteTemplate(UUID id) {
        if (jdbi.withExtension(ClawDao.class, dao -> dao.deleteTemplate(id)) == 0) {
            throw notFound("TEMPLATE", id);
        }
    }

    // --- schedules ---

    public ScheduleView createSchedule(ClawRequests.Schedule request) {
        require(List.of(
                field("projectId", request.projectId()),
                field("taskTemplateId", request.taskTemplateId()),
                field("name", request.name()),
                field("scheduleType", request.scheduleType())));
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        Timing timing = timing(
                request.scheduleType(), request.intervalExpression(), request.cronExpression(), request.timezone());
        boolean active = request.isActive() == null || request.isActive();
        SecretCipher.Sealed secret = seal(id, request.webhookConfig());
        ClawSchedule schedule = new ClawSchedule(
                id,
                request.projectId(),
                request.taskTemplateId(),
                request.name().trim(),
                request.description(),
                request.scheduleType(),
                timing.intervalSeconds(),
                timing.cron(),
                timing.timezone(),
                active,
                active ? timing.cadence().next(now) : null,
                null,
                0,
                0,
                0,
                request.autoPauseAfter() == null ? 3 : request.autoPauseAfter(),
                null,
                request.webhookConfig() == null ? null : request.webhookConfig().url(),
                secret == null ? null : secret.ciphertext(),
                secret == null ? null : secret.nonce(),
                secret == null ? null : secret.keyId(),
                events(request.webhookConfig()),
                now,
                now);
        return unique(
                "claw_schedules_name_key",
                "A schedule named " + schedule.name(),
                () -> jdbi.inTransaction(handle -> {
                    requireProject(handle, schedule.projectId());
                    ClawTemplate template = handle.attach(ClawDao.class)
                            .template(schedule.templateId())
                            .filter(t -> t.projectId().equals(schedule.projectId()))
                            .orElseThrow(() -> DomainException.invalid(
                                    "TEMPLATE_NOT_FOUND",
                                    "taskTemplateId",
                                    "must be a task template of the same project"));
                    if (active) {
                        requireClanker(handle, template.clankerId(), true);
                    }
                    handle.attach(ClawDao.class).insertSchedule(schedule);
                    return view(schedule);
                }));
    }

    public ScheduleView updateSchedule(UUID id, ClawRequests.Schedule request) {
        return unique(
                "claw_schedules_name_key",
                "A schedule named " + request.name(),
                () -> jdbi.inTransaction(handle -> {
                    ClawDao dao = handle.attach(ClawDao.class);
                    ClawSchedule s = dao.scheduleForUpdate(id).orElseThrow(() -> notFound("SCHEDULE", id));
                    String type = request.scheduleType() == null ? s.scheduleType() : request.scheduleType();
                    Timing timing = timing(
                            type,
                            request.intervalExpression() != null
                                    ? request.intervalExpression()
                                    : s.intervalSeconds() == null ? null : s.intervalSeconds() + "s",
                            request.cronExpression() != null ? request.cronExpression() : s.cronExpression(),
                            request.timezone() != null ? request.timezone() : s.timezone());
                    boolean active = request.isActive() == null ? s.active() : request.isActive();
                    Instant now = clock.instant();
                    SecretCipher.Sealed secret =
                            request.webhookConfig() == null ? null : seal(id, request.webhookConfig());
                    boolean keepSecret = request.webhookConfig() == null;
                    ClawSchedule updated = new ClawSchedule(
                            id,
                            s.projectId(),
                            s.templateId(),
                            request.name() == null ? s.name() : request.name().trim(),
                            request.description() == null ? s.description() : request.description(),
                            type,
                            timing.intervalSeconds(),
                            timing.cron(),
                            timing.timezone(),
                            active,
                            active ? timing.cadence().next(now) : null,
                            s.lastRunAt(),
                            s.runCount(),
                            s.failureCount(),
                            active && !s.active() ? 0 : s.consecutiveFailures(),
                            request.autoPauseAfter() == null ? s.autoPauseAfter() : request.autoPauseAfter(),
                            active ? null : s.pausedReason(),
                            keepSecret
                                    ? s.webhookUrl()
                                    : request.webhookConfig().url(),
                            keepSecret ? s.webhookSecretCiphertext() : secret == null ? null : secret.ciphertext(),
                            keepSecret ? s.webhookSecretNonce() : secret == null ? null : secret.nonce(),
                            keepSecret ? s.webhookSecretKeyId() : secret == null ? null : secret.keyId(),
                            keepSecret ? s.webhookEvents() : events(request.webhookConfig()),
                            s.createdAt(),
                            now);
                    if (active) {
                        ClawTemplate template = dao.template(s.templateId()).orElseThrow();
                        requireClanker(handle, template.clankerId(), true);
                    }
                    dao.updateSchedule(updated);
                    return view(updated);
                }));
    }

    public ScheduleView pause(UUID id) {
        return setActive(id, false);
    }

    public ScheduleView resume(UUID id) {
        return setActive(id, true);
    }

    private ScheduleView setActive(UUID id, boolean active) {
        ScheduleView current = schedule(id);
        if (current.isActive() == active) {
            throw DomainException.conflict(
                    active ? "SCHEDULE_ALREADY_ACTIVE" : "SCHEDULE_ALREADY_PAUSED",
                    "The schedule is already " + (active ? "active" : "paused"));
        }
        return updateSchedule(
                id, new ClawRequests.Schedule(null, null, null, null, null, null, null, null, active, null, null));
    }

    public ScheduleView schedule(UUID id) {
        return view(
                jdbi.withExtension(ClawDao.class, dao -> dao.schedule(id)).orElseThrow(() -> notFound("SCHEDULE", id)));
    }

    public List<ScheduleView> schedules(UUID projectId, Boolean active, ProjectScope scope, int limit, int offset) {
        return jdbi
                .withExtension(ClawDao.class, dao -> dao.schedules(projectId, active, scope.viewer(), limit, offset))
                .stream()
                .map(this::view)
                .toList();
    }

    public void deleteSchedule(UUID id) {
        if (jdbi.withExtension(ClawDao.class, dao -> dao.deleteSchedule(id)) == 0) {
            throw notFound("SCHEDULE", id);
        }
    }

    /** The next slots of an expression, before saving it: the dashboard's preview. */
    public List<Instant> preview(String type, String interval, String cron, String timezone, int count) {
        return timing(type, interval, cron, timezone).cadence().preview(clock.instant(), count);
    }

    public List<ClawExecution> executions(UUID scheduleId, String status, ProjectScope scope, int limit, int offset) {
        return jdbi.withExtension(
                ExecutionDao.class, dao -> dao.list(scheduleId, status, scope.viewer(), limit, offset));
    }

    public ClawExecution execution(UUID id) {
        return jdbi.withExtension(ExecutionDao.class, dao -> dao.find(id)).orElseThrow(() -> notFound("EXECUTION", id));
    }

    public List<String> deliveries(UUID executionId) {
        return jdbi.withExtension(ExecutionDao.class, dao -> dao.deliveriesOf(executionId));
    }

    public record Stats(
            long totalTemplates,
            long totalSchedules,
            long activeSchedules,
            long totalExecutions,
            Map<String, Long> executionsByStatus,
            List<ClawExecution> recentExecutions) {}

    public Stats stats(ProjectScope scope) {
        return jdbi.inTransaction(handle -> {
            UUID viewer = scope.viewer();
            Map<String, Long> byStatus = new java.util.LinkedHashMap<>();
            handle.attach(ExecutionDao.class).countByStatus(viewer).forEach(c -> byStatus.put(c.status(), c.count()));
            ClawDao claws = handle.attach(ClawDao.class);
            ClawDao.ScheduleCounts schedules = claws.countSchedules(viewer);
            return new Stats(
                    claws.countTemplates(viewer),
                    schedules.total(),
                    schedules.active(),
                    byStatus.values().stream().mapToLong(Long::longValue).sum(),
                    byStatus,
                    handle.attach(ExecutionDao.class).list(null, null, viewer, 10, 0));
        });
    }

    // --- rules ---

    private record Timing(Cadence cadence, Integer intervalSeconds, String cron, String timezone) {}

    private Timing timing(String type, String interval, String cron, String timezone) {
        Duration minimum = Duration.ofMillis(settings.getMinimumInterval().toMilliseconds());
        if ("interval".equals(type)) {
            Cadence cadence = Cadence.interval(interval, minimum);
            return new Timing(
                    cadence, (int) cadence.fixedInterval().orElseThrow().toSeconds(), null, "UTC");
        }
        if ("cron".equals(type)) {
            Cadence cadence = Cadence.cron(cron, timezone);
            return new Timing(cadence, null, cron.trim(), Cadence.zone(timezone).getId());
        }
        throw DomainException.invalid("INVALID_SCHEDULE_TYPE", "scheduleType", "must be interval or cron");
    }

    private ScheduleView view(ClawSchedule schedule) {
        List<Instant> upcoming = schedule.active() && schedule.nextRunAt() != null ? upcoming(schedule) : List.of();
        return ScheduleView.of(schedule, upcoming);
    }

    private List<Instant> upcoming(ClawSchedule schedule) {
        List<Instant> slots = new ArrayList<>(List.of(schedule.nextRunAt()));
        slots.addAll(schedule.cadence(Duration.ZERO).preview(schedule.nextRunAt(), 4));
        return slots;
    }

    private SecretCipher.Sealed seal(UUID scheduleId, ClawRequests.Webhook webhook) {
        return webhook == null || webhook.secret() == null
                ? null
                : cipher.seal(scheduleId, SecretValue.of(webhook.secret()));
    }

    private static List<String> events(ClawRequests.Webhook webhook) {
        return webhook == null || webhook.events() == null || webhook.events().isEmpty()
                ? List.of("started", "completed", "failed")
                : List.copyOf(webhook.events());
    }

    private static List<InstructionFile> files(ClawRequests.Template request) {
        return request.instructionFiles() == null
                ? List.of()
                : request.instructionFiles().stream()
                        .map(file -> new InstructionFile(file.path(), file.content()))
                        .toList();
    }

    private static void requireProject(Handle handle, UUID projectId) {
        if (handle.attach(ProjectDao.class).find(projectId).isEmpty()) {
            throw DomainException.notFound("PROJECT_NOT_FOUND", "Project " + projectId + " not found");
        }
    }

    private static void requireClanker(Handle handle, UUID clankerId, boolean active) {
        var clanker = handle.attach(ClankerDao.class)
                .find(clankerId)
                .orElseThrow(
                        () -> DomainException.notFound("CLANKER_NOT_FOUND", "Clanker " + clankerId + " not found"));
        if (active && clanker.status() != ClankerStatus.ACTIVE) {
            throw DomainException.invalid(
                    "CLANKER_NOT_ACTIVE",
                    "taskTemplateId",
                    "The template's clanker " + clanker.name() + " is "
                            + clanker.status().wire() + "; start it before scheduling");
        }
    }

    private record Field(String name, Object value) {}

    private static Field field(String name, Object value) {
        return new Field(name, value);
    }

    private static void require(List<Field> fields) {
        List<FieldError> missing = fields.stream()
                .filter(f -> f.value() == null)
                .map(f -> new FieldError(f.name(), "must not be null"))
                .toList();
        if (!missing.isEmpty()) {
            throw DomainException.invalid(
                    "VALIDATION_ERROR",
                    missing.size() == 1
                            ? missing.get(0).field() + " must not be null"
                            : missing.size() + " fields are invalid",
                    missing);
        }
    }

    private static <T> T unique(String constraint, String what, Supplier<T> work) {
        try {
            return work.get();
        } catch (JdbiException e) {
            if (Constraints.uniqueViolation(e).map(constraint::equals).orElse(false)) {
                throw DomainException.conflict("NAME_TAKEN", what + " already exists in this project");
            }
            throw e;
        }
    }

    static DomainException notFound(String what, UUID id) {
        return DomainException.notFound(
                what + "_NOT_FOUND", what.charAt(0) + what.substring(1).toLowerCase() + " " + id + " not found");
    }
}
