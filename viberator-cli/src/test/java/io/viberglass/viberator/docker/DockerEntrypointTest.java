package io.viberglass.viberator.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container entrypoint's mapping from the platform's container environment to {@code viberator} arguments, run
 * with bash against a stand-in launcher that records what it was given (no Docker engine needed).
 */
class DockerEntrypointTest {
    static final Path ENTRYPOINT = Path.of("docker/entrypoint.sh").toAbsolutePath();

    @TempDir
    Path temp;

    Path recorder;
    Path record;

    @BeforeEach
    void setUp() throws Exception {
        record = temp.resolve("record.txt");
        recorder = temp.resolve("viberator");
        Files.writeString(
                recorder,
                "#!/usr/bin/env bash\n"
                        + "{ printf 'arg:%s\\n' \"$@\"; echo \"token:${CALLBACK_TOKEN:-}\"; echo \"work:${WORK_DIR:-}\";"
                        + " echo \"token-file:${CALLBACK_TOKEN_FILE:-}\";"
                        + " for a in \"$@\"; do if [ -f \"$a\" ]; then echo \"file:$(cat \"$a\")\"; fi; done; } > "
                        + record + "\n");
        Files.setPosixFilePermissions(recorder, PosixFilePermissions.fromString("rwx------"));
    }

    List<String> run(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", ENTRYPOINT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv("PATH"));
        builder.environment().put("VIBERATOR_BIN", recorder.toString());
        builder.environment().put("TMPDIR", temp.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as(new String(process.getInputStream().readAllBytes()))
                .isZero();
        return Files.readAllLines(record);
    }

    @Test
    void withTheJobEnvironmentItRunsViberatorJob() throws Exception {
        List<String> seen =
                run(Map.of("JOB_ID", "j1", "PLATFORM_API_URL", "http://p", "TENANT_ID", "t", "CALLBACK_TOKEN", "tok"));

        assertThat(seen).containsExactly("arg:job", "token:tok", "work:/tmp/viberator-work", "token-file:");
    }

    @Test
    void theUpstreamJobRefFlagBecomesJobId() throws Exception {
        assertThat(run(Map.of(), "--job-ref", "j7", "-v")).startsWith("arg:job", "arg:--job-id", "arg:j7", "arg:-v");
    }

    @Test
    void inlineJobDataIsWrittenToAFileAndPassedAsJobFile() throws Exception {
        List<String> seen = run(Map.of(), "--job-data", "{\"jobId\":\"j2\"}");

        assertThat(seen.get(0)).isEqualTo("arg:job");
        assertThat(seen.get(1)).isEqualTo("arg:--job-file");
        assertThat(seen).contains("file:{\"jobId\":\"j2\"}");
    }

    @Test
    void theCallbackTokenCanComeFromAMountedFile() throws Exception {
        Path token = temp.resolve("token");
        Files.writeString(token, "from-file\n");

        // viberator reads (and deletes) the file itself, so the token never enters the process environment
        assertThat(run(Map.of("JOB_ID", "j1", "CALLBACK_TOKEN_FILE", token.toString())))
                .contains("token:", "token-file:" + token);
    }

    @Test
    void otherArgumentsPassThrough() throws Exception {
        assertThat(run(Map.of("WORK_DIR", "/w"), "agents", "--json"))
                .containsExactly("arg:agents", "arg:--json", "token:", "work:/w", "token-file:");
    }
}
