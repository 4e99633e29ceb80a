package io.viberglass.viberator;

import io.viberglass.common.job.InstructionFile;
import io.viberglass.viberator.agent.AgentHarness;
import io.viberglass.viberator.git.GitOperationException;
import io.viberglass.viberator.git.GitRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A job's directory: {@code <root>/<jobId>/repo} for the work tree and {@code <root>/<jobId>/home} for the agent's
 * scratch home. Also places instruction files and reads or removes the files agents leave for the worker.
 */
final class Workspace {
    /** Where instruction files go when the repository already has a file at their path. */
    static final String SHADOW_DIR = ".viberator/instructions";
    /** Below Linux's 128 KiB per-argument limit (MAX_ARG_STRLEN), with room for the harness's own text. */
    static final int MAX_PROMPT_ARGUMENT_BYTES = 100_000;

    private final Path jobDir;

    private Workspace(Path jobDir) {
        this.jobDir = jobDir;
    }

    /** A fresh, empty job directory (a leftover from an earlier attempt of the same job is removed). */
    static Workspace create(Path root, String jobId) throws IOException {
        Path dir = root.resolve(jobId).toAbsolutePath().normalize();
        if (!dir.startsWith(root.toAbsolutePath().normalize())) {
            throw new IOException("job id escapes the work directory");
        }
        deleteRecursively(dir);
        Files.createDirectories(dir.resolve("home"));
        return new Workspace(dir);
    }

    Path dir() {
        return jobDir;
    }

    Path repo() {
        return jobDir.resolve("repo");
    }

    Path home() {
        return jobDir.resolve("home");
    }

    /**
     * Writes instruction files: CLI config files into the scratch home (per the harness), everything else into the
     * work tree, excluded from commits. A file the repository already has is never overwritten: ours goes under
     * {@value #SHADOW_DIR} instead.
     *
     * @return repository-relative paths the agent should read
     */
    List<String> writeInstructions(List<InstructionFile> files, AgentHarness harness, GitRepository repository)
            throws IOException, GitOperationException {
        List<String> written = new ArrayList<>();
        for (InstructionFile file : files) {
            Optional<Path> configTarget = harness.configFileTarget(file.path(), home());
            if (configTarget.isPresent()) {
                write(configTarget.get(), file.content());
                continue;
            }
            String relative = file.path();
            Path target = insideRepo(relative);
            if (Files.exists(target) || repository.isTracked(relative)) {
                relative = SHADOW_DIR + "/" + relative;
                target = insideRepo(relative);
            }
            write(target, file.content());
            written.add(relative);
        }
        List<String> excluded = new ArrayList<>(written);
        if (written.stream().anyMatch(path -> path.startsWith(SHADOW_DIR + "/"))) {
            excluded.removeIf(path -> path.startsWith(SHADOW_DIR + "/"));
            excluded.add(".viberator");
        }
        repository.exclude(excluded);
        return written;
    }

    /**
     * The prompt as the agent's command-line argument. Linux caps one argument at 128 KiB, and a task with research and
     * plan documents can exceed that, so a long prompt is written to {@code PROMPT.md} in the job directory (outside
     * the work tree, so it is never committed) and the argument points the agent at it.
     */
    String promptArgument(String prompt) throws IOException {
        if (prompt.getBytes(StandardCharsets.UTF_8).length <= MAX_PROMPT_ARGUMENT_BYTES) {
            return prompt;
        }
        Path file = jobDir.resolve("PROMPT.md");
        Files.writeString(file, prompt, StandardCharsets.UTF_8);
        return "Your task is too long for the command line, so it is in the file " + file
                + ". Read that whole file first, then do exactly what it says.";
    }

    /** Reads and deletes a file the agent left in the repository root; empty when it is not there. */
    Optional<String> take(String name) throws IOException {
        Path file = repo().resolve(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String content = Files.readString(file);
        Files.delete(file);
        return Optional.of(content);
    }

    Optional<String> read(String name) throws IOException {
        Path file = repo().resolve(name);
        return Files.isRegularFile(file) ? Optional.of(Files.readString(file)) : Optional.empty();
    }

    void delete() {
        deleteRecursively(jobDir);
    }

    private Path insideRepo(String relative) throws IOException {
        Path target = repo().resolve(relative).normalize();
        if (!target.startsWith(repo()) || target.startsWith(repo().resolve(".git"))) {
            throw new IOException("instruction file path leaves the work tree: " + relative);
        }
        return target;
    }

    private static void write(Path target, String content) throws IOException {
        Files.createDirectories(target.getParent());
        Files.writeString(target, content == null ? "" : content);
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException exc) throws IOException {
                    Files.delete(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }
}
