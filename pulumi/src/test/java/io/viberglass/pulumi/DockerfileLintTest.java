package io.viberglass.pulumi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The container images cannot be built here (no Docker engine), so their Dockerfiles are checked as text: pinned base
 * images and tool versions, multi-stage builds, a non-root user and a health check in every image that ships, exec-form
 * entry points, and no secret baked in.
 */
class DockerfileLintTest {
    static final Path PLATFORM = Path.of("..", "platform", "Dockerfile");
    static final Path WORKER = Path.of("..", "viberator-cli", "docker", "Dockerfile");
    static final Set<String> ROOT = Set.of("root", "0", "0:0", "root:root");

    @Test
    void platformImage_buildsInAThrowAwayStage_andRunsAsANonRootUserWithAHealthCheck() throws Exception {
        Dockerfile file = Dockerfile.read(PLATFORM);

        assertThat(file.stages()).extracting(Dockerfile.Stage::name).contains("build", "runtime");
        Dockerfile.Stage runtime = file.stages().get(file.stages().size() - 1);
        assertThat(runtime.name()).isEqualTo("runtime");
        assertThat(runtime.all("COPY"))
                .anySatisfy(copy ->
                        assertThat(copy.arguments()).startsWith("--from=build ").contains("viberglass-platform.jar"));
        assertThat(file.effective(runtime, "USER"))
                .hasValueSatisfying(user -> assertThat(ROOT).doesNotContain(user));
        assertThat(file.effective(runtime, "HEALTHCHECK"))
                .hasValueSatisfying(check -> assertThat(check).contains("/health"));
        assertThat(runtime.all("EXPOSE"))
                .extracting(Dockerfile.Instruction::arguments)
                .containsExactly("8080");
        assertThat(file.effective(runtime, "ENTRYPOINT"))
                .hasValueSatisfying(entry -> assertThat(entry).startsWith("[\"java\""));
        assertThat(problems(file)).isEmpty();
    }

    @Test
    void workerImages_oneTargetPerAgentFromTheSharedBase_allNonRootWithAHealthCheck() throws Exception {
        Dockerfile file = Dockerfile.read(WORKER);

        List<String> targets = new ArrayList<>(BaseConfig.ALL_AGENTS);
        targets.add("all");
        for (String target : targets) {
            Dockerfile.Stage stage = file.stage(target).orElseThrow(() -> new AssertionError("no target " + target));
            assertThat(stage.from()).as(target + " builds on the shared base").isEqualTo("base");
            assertThat(file.effective(stage, "USER")).as(target).hasValueSatisfying(user -> assertThat(ROOT)
                    .doesNotContain(user));
            assertThat(file.effective(stage, "HEALTHCHECK")).as(target).isPresent();
            assertThat(file.effective(stage, "ENTRYPOINT")).as(target).hasValueSatisfying(entry -> assertThat(entry)
                    .startsWith("[\"/usr/bin/tini\""));
        }
        Dockerfile.Stage base = file.stage("base").orElseThrow();
        assertThat(String.join(
                        " ",
                        base.all("RUN").stream()
                                .map(Dockerfile.Instruction::arguments)
                                .toList()))
                .contains("openjdk-17-jre-headless")
                .contains("git")
                .contains("tini")
                .contains("useradd");
        assertThat(file.baseImage(base)).startsWith("node:");
        assertThat(problems(file)).isEmpty();
    }

    @Test
    void everyAgentVersion_isPinned_andUsedByItsInstall() throws Exception {
        Dockerfile file = Dockerfile.read(WORKER);

        for (Dockerfile.Stage stage : file.stages()) {
            for (Dockerfile.Instruction arg : stage.all("ARG")) {
                if (arg.arguments().contains("_VERSION")) {
                    String[] parts = arg.arguments().split("=", 2);
                    assertThat(parts).as(arg.arguments() + " has a default").hasSize(2);
                    assertThat(parts[1]).as(parts[0]).matches("\\d+\\.\\d+\\.\\d+");
                    String runs = String.join(
                            " ",
                            stage.all("RUN").stream()
                                    .map(Dockerfile.Instruction::arguments)
                                    .toList());
                    assertThat(runs)
                            .as(stage.name() + " installs with " + parts[0])
                            .contains("${" + parts[0] + "}");
                }
            }
        }
    }

    @Test
    void theLintCatchesUnpinnedImagesRootUsersAndBakedSecrets() throws Exception {
        Path bad = java.nio.file.Files.createTempFile("Dockerfile", "");
        java.nio.file.Files.writeString(
                bad,
                """
                ARG IMAGE=node:latest
                FROM ${IMAGE} AS base
                ENV GITHUB_TOKEN=ghp_abc123
                FROM ubuntu AS runtime
                USER root
                ENTRYPOINT java -jar app.jar
                """);
        Dockerfile file = Dockerfile.read(bad);

        assertThat(problems(file))
                .anyMatch(p -> p.contains("node:latest"))
                .anyMatch(p -> p.contains("ubuntu"))
                .anyMatch(p -> p.contains("GITHUB_TOKEN"))
                .anyMatch(p -> p.contains("shell form"));
        assertThat(file.effective(file.stage("runtime").orElseThrow(), "USER")).hasValue("root");
        assertThat(Dockerfile.pinned("eclipse-temurin:17.0.15_6-jre-noble")).isTrue();
        assertThat(Dockerfile.pinned("registry:5000/team/image")).isFalse();
        assertThat(Dockerfile.pinned("node@sha256:0123")).isTrue();
    }

    /** Findings that hold for any of our Dockerfiles. */
    static List<String> problems(Dockerfile file) {
        List<String> problems = new ArrayList<>();
        for (Dockerfile.Stage stage : file.stages()) {
            if (file.stage(stage.from()).isEmpty() && !Dockerfile.pinned(file.baseImage(stage))) {
                problems.add(stage.name() + " starts from an unpinned image " + file.baseImage(stage));
            }
            for (Dockerfile.Instruction copy : stage.all("COPY")) {
                if (copy.arguments().startsWith("--from=")) {
                    String source =
                            copy.arguments().substring(7, copy.arguments().indexOf(' '));
                    if (file.stage(source).isEmpty() && !Dockerfile.pinned(source)) {
                        problems.add(stage.name() + " copies from an unknown or unpinned " + source);
                    }
                }
            }
            for (Dockerfile.Instruction env : stage.all("ENV")) {
                if (env.arguments().matches("(?s).*\\b\\w*(TOKEN|PASSWORD|SECRET|API_KEY)=\\S+.*")) {
                    problems.add(stage.name() + " bakes a secret into the image: " + env.arguments());
                }
            }
            for (Dockerfile.Instruction entry : stage.all("ENTRYPOINT")) {
                if (!entry.arguments().startsWith("[")) {
                    problems.add(stage.name() + " uses the shell form of ENTRYPOINT (signals would not reach it)");
                }
            }
        }
        return problems;
    }
}
