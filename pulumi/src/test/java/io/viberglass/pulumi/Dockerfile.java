package io.viberglass.pulumi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of a Dockerfile parser to lint our images without a Docker engine: instructions (continuation lines
 * joined, comments dropped), global {@code ARG} defaults, and stages with what they inherit from their parent stage.
 */
record Dockerfile(Map<String, String> globalArgs, List<Stage> stages) {
    record Instruction(String keyword, String arguments) {}

    record Stage(String name, String from, List<Instruction> instructions) {
        List<Instruction> all(String keyword) {
            return instructions.stream()
                    .filter(i -> i.keyword().equals(keyword))
                    .toList();
        }
    }

    private static final Pattern FROM =
            Pattern.compile("(?:--platform=\\S+\\s+)?(\\S+)(?:\\s+AS\\s+(\\S+))?", Pattern.CASE_INSENSITIVE);

    static Dockerfile read(Path path) throws IOException {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(path)) {
            String trimmed = line.strip();
            if (current.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (trimmed.startsWith("#")) {
                continue; // a comment inside a continued instruction
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String text = current.toString().strip();
            current.setLength(0);
            int space = text.indexOf(' ');
            instructions.add(new Instruction(
                    text.substring(0, space).toUpperCase(Locale.ROOT),
                    text.substring(space + 1).strip()));
        }
        Map<String, String> globalArgs = new LinkedHashMap<>();
        List<Stage> stages = new ArrayList<>();
        List<Instruction> body = null;
        for (Instruction instruction : instructions) {
            if (instruction.keyword().equals("FROM")) {
                Matcher from = FROM.matcher(instruction.arguments());
                if (!from.matches()) {
                    throw new IllegalArgumentException("unreadable FROM: " + instruction.arguments());
                }
                body = new ArrayList<>();
                stages.add(new Stage(
                        from.group(2) == null ? "stage" + stages.size() : from.group(2), from.group(1), body));
            } else if (body == null) {
                if (instruction.keyword().equals("ARG")) {
                    String[] parts = instruction.arguments().split("=", 2);
                    globalArgs.put(parts[0], parts.length > 1 ? parts[1] : null);
                }
            } else {
                body.add(instruction);
            }
        }
        return new Dockerfile(globalArgs, stages);
    }

    Optional<Stage> stage(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The image a stage starts from, with a global {@code ${ARG}} replaced by its default. */
    String baseImage(Stage stage) {
        String from = stage.from();
        Matcher arg = Pattern.compile("\\$\\{?(\\w+)}?").matcher(from);
        return arg.matches() ? globalArgs.getOrDefault(arg.group(1), from) : from;
    }

    /** The stage a stage builds on, when it builds on one of this file's stages. */
    Optional<Stage> parent(Stage stage) {
        return stage(stage.from());
    }

    /** The last value of an instruction in this stage or, failing that, the stages it builds on. */
    Optional<String> effective(Stage stage, String keyword) {
        List<Instruction> own = stage.all(keyword);
        if (!own.isEmpty()) {
            return Optional.of(own.get(own.size() - 1).arguments());
        }
        return parent(stage).flatMap(parent -> effective(parent, keyword));
    }

    /** Whether an image reference names a fixed version: a digest, or a tag with a version number that is not latest. */
    static boolean pinned(String image) {
        if (image.contains("@sha256:")) {
            return true;
        }
        int slash = image.lastIndexOf('/');
        int colon = image.indexOf(':', slash + 1);
        if (colon < 0) {
            return false;
        }
        String tag = image.substring(colon + 1);
        return !tag.contains("latest") && tag.matches("v?\\d+(\\.\\d+)+.*");
    }
}
