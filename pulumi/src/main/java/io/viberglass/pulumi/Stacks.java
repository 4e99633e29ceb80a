package io.viberglass.pulumi;

import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.outputs.GetCallerIdentityResult;
import com.pulumi.core.Output;
import java.util.Map;

/** What the three stacks share: the account and region they deploy to, names and tags. */
final class Stacks {
    static final String BASE_PROJECT = "viberglass-base";
    static final String WORKERS_PROJECT = "viberglass-workers";
    static final String PLATFORM_PROJECT = "viberglass-platform";

    private Stacks() {}

    /** The target account (asked of AWS at deploy time) and region (stack configuration {@code aws:region}). */
    record Aws(Output<String> accountId, String region) {
        static Aws current(String region) {
            return new Aws(AwsFunctions.getCallerIdentity().applyValue(GetCallerIdentityResult::accountId), region);
        }

        Output<String> arn(String service, String resource) {
            return Output.format("arn:aws:%s:%s:%s:%s", service, region, accountId, resource);
        }

        /** For services whose ARNs carry no region (IAM). */
        Output<String> globalArn(String service, String resource) {
            return Output.format("arn:aws:%s::%s:%s", service, accountId, resource);
        }
    }

    /** {@code viberglass-<environment>}: the prefix of every resource name, so environments share an account safely. */
    static String prefix(String environment) {
        return "viberglass-" + environment;
    }

    static Map<String, String> tags(String environment, String stack) {
        return Map.of("project", "viberglass", "environment", environment, "stack", stack, "managed-by", "pulumi");
    }

    static void checkEnvironmentName(String environment) {
        if (!environment.matches("[a-z][a-z0-9-]{0,15}")) {
            throw new IllegalArgumentException("environment must be 1-16 lower-case letters, digits or dashes, "
                    + "starting with a letter (it becomes part of resource names): '" + environment + "'");
        }
    }
}
