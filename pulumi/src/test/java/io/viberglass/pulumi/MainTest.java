package io.viberglass.pulumi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.pulumi.test.PulumiTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MainTest {
    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    @Test
    void eachPulumiProject_runsTheJarOfThisModule_underTheProjectNameTheProgramDispatchesOn() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Map<String, String> projects = Map.of(
                "base", Stacks.BASE_PROJECT, "workers", Stacks.WORKERS_PROJECT, "platform", Stacks.PLATFORM_PROJECT);
        for (var project : projects.entrySet()) {
            Map<?, ?> file =
                    yaml.readValue(Path.of(project.getKey(), "Pulumi.yaml").toFile(), Map.class);
            assertThat(file.get("name")).isEqualTo(project.getValue());
            assertThat(file.get("runtime").toString())
                    .contains("name=java")
                    .contains("binary=../target/viberglass-pulumi.jar");
        }
    }

    @Test
    void anUnknownProjectName_isRefusedWithTheNamesThatExist() {
        assertThatThrownBy(() -> Deployed.run("viberglass-other", Map.of(), Main::program))
                .hasStackTraceContaining("Unknown Pulumi project 'viberglass-other'");
    }

    @Test
    void everyConfigurationKeyTheStacksRead_isDocumentedInTheDeploymentGuide() throws Exception {
        Set<String> keys = new TreeSet<>();
        Map<String, String> required = Map.of(
                "environment", "dev",
                "imageTag", "1",
                "certificateArn", "arn:aws:acm:eu-west-1:1:certificate/x");
        ConfigSource recording = key -> {
            keys.add(key);
            return java.util.Optional.ofNullable(required.get(key));
        };
        BaseConfig.from(recording);
        WorkersConfig.from(recording, "organization", "dev");
        PlatformConfig.from(recording, "organization", "dev");

        String guide = Files.readString(Path.of("..", "docs", "deploy-aws.md"));
        assertThat(keys).hasSizeGreaterThan(30);
        assertThat(keys).allSatisfy(key -> assertThat(guide).contains("`" + key + "`"));
    }
}
