package io.viberglass.pulumi;

import com.pulumi.test.Mocks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Pulumi mocks standing in for AWS: every resource echoes its inputs and gets the attributes AWS would compute (ARNs,
 * URLs, endpoints); stack references answer with the outputs given here. Every registration is recorded, so tests can
 * assert on exactly what would be sent to AWS.
 */
final class AwsMocks implements Mocks {
    static final String ACCOUNT = "123456789012";
    static final String REGION = "eu-west-1";

    /** One resource as the program declared it. */
    record Registered(String type, String name, Map<String, Object> inputs) {}

    private final Map<String, Map<String, Object>> stackOutputs;
    private final List<Registered> registered = Collections.synchronizedList(new ArrayList<>());

    AwsMocks(Map<String, Map<String, Object>> stackOutputs) {
        this.stackOutputs = stackOutputs;
    }

    List<Registered> registered() {
        synchronized (registered) {
            return List.copyOf(registered);
        }
    }

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        registered.add(new Registered(args.type, args.name, withoutNulls(args.inputs)));
        Map<String, Object> state = new HashMap<>(args.inputs);
        String id = args.name + "-id";
        String service = args.type.contains(":") ? args.type.split("[:/]")[1] : "x";
        state.putIfAbsent("arn", "arn:aws:" + service + ":" + REGION + ":" + ACCOUNT + ":" + args.name);
        switch (args.type) {
            case "pulumi:pulumi:StackReference" -> {
                String stack = String.valueOf(args.inputs.get("name"));
                Map<String, Object> outputs = stackOutputs.get(stack);
                if (outputs == null) {
                    throw new IllegalArgumentException("no mock outputs for stack " + stack);
                }
                state.put("outputs", outputs);
                state.put("secretOutputNames", List.of());
                id = stack;
            }
            case "aws:ecr/repository:Repository" ->
                state.put(
                        "repositoryUrl", ACCOUNT + ".dkr.ecr." + REGION + ".amazonaws.com/" + args.inputs.get("name"));
            case "aws:kms/key:Key" -> {
                state.put("keyId", "key-" + args.name);
                state.put("arn", "arn:aws:kms:" + REGION + ":" + ACCOUNT + ":key/key-" + args.name);
            }
            case "aws:s3/bucketV2:BucketV2" -> {
                id = String.valueOf(args.inputs.get("bucket"));
                state.put("arn", "arn:aws:s3:::" + id);
            }
            case "aws:iam/role:Role" ->
                state.put("arn", "arn:aws:iam::" + ACCOUNT + ":role/" + args.inputs.get("name"));
            case "aws:cloudwatch/logGroup:LogGroup" ->
                state.put("arn", "arn:aws:logs:" + REGION + ":" + ACCOUNT + ":log-group:" + args.inputs.get("name"));
            case "aws:ecs/cluster:Cluster" ->
                state.put("arn", "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":cluster/" + args.inputs.get("name"));
            case "aws:ecs/taskDefinition:TaskDefinition" -> {
                String family = String.valueOf(args.inputs.get("family"));
                state.put("arn", "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":task-definition/" + family + ":1");
                state.put("arnWithoutRevision", "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":task-definition/" + family);
                state.put("revision", 1);
            }
            case "aws:lambda/function:Function" -> {
                String arn = "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + args.inputs.get("name");
                state.put("arn", arn);
                state.put("invokeArn", "arn:aws:apigateway:" + REGION + ":lambda:path/functions/" + arn);
            }
            case "aws:lb/loadBalancer:LoadBalancer" -> {
                state.put("dnsName", args.inputs.get("name") + "-1234.eu-west-1.elb.amazonaws.com");
                state.put("arnSuffix", "app/" + args.inputs.get("name") + "/abc");
                state.put("zoneId", "Z32O12XQLNTSW2");
            }
            case "aws:lb/targetGroup:TargetGroup" -> state.put("arnSuffix", "targetgroup/" + args.name + "/def");
            case "aws:rds/instance:Instance" -> {
                state.put("address", args.name + ".abc.eu-west-1.rds.amazonaws.com");
                state.put("endpoint", args.name + ".abc.eu-west-1.rds.amazonaws.com:5432");
                state.put("port", 5432);
                state.put(
                        "masterUserSecrets",
                        List.of(Map.of(
                                "secretArn",
                                "arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT + ":secret:rds!db-" + args.name,
                                "secretStatus",
                                "active")));
            }
            default -> {}
        }
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(id), state));
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        if (args.token.equals("aws:index/getCallerIdentity:getCallerIdentity")) {
            return CompletableFuture.completedFuture(Map.of(
                    "accountId",
                    ACCOUNT,
                    "arn",
                    "arn:aws:iam::" + ACCOUNT + ":user/deployer",
                    "id",
                    ACCOUNT,
                    "userId",
                    "AIDEXAMPLE"));
        }
        throw new IllegalArgumentException("unexpected invoke " + args.token);
    }

    /** Inputs as plain Java values: no nulls, and whole numbers (which arrive as doubles) as integers. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutNulls(Map<String, Object> inputs) {
        return (Map<String, Object>) plain(inputs);
    }

    private static Object plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new HashMap<>();
            map.forEach((key, item) -> {
                if (item != null) {
                    copy.put(String.valueOf(key), plain(item));
                }
            });
            return Map.copyOf(copy);
        }
        if (value instanceof List<?> list) {
            return list.stream()
                    .filter(java.util.Objects::nonNull)
                    .map(AwsMocks::plain)
                    .toList();
        }
        if (value instanceof Double number && number == Math.rint(number) && Math.abs(number) < Integer.MAX_VALUE) {
            return number.intValue();
        }
        return value;
    }
}
