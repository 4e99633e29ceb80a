package io.viberglass.viberator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.viberglass.viberator.JobRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The GitHub Action and the GitLab template are parsed as YAML; every input they use is declared, and every
 * {@code viberator} command they run is a real subcommand with real options, checked against the command tree itself.
 */
class CiTemplatesTest {
    static final Path ROOT = repositoryRoot();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Nested
    class GitHubAction {
        final Path file = ROOT.resolve(".github/actions/viberator/action.yml");
        final String text = read(file);
        final JsonNode action = parse(text);

        @Test
        void isACompositeActionWithBothModes() {
            assertThat(action.at("/runs/using").asText()).isEqualTo("composite");
            assertThat(action.at("/inputs/mode/default").asText()).isEqualTo("run");
            assertThat(text).contains("\"$MODE\" = run", "\"$MODE\" = platform");
        }

        @Test
        void everyInputItUsesIsDeclaredAndDescribed() {
            Set<String> declared = names(action.get("inputs"));
            assertThat(references(text, "\\$\\{\\{\\s*inputs\\.([\\w-]+)\\s*}}"))
                    .isNotEmpty()
                    .isSubsetOf(declared);
            assertThat(references(text, "if:\\s*inputs\\.([\\w-]+)")).isSubsetOf(declared);
            action.get("inputs")
                    .forEach(input ->
                            assertThat(input.path("description").asText()).isNotBlank());
        }

        @Test
        void everyOutputComesFromAStepThatExists() {
            Set<String> steps = new LinkedHashSet<>();
            action.at("/runs/steps").forEach(step -> steps.add(step.path("id").asText()));
            assertThat(references(text, "steps\\.([\\w-]+)\\.outputs"))
                    .isNotEmpty()
                    .isSubsetOf(steps);
        }

        @Test
        void theCommandsItRunsAreRealSubcommandsWithRealOptions() {
            List<List<String>> invocations = new ArrayList<>();
            action.at("/runs/steps")
                    .forEach(step -> invocations.addAll(
                            ShellInvocations.find(step.path("run").asText(), "\"$VIBERATOR\"")));

            assertThat(invocations)
                    .extracting(CiTemplatesTest::commandPath)
                    .containsExactlyInAnyOrder("run", "tickets create", "tickets run");
            invocations.forEach(CiTemplatesTest::assertRealCommand);
        }
    }

    @Nested
    class GitLabTemplate {
        final Path file = ROOT.resolve("ci/gitlab/viberator.gitlab-ci.yml");
        final String text = read(file);
        final List<JsonNode> documents = parseAll(text);

        @Test
        void isASpecHeaderAndAJob() {
            assertThat(documents).hasSize(2);
            assertThat(documents.get(0).at("/spec/inputs/mode/options"))
                    .extracting(JsonNode::asText)
                    .containsExactly("run", "platform");
            assertThat(documents.get(1).at("/viberator/script")).isNotEmpty();
            assertThat(documents
                            .get(1)
                            .at("/viberator/artifacts/reports/dotenv")
                            .asText())
                    .isEqualTo("viberator.env");
        }

        @Test
        void everyInputItUsesIsDeclaredWithADefault() {
            JsonNode inputs = documents.get(0).at("/spec/inputs");
            assertThat(references(text, "\\$\\[\\[\\s*inputs\\.([\\w-]+)\\s*]]"))
                    .isNotEmpty()
                    .isSubsetOf(names(inputs));
            inputs.forEach(input -> assertThat(input.has("default")).isTrue());
        }

        @Test
        void theCommandsItRunsAreRealSubcommandsWithRealOptions() {
            List<List<String>> invocations = new ArrayList<>();
            documents
                    .get(1)
                    .at("/viberator/script")
                    .forEach(line -> invocations.addAll(ShellInvocations.find(line.asText(), "\"$VIBERATOR\"")));

            assertThat(invocations)
                    .extracting(CiTemplatesTest::commandPath)
                    .containsExactlyInAnyOrder("run", "tickets create", "tickets run");
            invocations.forEach(CiTemplatesTest::assertRealCommand);
        }
    }

    @Nested
    class Documentation {
        final String text = read(ROOT.resolve("docs/ci.md"));
        final List<JsonNode> examples = yamlBlocks(text);

