package io.viberglass.platform.clankers;

import io.viberglass.platform.infra.errors.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which instruction files a clanker may carry: {@code AGENTS.md}, the agents' own {@code CLAUDE.md} / {@code GEMINI.md},
 * {@code opencode.json} and markdown under {@code skills/}; always relative, never climbing out with {@code ..}, and at
 * most {@value #MAX_BYTES} bytes each. The worker writes them into the checkout (config files into its scratch home).
 */
final class InstructionFileRules {
    static final int MAX_FILES = 50;
    static final int MAX_BYTES = 200_000;
    static final int MAX_TOTAL_BYTES = 1_000_000;

    private static final Pattern ALLOWED = Pattern.compile(
            "AGENTS\\.md|CLAUDE\\.md|GEMINI\\.md|opencode\\.json|skills/(?:[A-Za-z0-9_-]+/)*[A-Za-z0-9_.-]+\\.md");

    private InstructionFileRules() {}

    /** What is wrong with {@code path}, if anything, in words a user can act on. */
    static Optional<String> pathProblem(String path) {
        if (path == null || path.isBlank()) {
            return Optional.of("must not be blank");
        }
        if (path.startsWith("/") || path.startsWith("\\") || path.matches("^[A-Za-z]:.*")) {
            return Optional.of("must be a relative path, not an absolute one");
        }
        if (path.contains("\\")) {
            return Optional.of("must use '/' as the separator");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..")) {
                return Optional.of("must not contain '..'");
            }
        }
        if (path.length() > 255) {
            return Optional.of("must be at most 255 characters");
        }
        if (!ALLOWED.matcher(path).matches()) {
            return Optional.of("must be AGENTS.md, CLAUDE.md, GEMINI.md, opencode.json or skills/**/*.md");
        }
        return Optional.empty();
    }

    static Optional<String> contentProblem(String content) {
        if (content == null) {
            return Optional.of("must not be null");
        }
        int bytes = content.getBytes(StandardCharsets.UTF_8).length;
        return bytes > MAX_BYTES
                ? Optional.of("is " + bytes + " bytes; at most " + MAX_BYTES + " are allowed")
                : Optional.empty();
    }

    /** Field errors for a whole set, named {@code <field>[i].path} / {@code <field>[i].content}. */
    static List<FieldError> problems(String field, List<? extends PathAndContent> files) {
        List<FieldError> problems = new ArrayList<>();
        if (files.size() > MAX_FILES) {
            problems.add(new FieldError(field, "at most " + MAX_FILES + " files are allowed"));
        }
        Set<String> seen = new HashSet<>();
        long total = 0;
        for (int i = 0; i < files.size(); i++) {
            PathAndContent file = files.get(i);
            String at = field + "[" + i + "]";
            pathProblem(file.path()).ifPresent(problem -> problems.add(new FieldError(at + ".path", problem)));
            contentProblem(file.content()).ifPresent(problem -> problems.add(new FieldError(at + ".content", problem)));
            if (file.path() != null && !seen.add(file.path().toLowerCase(Locale.ROOT))) {
                problems.add(new FieldError(at + ".path", "is listed twice"));
            }
            total += file.content() == null ? 0 : file.content().getBytes(StandardCharsets.UTF_8).length;
        }
        if (total > MAX_TOTAL_BYTES) {
            problems.add(new FieldError(field, "together at most " + MAX_TOTAL_BYTES + " bytes are allowed"));
        }
        return problems;
    }

    /** A file as a request names it. */
    interface PathAndContent {
        String path();

        String content();
    }
}
