package io.viberglass.common.job;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A file written into the work tree before the agent starts: {@code AGENTS.md}, {@code skills/<name>.md}, or an agent
 * config file such as {@code opencode.json}. The path is relative, may not climb out of the work tree and may not
 * touch {@code .git}.
 *
 * @param path relative path inside the repository
 * @param content file content (UTF-8)
 */
public record InstructionFile(
        @NotBlank
                @Size(max = 255)
                @Pattern(
                        regexp = "(?!/)(?!.*(?:^|/)\\.\\.(?:/|$))(?!\\.git(?:/|$))[A-Za-z0-9_./-]+",
                        message = "must be a relative path inside the repository, without '..' or .git")
                String path,
        @Size(max = 200_000) String content) {}
