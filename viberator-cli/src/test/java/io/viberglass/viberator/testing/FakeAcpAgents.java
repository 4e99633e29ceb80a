package io.viberglass.viberator.testing;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Installs {@link FakeAcpAgent} as an executable: a shell launcher that starts it on this JVM with just the classes
 * it needs (this test-jar or test-classes, and Jackson). The worker finds it through
 * {@code VIBERATOR_<AGENT>_ACP_BIN}; {@link #environment} gives the variables a worker needs to run it.
 */
public final class FakeAcpAgents {
    private FakeAcpAgents() {}

    /** @return the launcher's absolute path */
    public static Path install(Path dir) {
        String classpath = Stream.of(FakeAcpAgent.class, ObjectMapper.class, JsonParser.class, JsonProperty.class)
                .map(FakeAcpAgents::location)
                .distinct()
                .collect(Collectors.joining(File.pathSeparator));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String script = "#!/bin/sh\n"
                + "exec '" + java + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -cp '" + classpath
                + "' " + FakeAcpAgent.class.getName() + " \"$@\"\n";
        try {
            Files.createDirectories(dir);
            Path launcher = dir.resolve("fake-acp-agent");
            Files.writeString(launcher, script);
            Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
            return launcher.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Worker environment entries that run the fake as {@code agent}'s ACP server in {@code scenario}, recording what it
     * receives in {@code log}.
     *
     * @param agentWireId the agent's wire id, such as {@code claude-code}
     */
    public static Map<String, String> environment(Path launcher, String agentWireId, String scenario, Path log) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(
                "VIBERATOR_" + agentWireId.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_ACP_BIN",
                launcher.toString());
        env.put("FAKE_ACP_SCENARIO", scenario);
        env.put("FAKE_ACP_LOG", log.toString());
        env.put("VIBERATOR_AGENT_ENV_PASSTHROUGH", FakeAgents.PASSTHROUGH);
        return env;
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
