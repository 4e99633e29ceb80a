package io.viberglass.pulumi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.Context;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** One stack program run against {@link AwsMocks}, with helpers to find what it declared. */
record Deployed(TestResult result, List<AwsMocks.Registered> registered) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Deployed run(String project, Map<String, Map<String, Object>> stackOutputs, Consumer<Context> program) {
        AwsMocks mocks = new AwsMocks(stackOutputs);
        TestResult result = PulumiTest.withOptions(TestOptions.builder()
                        .projectName(project)
                        .stackName("dev")
                        .preview(false)
                        .build())
                .withMocks(mocks)
                .runTest(program)
                .throwOnError();
        return new Deployed(result, mocks.registered());
    }

    List<AwsMocks.Registered> all(String type) {
        return registered.stream().filter(r -> r.type().equals(type)).toList();
    }

    AwsMocks.Registered one(String type, String name) {
        List<AwsMocks.Registered> found = registered.stream()
                .filter(r -> r.type().equals(type) && r.name().equals(name))
                .toList();
        assertThat(found).as("%s named %s among %s", type, name, names(type)).hasSize(1);
        return found.get(0);
    }

    AwsMocks.Registered only(String type) {
        List<AwsMocks.Registered> found = all(type);
        assertThat(found).as("exactly one %s", type).hasSize(1);
        return found.get(0);
    }

    List<String> names(String type) {
        return all(type).stream().map(AwsMocks.Registered::name).toList();
    }

    Object output(String name) {
        assertThat(result.outputs()).as("stack outputs").containsKey(name);
        return PulumiTest.extractValue(result.output(name));
    }

    static Map<String, Object> json(Object text) {
        try {
            return JSON.readValue(String.valueOf(text), new TypeReference<>() {});
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    static List<Map<String, Object>> jsonList(Object text) {
        try {
            return JSON.readValue(String.valueOf(text), new TypeReference<>() {});
        } catch (Exception e) {
            throw new AssertionError("not a JSON list: " + text, e);
        }
    }
}
