package io.viberglass.platform.jobs;

import com.fasterxml.jackson.annotation.JsonAlias;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** Start a run of a ticket: which clanker, with which one-off overrides and extra instruction files. */
public record RunRequest(
        @NotNull UUID clankerId,
        @Valid Overrides overrides,
        @Size(max = 20) List<@Valid @NotNull RunFile> instructionFiles) {

    public RunRequest {
        instructionFiles = instructionFiles == null ? List.of() : List.copyOf(instructionFiles);
    }

    /** Context and settings for this run only. */
    public record Overrides(
            @Size(max = 10_000) String additionalContext,
            @Size(max = 10_000) String reproductionSteps,
            @Size(max = 10_000) String expectedBehavior,
            @Pattern(regexp = "low|medium|high|critical", message = "must be low, medium, high or critical")
                    String priorityOverride,
            @Valid Settings settings) {}

    public record Settings(
            @Min(1) @Max(200) Integer maxChanges,
            Boolean testRequired,
            @Size(max = 10_000) String codingStandards,
            Boolean runTests,
            @Size(max = 1000) String testCommand,
            @Min(1) @Max(86_400) Integer maxExecutionTime) {}

    /**
     * An instruction file for this run only. Allowed: {@code AGENTS.md}, {@code CLAUDE.md}, {@code GEMINI.md},
     * {@code opencode.json} and markdown under {@code skills/}.
     */
    public record RunFile(
            @JsonAlias("fileType")
                    @NotBlank
                    @Pattern(
                            regexp =
                                    "AGENTS\\.md|CLAUDE\\.md|GEMINI\\.md|opencode\\.json|skills/(?:[A-Za-z0-9_-]+/)*[A-Za-z0-9_.-]+\\.md",
                            message = "must be AGENTS.md, CLAUDE.md, GEMINI.md, opencode.json or skills/**/*.md")
                    String path,
            @NotNull @Size(max = 200_000) String content) {}
}
