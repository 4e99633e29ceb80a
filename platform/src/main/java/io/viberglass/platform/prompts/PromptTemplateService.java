package io.viberglass.platform.prompts;

import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.projects.ProjectDao;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/** Effective template = project override, else the system default (an admin's edit, else the built-in one). */
public class PromptTemplateService {
    private final Jdbi jdbi;
    private final Clock clock;
    private final PromptRenderer renderer;

    public PromptTemplateService(Jdbi jdbi, Clock clock, PromptRenderer renderer) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.renderer = renderer;
    }

    public List<PromptTemplateEntry> list(UUID projectId) {
        requireProject(projectId);
        List<PromptTemplateDao.Row> rows = jdbi.withExtension(
                PromptTemplateDao.class, dao -> projectId == null ? dao.system() : dao.forProject(projectId));
        Map<String, String> system = rows.stream()
                .filter(row -> row.projectId() == null)
                .collect(Collectors.toMap(PromptTemplateDao.Row::type, PromptTemplateDao.Row::template));
        Map<String, String> project = rows.stream()
                .filter(row -> row.projectId() != null)
                .collect(Collectors.toMap(PromptTemplateDao.Row::type, PromptTemplateDao.Row::template));
        return Arrays.stream(PromptType.values())
                .map(type -> {
                    String systemDefault = system.getOrDefault(type.wire(), type.builtInTemplate());
                    String override = project.get(type.wire());
                    return new PromptTemplateEntry(
                            type,
                            type.label(),
                            type.description(),
                            type.variables().stream().sorted().toList(),
                            systemDefault,
                            override,
                            override == null ? systemDefault : override,
                            override == null && !system.containsKey(type.wire()));
                })
                .toList();
    }

    public PromptTemplateEntry entry(UUID projectId, PromptType type) {
        return list(projectId).stream()
                .filter(entry -> entry.type() == type)
                .findFirst()
                .orElseThrow();
    }

    /** Saves a project override, or the system default when {@code projectId} is null, after validating it. */
    public PromptTemplateEntry save(UUID projectId, PromptType type, String template, String actor) {
        requireProject(projectId);
        renderer.validate(type, template);
        jdbi.useExtension(
                PromptTemplateDao.class,
                dao -> dao.upsert(UUID.randomUUID(), type.wire(), projectId, template, clock.instant(), actor));
        return entry(projectId, type);
    }

    public void reset(UUID projectId, PromptType type) {
        if (jdbi.withExtension(PromptTemplateDao.class, dao -> dao.delete(type.wire(), projectId)) == 0) {
            throw DomainException.notFound(
                    "PROMPT_OVERRIDE_NOT_FOUND",
                    "No " + (projectId == null ? "edited default" : "project override") + " for " + type.wire());
        }
    }

    /** Renders the effective template of a type for a project; missing values render as empty. */
    public String render(UUID projectId, PromptType type, Map<String, String> values) {
        Map<String, String> present = values.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return renderer.render(entry(projectId, type).effectiveTemplate(), present);
    }

    private void requireProject(UUID projectId) {
        if (projectId != null
                && jdbi.withExtension(ProjectDao.class, dao -> dao.find(projectId))
                        .isEmpty()) {
            throw DomainException.notFound("PROJECT_NOT_FOUND", "Project " + projectId + " not found");
        }
    }

    static PromptType parse(String type) {
        return Arrays.stream(PromptType.values())
                .filter(t -> t.wire().equals(type))
                .findFirst()
                .orElseThrow(() -> DomainException.invalid(
                        "INVALID_PROMPT_TYPE",
                        "type",
                        "must be one of "
                                + Arrays.stream(PromptType.values())
                                        .map(PromptType::wire)
                                        .toList()));
    }
}
