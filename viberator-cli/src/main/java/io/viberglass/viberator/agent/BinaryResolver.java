package io.viberglass.viberator.agent;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds an agent's executable: an explicit override first ({@code VIBERATOR_<AGENT>_BIN} or a CLI flag), then each of
 * the harness's names on {@code PATH}. Works from an environment map rather than {@code System.getenv} so tests and
 * the Lambda handler can pass their own.
 */
public final class BinaryResolver {
    private final Map<String, String> environment;
    private final Map<String, Path> overrides;

    /**
     * @param environment the worker's environment ({@code PATH} and the {@code VIBERATOR_*_BIN} variables)
     * @param overrides explicit paths per agent wire id, which win over everything (CLI flags)
     */
    public BinaryResolver(Map<String, String> environment, Map<String, Path> overrides) {
        this.environment = Map.copyOf(environment);
        this.overrides = Map.copyOf(overrides);
    }

    public Optional<Path> resolve(AgentHarness harness) {
        Path explicit = overrides.get(harness.type().wire());
        if (explicit == null) {
            String fromEnv = environment.get(harness.binaryOverrideVariable());
            explicit = fromEnv == null || fromEnv.isBlank() ? null : Path.of(fromEnv);
        }
        if (explicit != null) {
            // an operator who names a binary means that one: do not fall back to PATH behind their back
            return isExecutable(explicit) ? Optional.of(explicit.toAbsolutePath()) : Optional.empty();
        }
        List<String> names = new ArrayList<>();
        names.add(harness.executable());
        names.addAll(harness.alternativeExecutables());
        for (String name : names) {
            Optional<Path> found = onPath(name);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The override variable or PATH lookup that {@link #resolve} would use, for messages. */
    public String describeLookup(AgentHarness harness) {
        return "$" + harness.binaryOverrideVariable() + " or '" + harness.executable() + "' on PATH";
    }

    private Optional<Path> onPath(String name) {
        String path = environment.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    private static boolean isExecutable(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }

    /**
     * Finds the executable of the harness's ACP mode: {@code VIBERATOR_<AGENT>_ACP_BIN} first; then, when ACP mode is
     * the CLI itself with other arguments, wherever {@link #resolve} finds the CLI; else the adapter's names on
     * {@code PATH}. Empty when the harness has no ACP mode or nothing was found.
     */
    public Optional<Path> resolveAcp(AgentHarness harness) {
        Optional<AcpMode> mode = harness.acp();
        if (mode.isEmpty()) {
            return Optional.empty();
        }
        String fromEnv = environment.get(harness.acpBinaryOverrideVariable());
        if (fromEnv != null && !fromEnv.isBlank()) {
            Path explicit = Path.of(fromEnv);
            return isExecutable(explicit) ? Optional.of(explicit.toAbsolutePath()) : Optional.empty();
        }
        if (mode.get().executable().equals(harness.executable())) {
            return resolve(harness);
        }
        List<String> names = new ArrayList<>();
        names.add(mode.get().executable());
        names.addAll(mode.get().alternativeExecutables());
        for (String name : names) {
            Optional<Path> found = onPath(name);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The lookup {@link #resolveAcp} would use, for messages. */
    public String describeAcpLookup(AgentHarness harness) {
        String name = harness.acp().map(AcpMode::executable).orElse(harness.executable());
        String lookup = "$" + harness.acpBinaryOverrideVariable() + " or '" + name + "' on PATH";
        return name.equals(harness.executable()) ? lookup + " (or $" + harness.binaryOverrideVariable() + ")" : lookup;
    }
}