        @Test
        void everyExampleIsYamlAndUsesOnlyInputsTheTemplatesDeclare() {
            Set<String> actionInputs = names(parse(read(ROOT.resolve(".github/actions/viberator/action.yml")))
                    .get("inputs"));
            JsonNode gitlabInputs = parseAll(read(ROOT.resolve("ci/gitlab/viberator.gitlab-ci.yml")))
                    .get(0)
                    .at("/spec/inputs");
            List<JsonNode> actionUses = new ArrayList<>();
            List<JsonNode> includes = new ArrayList<>();
            examples.forEach(example -> collect(example, actionUses, includes));

            assertThat(actionUses).hasSizeGreaterThanOrEqualTo(3);
            actionUses.forEach(use -> assertThat(names(use.get("with"))).isSubsetOf(actionInputs));
            assertThat(includes).hasSize(2);
            includes.forEach(include -> include.get("inputs").fields().forEachRemaining(input -> {
                assertThat(gitlabInputs.has(input.getKey()))
                        .as("GitLab input %s", input.getKey())
                        .isTrue();
                JsonNode options = gitlabInputs.get(input.getKey()).get("options");
                if (options != null) {
                    assertThat(options)
                            .extracting(JsonNode::asText)
                            .contains(input.getValue().asText());
                }
            }));
            assertThat(actionUses)
                    .extracting(use -> use.at("/with/mode").asText())
                    .contains("run", "platform");
            assertThat(includes)
                    .extracting(include -> include.at("/inputs/mode").asText())
                    .containsExactlyInAnyOrder("run", "platform");
        }

        private void collect(JsonNode node, List<JsonNode> actionUses, List<JsonNode> includes) {
            if (node.path("uses").asText().contains(".github/actions/viberator")) {
                actionUses.add(node);
            }
            if (node.path("file").asText().equals("/ci/gitlab/viberator.gitlab-ci.yml")) {
                includes.add(node);
            }
            node.elements().forEachRemaining(child -> collect(child, actionUses, includes));
        }
    }

    static List<JsonNode> yamlBlocks(String markdown) {
        List<JsonNode> blocks = new ArrayList<>();
        Matcher matcher = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        while (matcher.find()) {
            blocks.add(parse(matcher.group(1).stripIndent()));
        }
        return blocks;
    }

    @Test
    void theShellReaderSeesArraysAndCommandSubstitutions() {
        String script =
                """
                args=(--task "$TASK")
                args=(--task-file "$FILE")
                x=$("$VIBERATOR" tickets create --title "a b" "${args[@]}") || exit $?
                "$VIBERATOR" run --repo "$R" \\
                  --json > out.json
                """;

        assertThat(ShellInvocations.find(script, "\"$VIBERATOR\""))
                .containsExactly(
                        List.of("tickets", "create", "--title", "a b", "--task", "$TASK", "--task-file", "$FILE"),
                        List.of("run", "--repo", "$R", "--json"));
    }

    static String commandPath(List<String> words) {
        List<String> path = new ArrayList<>();
        CommandLine current = commandLine();
        for (String word : words) {
            CommandLine sub = current.getSubcommands().get(word);
            if (sub == null) {
                break;
            }
            path.add(word);
            current = sub;
        }
        return String.join(" ", path);
    }

    static void assertRealCommand(List<String> words) {
        CommandLine current = commandLine();
        int index = 0;
        while (index < words.size() && current.getSubcommands().containsKey(words.get(index))) {
            current = current.getSubcommands().get(words.get(index++));
        }
        assertThat(index).as("a viberator subcommand in %s", words).isPositive();
        for (String word : words.subList(index, words.size())) {
            if (word.startsWith("-")) {
                String option = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
                assertThat(current.getCommandSpec().findOption(option))
                        .as("option %s of 'viberator %s'", option, current.getCommandName())
                        .isNotNull();
            }
        }
    }

    static CommandLine commandLine() {
        Clock clock = Clock.systemUTC();
        return Main.commandLine(
                new CliEnvironment(Map.of(), clock, () -> new JobRunner(clock), CliEnvironment.ShutdownHooks.none()));
    }

    static Set<String> references(String text, String regex) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = Pattern.compile(regex).matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    static Set<String> names(JsonNode object) {
        Set<String> names = new LinkedHashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static JsonNode parse(String text) {
        try {
            return YAML.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not YAML", e);
        }
    }

    static List<JsonNode> parseAll(String text) {
        try (var parser = YAML.getFactory().createParser(text)) {
            return YAML.readValues(parser, JsonNode.class).readAll();
        } catch (IOException e) {
            throw new AssertionError("not YAML", e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError("missing " + file, e);
        }
    }

    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("viberator-cli"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "cannot find the repository root above " + Path.of("").toAbsolutePath());
    }
}
