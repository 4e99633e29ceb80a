package io.viberglass.viberator.testing;

import io.viberglass.common.job.AgentType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Installs fake agent CLIs (bash scripts under {@code fake-agents/} in this test-jar) as executable files, named like
 * the real executables ({@code claude}, {@code codex} …). They speak each CLI's real output format and obey
 * {@code FAKE_AGENT_MODE} (see {@code fake-agent-lib.sh}); the worker passes that variable to them only when it is named
 * in {@code VIBERATOR_AGENT_ENV_PASSTHROUGH}.
 *
 * <p>Used by this module's tests and by the platform's end-to-end tests, which run {@code viberator job} with
 * {@code VIBERATOR_CLAUDE_CODE_BIN} pointing at {@link #install}'s result.
 */
public final class FakeAgents {
    private static final Map<AgentType, String> SCRIPTS = Map.of(
            AgentType.CLAUDE_CODE, "fake-claude",
            AgentType.CODEX, "fake-codex",
            AgentType.GEMINI_CLI, "fake-gemini",
            AgentType.QWEN_CODE, "fake-qwen",
            AgentType.OPENCODE, "fake-opencode",
            AgentType.KIMI_CODE, "fake-kimi",
            AgentType.MISTRAL_VIBE, "fake-vibe");
    private static final Map<AgentType, String> EXECUTABLES = Map.of(
            AgentType.CLAUDE_CODE, "claude",
            AgentType.CODEX, "codex",
            AgentType.GEMINI_CLI, "gemini",
            AgentType.QWEN_CODE, "qwen",
            AgentType.OPENCODE, "opencode",
            AgentType.KIMI_CODE, "kimi",
            AgentType.MISTRAL_VIBE, "vibe");

    /**
     * What the fakes read, one-shot and ACP alike: a worker set up with both ({@link FakeAcpAgents}) gets the same list
     * from either, whichever setting wins.
     */
    static final String PASSTHROUGH = "FAKE_AGENT_MODE,FAKE_AGENT_EXIT,FAKE_AGENT_PIDFILE,FAKE_AGENT_SLEEP,"
            + "FAKE_AGENT_ARGS_FILE,FAKE_AGENT_ENV_FILE,FAKE_AGENT_FILE,FAKE_AGENT_LEAK,"
            + "FAKE_ACP_SCENARIO,FAKE_ACP_LOG,FAKE_ACP_AUTH";

    private FakeAgents() {}

    /**
     * Copies the fake for {@code agent} (and the shared library it sources) into {@code dir} as an executable named
     * like the real CLI.
     *
     * @return the executable's absolute path, for {@code VIBERATOR_<AGENT>_BIN} or {@code --agent-bin}
     */
    public static Path install(Path dir, AgentType agent) {
        try {
            Files.createDirectories(dir);
            copy("fake-agent-lib.sh", dir.resolve("fake-agent-lib.sh"));
            Path executable = dir.resolve(EXECUTABLES.get(agent));
            copy(SCRIPTS.get(agent), executable);
            return executable.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The override variable the worker reads for {@code agent}, e.g. {@code VIBERATOR_CLAUDE_CODE_BIN}. */
    public static String binaryVariable(AgentType agent) {
        return "VIBERATOR_" + agent.wire().toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_BIN";
    }

    /**
     * Environment entries that make a worker run the installed fake in {@code mode}: the binary override, the mode, and
     * the passthrough that lets {@code FAKE_AGENT_MODE} reach the agent.
     */
    public static Map<String, String> environment(Path executable, AgentType agent, String mode) {
        return Map.of(
                binaryVariable(agent),
                executable.toString(),
                "FAKE_AGENT_MODE",
                mode,
                "VIBERATOR_AGENT_ENV_PASSTHROUGH",
                PASSTHROUGH);
    }

    /**
     * The runnable {@code viberator.jar} built next to this test-jar ({@code viberator-cli/target/viberator.jar}), for
     * tests that start {@code viberator job} as a child process: {@code java -jar <this> job}. The system property
     * {@code viberator.jar} overrides the lookup.
     */
    public static Path viberatorJar() {
        String explicit = System.getProperty("viberator.jar");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath();
        }
        try {
            // test-classes/ or viberator-cli-<version>-tests.jar, both directly inside viberator-cli/target
            Path here = Path.of(FakeAgents.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            for (Path dir = here; dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve("viberator.jar");
                if (dir.getFileName() != null
                        && dir.getFileName().toString().equals("target")
                        && Files.isRegularFile(candidate)) {
                    return candidate.toAbsolutePath();
                }
            }
        } catch (java.net.URISyntaxException | SecurityException e) {
            throw new IllegalStateException("cannot locate the viberator-cli test classes", e);
        }
        throw new IllegalStateException("viberator.jar not found next to the viberator-cli test classes; build "
                + "viberator-cli first (mvn -pl viberator-cli -am package) or set -Dviberator.jar=<path>");
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = FakeAgents.class.getClassLoader().getResourceAsStream("fake-agents/" + resource)) {
            if (in == null) {
                throw new IOException("fake agent resource missing: " + resource);
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
