package io.viberglass.platform.prompts;

import java.util.List;

/**
 * One prompt as the settings pages show it: the system default (built-in or edited by an admin), the project's
 * override if any, and the template that runs.
 */
public record PromptTemplateEntry(
        PromptType type,
        String label,
        String description,
        List<String> variables,
        String systemDefault,
        String projectOverride,
        String effectiveTemplate,
        boolean isDefault) {}
