package io.viberglass.pulumi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pulumi.test.PulumiTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkersStackTest {
    static final Map<String, String> DEV = Map.of("environment", "dev", "imageTag", "1.4.0", "lambdaWorker", "true");

    static Deployed deploy(Map<String, String> config, Map<String, Object> baseOutputs) {
        return Deployed.run(
                Stacks.WORKERS_PROJECT,
                Map.of(Fixtures.BASE_STACK, baseOutputs),
                ctx -> WorkersStack.define(ctx, WorkersConfig.from(ConfigSource.of(config), "organization", "dev")));
    }

    static Deployed deploy(Map<String, String> config) {
        return deploy(config, Fixtures.baseOutputs("dev"));
    }

    static Map<String, String> dev(String key, String value) {
        Map<String, String> config = new HashMap<>(DEV);
        config.put(key, value);
        return config;
    }

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    @Test
    void taskDefinitions_onePerAgentImage_onFargate_loggingToTheirOwnGroup() {
        Deployed workers = deploy(DEV);

        assertThat(workers.all("aws:ecs/taskDefinition:TaskDefinition")).hasSize(7);
        AwsMocks.Registered codex = workers.one("aws:ecs/taskDefinition:TaskDefinition", "viberglass-dev-worker-codex");
        assertThat(codex.inputs())
                .containsEntry("family", "viberglass-dev-worker-codex")
                .containsEntry("networkMode", "awsvpc")
                .containsEntry("requiresCompatibilities", List.of("FARGATE"))
                .containsEntry("cpu", "2048")
                .containsEntry("memory", "4096")
                .containsEntry("executionRoleArn", "arn:aws:iam::123456789012:role/viberglass-dev-worker-execution")
                .containsEntry("taskRoleArn", "arn:aws:iam::123456789012:role/viberglass-dev-worker-task");
        Map<String, Object> container =
                Deployed.jsonList(codex.inputs().get("containerDefinitions")).get(0);
        assertThat(container)
                .containsEntry("name", "worker")
                .containsEntry(
                        "image", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/viberglass-dev/worker-codex:1.4.0");
        assertThat(container.get("logConfiguration"))
                .isEqualTo(Map.of(
                        "logDriver",
                        "awslogs",
                        "options",
                        Map.of(
                                "awslogs-group", "/viberglass/dev/workers/ecs",
                                "awslogs-region", "eu-west-1",
                                "awslogs-stream-prefix", "codex")));
        assertThat(container.get("environment").toString())
                .contains("{name=SECRETS_SSM_PREFIX, value=/viberglass/dev/secrets}");

        assertThat(workers.one("aws:cloudwatch/logGroup:LogGroup", "/viberglass/dev/workers/ecs")
                        .inputs())
                .containsEntry("retentionInDays", 30)
                .containsEntry("kmsKeyId", Fixtures.KEY_ARN);
    }

    @Test
    void workerSecrets_reachTheContainerAsSsmParameterNames_neverAsValues() {
        Deployed workers = deploy(dev("workerSecrets", "ANTHROPIC_API_KEY,OPENAI_API_KEY"));

        String parameter = "arn:aws:ssm:eu-west-1:123456789012:parameter/viberglass/dev/secrets/ANTHROPIC_API_KEY";
        Map<String, Object> container = Deployed.jsonList(
                        workers.one("aws:ecs/taskDefinition:TaskDefinition", "viberglass-dev-worker-claude-code")
                                .inputs()
                                .get("containerDefinitions"))
                .get(0);
        assertThat(container.get("secrets"))
                .isEqualTo(List.of(
                        Map.of("name", "ANTHROPIC_API_KEY", "valueFrom", parameter),
                        Map.of("name", "OPENAI_API_KEY", "valueFrom", parameter.replace("ANTHROPIC", "OPENAI"))));
        assertThat(container.get("environment").toString()).doesNotContain("API_KEY");

        Map<String, Object> inject =
                Policies.statement(workers, "viberglass-dev-worker-execution", "InjectConfiguredSecrets");
        assertThat(inject.get("Action")).isEqualTo(List.of("ssm:GetParameters"));
        assertThat(inject.get("Resource")).isEqualTo(List.of(parameter, parameter.replace("ANTHROPIC", "OPENAI")));

        assertThatThrownBy(() ->
                        WorkersConfig.from(ConfigSource.of(dev("workerSecrets", "BAD-NAME")), "organization", "dev"))
                .hasMessageContaining("BAD-NAME");
    }

    @Test
    void securityGroup_allowsNothingIn_andOnlyHttpsOut() {
        Deployed workers = deploy(DEV);

        AwsMocks.Registered group = workers.only("aws:ec2/securityGroup:SecurityGroup");
        assertThat(group.inputs()).doesNotContainKey("ingress").containsEntry("vpcId", "vpc-1");
        assertThat(group.inputs().get("egress"))
                .isEqualTo(List.of(Map.of(
                        "description",
                        "HTTPS out",
                        "protocol",
                        "tcp",
                        "fromPort",
                        443,
                        "toPort",
                        443,
                        "cidrBlocks",
                        List.of("0.0.0.0/0"))));
        assertThat(workers.output("workerSubnetIds")).isEqualTo(List.of("subnet-private-a", "subnet-private-b"));
    }

    @Test
    void roles_readOnlyTheirSsmPath_pullOnlyWorkerImages_andWriteOnlyTheirLogGroup() {
        Deployed workers = deploy(DEV);

        Map<String, Object> read = Policies.statement(workers, "viberglass-dev-worker-task", "ReadWorkerSecretsByName");
        assertThat(read.get("Resource"))
                .isEqualTo(List.of(
                        "arn:aws:ssm:eu-west-1:123456789012:parameter/viberglass/dev/secrets/*",
                        "arn:aws:ssm:eu-west-1:123456789012:parameter/viberglass/dev/callback-tokens/*"));
        assertThat(Policies.statement(workers, "viberglass-dev-worker-task", "DecryptSecretsThroughSsm"))
                .containsEntry("Resource", List.of(Fixtures.KEY_ARN))
                .containsEntry(
                        "Condition", Map.of("StringEquals", Map.of("kms:ViaService", "ssm.eu-west-1.amazonaws.com")));
        assertThat(Policies.actions(workers, "viberglass-dev-worker-task"))
                .containsExactlyInAnyOrder("ssm:GetParameter", "ssm:GetParameters", "kms:Decrypt");

        assertThat(Policies.statement(workers, "viberglass-dev-worker-execution", "WriteOwnLogGroup"))
                .containsEntry(
                        "Resource",
                        List.of("arn:aws:logs:eu-west-1:123456789012:log-group:/viberglass/dev/workers/ecs"
                                + ":log-stream:*"));
        @SuppressWarnings("unchecked")
        List<String> repositories =
                (List<String>) Policies.statement(workers, "viberglass-dev-worker-execution", "PullWorkerImages")
                        .get("Resource");
        assertThat(repositories)
                .hasSize(7)
                .allMatch(
                        arn -> arn.startsWith("arn:aws:ecr:eu-west-1:123456789012:repository/viberglass-dev/worker-"));

        String trust = String.valueOf(workers.one("aws:iam/role:Role", "viberglass-dev-worker-task")
                .inputs()
                .get("assumeRolePolicy"));
        assertThat(trust).contains("ecs-tasks.amazonaws.com").contains("\"aws:SourceAccount\":\"123456789012\"");
    }

    @Test
    void lambdaWorker_runsTheLambdaImage_forAtMostFifteenMinutes_loggingToItsOwnGroup() {
        Deployed workers = deploy(DEV);

        AwsMocks.Registered function = workers.only("aws:lambda/function:Function");
        assertThat(function.inputs())
                .containsEntry("name", "viberglass-dev-worker")
                .containsEntry("packageType", "Image")
                .containsEntry(
                        "imageUri", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/viberglass-dev/worker-lambda:1.4.0")
                .containsEntry("timeout", 900)
                .containsEntry("memorySize", 2048)
                .containsEntry("role", "arn:aws:iam::123456789012:role/viberglass-dev-worker-lambda")
                .doesNotContainKey("vpcConfig");
        assertThat(function.inputs().get("loggingConfig").toString())
                .contains("logGroup=/viberglass/dev/workers/lambda");
        assertThat(function.inputs().get("environment").toString())
                .contains("SECRETS_SSM_PREFIX=/viberglass/dev/secrets");
        assertThat(Policies.statement(workers, "viberglass-dev-worker-lambda", "WriteOwnLogGroup")
                        .get("Resource"))
                .isEqualTo(List.of(
                        "arn:aws:logs:eu-west-1:123456789012:log-group:/viberglass/dev/workers/lambda:log-stream:*"));
        assertThat(workers.output("lambdaClankerConfig")).isEqualTo(Map.of("functionName", "viberglass-dev-worker"));
        PulumiTest.cleanup();

        Deployed without = deploy(dev("lambdaWorker", "false"));
        assertThat(without.all("aws:lambda/function:Function")).isEmpty();
        assertThat(without.result().outputs()).doesNotContainKey("lambdaFunctionName");
    }

    @Test
    void outputs_giveTheClankerConfigurationOfEachAgent() {
        Deployed workers = deploy(DEV);

        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> configs =
                (Map<String, Map<String, Object>>) workers.output("ecsClankerConfigs");
        assertThat(configs.get("gemini-cli"))
                .containsEntry("cluster", "viberglass-dev-workers")
                .containsEntry("taskDefinition", "viberglass-dev-worker-gemini-cli")
                .containsEntry("containerName", "worker")
                .containsEntry("subnets", List.of("subnet-private-a", "subnet-private-b"))
                .containsEntry("securityGroups", List.of("viberglass-dev-workers-id"))
                .containsEntry("assignPublicIp", false);
        assertThat(workers.result().outputs().keySet())
                .contains("clusterArn", "taskDefinitionArns", "executionRoleArn", "taskRoleArn", "lambdaFunctionArn");
    }

    @Test
    void aBaseStackOfAnotherEnvironment_orWithoutTheAgentsRepository_failsTheDeployment() {
        assertThatThrownBy(() -> deploy(DEV, Fixtures.baseOutputs("prod")))
                .hasStackTraceContaining("belongs to environment 'prod'");
        PulumiTest.cleanup();

        Map<String, Object> base = Fixtures.baseOutputs("dev");
        base.put("workerRepositoryUrls", Map.of("codex", "x"));
        base.put("workerRepositoryArns", Map.of("codex", "y"));
        assertThatThrownBy(() -> deploy(DEV, base)).hasStackTraceContaining("no worker image repository for agent");
    }
}
