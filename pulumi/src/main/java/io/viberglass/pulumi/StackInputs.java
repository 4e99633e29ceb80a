package io.viberglass.pulumi;

import com.pulumi.core.Output;
import com.pulumi.resources.StackReference;
import com.pulumi.resources.StackReferenceArgs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads another stack's outputs, typed, through a Pulumi stack reference. */
final class StackInputs {
    /** What the workers and platform stacks read from the base stack. */
    static final List<String> BASE_OUTPUTS = List.of(
            "environment",
            "vpcId",
            "vpcCidr",
            "privateSubnetIds",
            "publicSubnetIds",
            "kmsKeyArn",
            "mediaBucketName",
            "mediaBucketArn",
            "platformRepositoryUrl",
            "platformRepositoryArn",
            "workerRepositoryUrls",
            "workerRepositoryArns",
            "lambdaRepositoryUrl",
            "lambdaRepositoryArn",
            "ssmPrefix",
            "logGroupPrefix");

    private final StackReference reference;

    private StackInputs(StackReference reference) {
        this.reference = reference;
    }

    static StackInputs of(String resourceName, String stackName) {
        return new StackInputs(new StackReference(
                resourceName, StackReferenceArgs.builder().name(stackName).build()));
    }

    /** An output passed on as it is (maps of clanker settings, re-exported for the operator). */
    Output<Object> value(String name) {
        return reference.requireOutput(name).applyValue(value -> (Object) value);
    }

    Output<String> string(String name) {
        return reference.requireOutput(name).applyValue(String::valueOf);
    }

    Output<List<String>> strings(String name) {
        return reference
                .requireOutput(name)
                .applyValue(value -> value instanceof List<?> list
                        ? list.stream().map(String::valueOf).toList()
                        : List.of(String.valueOf(value)));
    }

    Output<Map<String, String>> stringMap(String name) {
        return reference.requireOutput(name).applyValue(value -> {
            Map<String, String> map = new LinkedHashMap<>();
            if (value instanceof Map<?, ?> raw) {
                raw.forEach((key, item) -> map.put(String.valueOf(key), String.valueOf(item)));
            }
            return map;
        });
    }

    /**
     * The referenced stack's {@code environment} output, failing the deployment when it is not the one this stack is
     * configured for (a dev platform wired to a prod network would otherwise deploy without complaint).
     */
    Output<String> environment(String expected) {
        return string("environment").applyValue(actual -> {
            if (!actual.equals(expected)) {
                throw new IllegalStateException("The referenced stack belongs to environment '" + actual
                        + "' but this stack is configured for '" + expected + "'");
            }
            return actual;
        });
    }
}
