package io.viberglass.viberator.prompt;

import io.viberglass.common.job.JobKind;
import io.viberglass.common.job.JobPayload;
import io.viberglass.common.job.TicketContext;
import io.viberglass.common.job.WorkerSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the agent prompt from the platform's rendered task and a per-kind template ({@code prompts/<kind>.md}): the
 * task, earlier phase documents the task does not already contain, pointers to instruction files, and the worker's own
 * rules (which file to write, the run's constraints).
 */
public final class PromptBuilder {
    private final Map<JobKind, String> templates = new EnumMap<>(JobKind.class);

    public PromptBuilder() {
        for (JobKind kind : JobKind.values()) {
            templates.put(kind, load("prompts/" + kind.wire() + ".md"));
        }
    }

    /**
     * @param instructionPaths where the worker put the job's instruction files, relative to the repository
     */
    public String build(JobPayload payload, List<String> instructionPaths) {
        String template = templates.get(payload.kind());
        return template.replace("{{context}}", context(payload))
                .replace("{{instructions}}", instructions(instructionPaths))
                .replace("{{constraints}}", constraints(payload.settings()))
                // the task goes last: it is free text and may itself contain "{{…}}"
                .replace("{{task}}", payload.task().strip());
    }

    private static String context(JobPayload payload) {
        TicketContext ticket = payload.ticket();
        if (ticket == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        if (payload.kind() != JobKind.RESEARCH) {
            appendDocument(out, payload.task(), "approved-research-document", ticket.researchDocument());
        }
        if (payload.kind().changesCode()) {
            appendDocument(out, payload.task(), "approved-plan-document", ticket.planDocument());
        }
        return out.toString();
    }

    private static void appendDocument(StringBuilder out, String task, String tag, String document) {
        if (document != null && !document.isBlank() && !task.contains("<" + tag + ">")) {
            out.append('\n')
                    .append('<')
                    .append(tag)
                    .append(">\n")
                    .append(document.strip())
                    .append("\n</")
                    .append(tag)
                    .append(">\n");
        }
    }

    private static String instructions(List<String> paths) {
        if (paths.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("\nRead these instruction files before you start:\n");
        paths.forEach(path -> out.append("- `").append(path).append("`\n"));
        return out.toString();
    }

    private static String constraints(WorkerSettings settings) {
        StringBuilder out = new StringBuilder();
        if (settings.maxChanges() != null) {
            out.append("- Limit changes to ").append(settings.maxChanges()).append(" files.\n");
        }
        if (Boolean.TRUE.equals(settings.testRequired())) {
            out.append("- Add or update tests that cover the change.\n");
        }
        if (Boolean.TRUE.equals(settings.runTests())) {
            String command =
                    settings.testCommand() == null ? "the project's tests" : "`" + settings.testCommand() + "`";
            out.append("- Run ").append(command).append(" and fix any failures before finishing.\n");
        }
        if (settings.codingStandards() != null && !settings.codingStandards().isBlank()) {
            out.append("- Follow these coding standards: ")
                    .append(settings.codingStandards().strip())
                    .append('\n');
        }
        return out.toString();
    }

    private static String load(String resource) {
        try (InputStream in = PromptBuilder.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing prompt template " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
