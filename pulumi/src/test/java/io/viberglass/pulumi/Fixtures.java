package io.viberglass.pulumi;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Outputs of the upstream stacks as the stack references would return them, and stack configurations. */
final class Fixtures {
    static final String BASE_STACK = "organization/viberglass-base/dev";
    static final String WORKERS_STACK = "organization/viberglass-workers/dev";
    static final String KEY_ARN = "arn:aws:kms:eu-west-1:123456789012:key/key-viberglass-dev";

    private Fixtures() {}

    static Map<String, Object> baseOutputs(String environment) {
        Map<String, Object> urls = new LinkedHashMap<>();
        Map<String, Object> arns = new LinkedHashMap<>();
        for (String agent : BaseConfig.ALL_AGENTS) {
            urls.put(agent, "123456789012.dkr.ecr.eu-west-1.amazonaws.com/viberglass-dev/worker-" + agent);
            arns.put(agent, "arn:aws:ecr:eu-west-1:123456789012:repository/viberglass-dev/worker-" + agent);
        }
        Map<String, Object> outputs = new HashMap<>();
        outputs.put("environment", environment);
        outputs.put("region", "eu-west-1");
        outputs.put("vpcId", "vpc-1");
        outputs.put("vpcCidr", "10.0.0.0/16");
        outputs.put("privateSubnetIds", List.of("subnet-private-a", "subnet-private-b"));
        outputs.put("publicSubnetIds", List.of("subnet-public-a", "subnet-public-b"));
        outputs.put("kmsKeyArn", KEY_ARN);
        outputs.put("kmsKeyId", "key-viberglass-dev");
        outputs.put("mediaBucketName", "viberglass-dev-media-123456789012");
        outputs.put("mediaBucketArn", "arn:aws:s3:::viberglass-dev-media-123456789012");
        outputs.put("platformRepositoryUrl", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/viberglass-dev/platform");
        outputs.put("platformRepositoryArn", "arn:aws:ecr:eu-west-1:123456789012:repository/viberglass-dev/platform");
        outputs.put("workerRepositoryUrls", urls);
        outputs.put("workerRepositoryArns", arns);
        outputs.put("lambdaRepositoryUrl", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/viberglass-dev/worker-lambda");
        outputs.put(
                "lambdaRepositoryArn", "arn:aws:ecr:eu-west-1:123456789012:repository/viberglass-dev/worker-lambda");
        outputs.put("ssmPrefix", "/viberglass/" + environment);
        outputs.put("logGroupPrefix", "/viberglass/" + environment);
        return outputs;
    }

    static Map<String, Object> workersOutputs() {
        Map<String, Object> families = new LinkedHashMap<>();
        Map<String, Object> arns = new LinkedHashMap<>();
        for (String agent : BaseConfig.ALL_AGENTS) {
            families.put(agent, "viberglass-dev-worker-" + agent);
            arns.put(agent, "arn:aws:ecs:eu-west-1:123456789012:task-definition/viberglass-dev-worker-" + agent + ":1");
        }
        Map<String, Object> outputs = new HashMap<>();
        outputs.put("environment", "dev");
        outputs.put("clusterArn", "arn:aws:ecs:eu-west-1:123456789012:cluster/viberglass-dev-workers");
        outputs.put("clusterName", "viberglass-dev-workers");
        outputs.put("containerName", "worker");
        outputs.put("taskDefinitionFamilies", families);
        outputs.put("taskDefinitionArns", arns);
        outputs.put("executionRoleArn", "arn:aws:iam::123456789012:role/viberglass-dev-worker-execution");
        outputs.put("taskRoleArn", "arn:aws:iam::123456789012:role/viberglass-dev-worker-task");
        outputs.put("workerSecurityGroupId", "sg-workers");
        outputs.put("workerSubnetIds", List.of("subnet-private-a", "subnet-private-b"));
        outputs.put("secretsSsmPrefix", "/viberglass/dev/secrets");
        outputs.put(
                "ecsClankerConfigs",
                Map.of(
                        "codex",
                        Map.of(
                                "cluster",
                                "viberglass-dev-workers",
                                "taskDefinition",
                                "viberglass-dev-worker-codex",
                                "containerName",
                                "worker",
                                "subnets",
                                List.of("subnet-private-a", "subnet-private-b"),
                                "securityGroups",
                                List.of("sg-workers"),
                                "assignPublicIp",
                                false)));
        outputs.put("lambdaClankerConfig", Map.of("functionName", "viberglass-dev-worker"));
        outputs.put("lambdaFunctionName", "viberglass-dev-worker");
        outputs.put("lambdaFunctionArn", "arn:aws:lambda:eu-west-1:123456789012:function:viberglass-dev-worker");
        return outputs;
    }
}
