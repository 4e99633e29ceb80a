package io.viberglass.pulumi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pulumi.test.PulumiTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PlatformStackTest {
    static final String CERTIFICATE = "arn:aws:acm:eu-west-1:123456789012:certificate/abc";
    static final Map<String, String> DEV =
            Map.of("environment", "dev", "imageTag", "2.0.1", "certificateArn", CERTIFICATE, "lambdaWorker", "true");

    static Deployed deploy(Map<String, String> config) {
        return Deployed.run(
                Stacks.PLATFORM_PROJECT,
                Map.of(
                        Fixtures.BASE_STACK,
                        Fixtures.baseOutputs("dev"),
                        Fixtures.WORKERS_STACK,
                        Fixtures.workersOutputs()),
                ctx -> PlatformStack.define(ctx, PlatformConfig.from(ConfigSource.of(config), "organization", "dev")));
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
    @SuppressWarnings("unchecked")
    void database_isPrivate_encrypted_backedUp_andItsPasswordIsGeneratedIntoSecretsManager() {
        Deployed platform = deploy(DEV);

        AwsMocks.Registered db = platform.only("aws:rds/instance:Instance");
        assertThat(db.inputs())
                .containsEntry("engine", "postgres")
                .containsEntry("engineVersion", "17")
                .containsEntry("publiclyAccessible", false)
                .containsEntry("storageEncrypted", true)
                .containsEntry("kmsKeyId", Fixtures.KEY_ARN)
                .containsEntry("manageMasterUserPassword", true)
                .containsEntry("masterUserSecretKmsKeyId", Fixtures.KEY_ARN)
                .containsEntry("backupRetentionPeriod", 7)
                .containsEntry("deletionProtection", true)
                .containsEntry("skipFinalSnapshot", false)
                .containsEntry("vpcSecurityGroupIds", List.of("viberglass-dev-db-id"))
                .doesNotContainKey("password");
        assertThat(platform.only("aws:rds/subnetGroup:SubnetGroup").inputs())
                .containsEntry("subnetIds", List.of("subnet-private-a", "subnet-private-b"));
        AwsMocks.Registered parameters = platform.only("aws:rds/parameterGroup:ParameterGroup");
        assertThat(parameters.inputs()).containsEntry("family", "postgres17");
        assertThat(parameters.inputs().get("parameters")).asList().anySatisfy(parameter -> assertThat(
                        (Map<Object, Object>) parameter)
                .containsEntry("name", "rds.force_ssl")
                .containsEntry("value", "1"));
        assertThat(platform.output("databaseSecretArn"))
                .isEqualTo("arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-viberglass-dev-db");
    }

    @Test
    void securityGroups_onlyTheLoadBalancerFacesClients_tasksOnlyTheBalancer_databaseOnlyTheTasks() {
        Deployed platform = deploy(DEV);

        assertThat(platform.one("aws:ec2/securityGroup:SecurityGroup", "viberglass-dev-alb")
                        .inputs()
                        .get("ingress"))
                .asList()
                .extracting(rule -> ((Map<?, ?>) rule).get("fromPort"), rule -> ((Map<?, ?>) rule).get("cidrBlocks"))
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(443, List.of("0.0.0.0/0")),
                        org.assertj.core.groups.Tuple.tuple(80, List.of("0.0.0.0/0")));
        assertThat(platform.one("aws:ec2/securityGroup:SecurityGroup", "viberglass-dev-platform")
                        .inputs()
                        .get("ingress"))
                .isEqualTo(List.of(Map.of(
                        "description",
                        "from the load balancer",
                        "protocol",
                        "tcp",
                        "fromPort",
                        8080,
                        "toPort",
                        8080,
                        "securityGroups",
                        List.of("viberglass-dev-alb-id"))));
        AwsMocks.Registered db = platform.one("aws:ec2/securityGroup:SecurityGroup", "viberglass-dev-db");
        assertThat(db.inputs().get("ingress"))
                .isEqualTo(List.of(Map.of(
                        "description",
                        "from the platform tasks",
                        "protocol",
                        "tcp",
                        "fromPort",
                        5432,
                        "toPort",
                        5432,
                        "securityGroups",
                        List.of("viberglass-dev-platform-id"))));
        assertThat(db.inputs()).doesNotContainKey("egress");
        PulumiTest.cleanup();

        Deployed restricted = deploy(dev("ingressCidrs", "203.0.113.0/24"));
        assertThat(restricted
                        .one("aws:ec2/securityGroup:SecurityGroup", "viberglass-dev-alb")
                        .inputs()
                        .get("ingress")
                        .toString())
                .contains("203.0.113.0/24")
                .doesNotContain("0.0.0.0/0");
    }

    @Test
    void loadBalancer_terminatesModernTlsWithTheCertificate_redirectsHttp_andChecksHealth() {
        Deployed platform = deploy(DEV);

        assertThat(platform.only("aws:lb/loadBalancer:LoadBalancer").inputs())
                .containsEntry("internal", false)
                .containsEntry("dropInvalidHeaderFields", true)
                .containsEntry("subnets", List.of("subnet-public-a", "subnet-public-b"));
        assertThat(platform.one("aws:lb/listener:Listener", "viberglass-dev-https")
                        .inputs())
                .containsEntry("port", 443)
                .containsEntry("protocol", "HTTPS")
                .containsEntry("certificateArn", CERTIFICATE)
                .containsEntry("sslPolicy", "ELBSecurityPolicy-TLS13-1-2-2021-06");
        AwsMocks.Registered http = platform.one("aws:lb/listener:Listener", "viberglass-dev-http");
        assertThat(http.inputs()).containsEntry("port", 80).containsEntry("protocol", "HTTP");
        assertThat(http.inputs().get("defaultActions").toString())
                .contains("type=redirect")
                .contains("protocol=HTTPS")
                .contains("statusCode=HTTP_301")
                .doesNotContain("forward");
        AwsMocks.Registered targets = platform.only("aws:lb/targetGroup:TargetGroup");
        assertThat(targets.inputs()).containsEntry("port", 8080).containsEntry("targetType", "ip");
        assertThat(targets.inputs().get("healthCheck").toString())
                .contains("path=/health")
                .contains("matcher=200");
    }

    @Test
    void service_runsInPrivateSubnetsWithoutPublicAddresses_behindTheBalancer_andScalesOnCpu() {
        Deployed platform = deploy(DEV);

        AwsMocks.Registered service = platform.only("aws:ecs/service:Service");
        assertThat(service.inputs())
                .containsEntry("launchType", "FARGATE")
                .containsEntry("desiredCount", 2)
                .containsEntry(
                        "networkConfiguration",
                        Map.of(
                                "subnets", List.of("subnet-private-a", "subnet-private-b"),
                                "securityGroups", List.of("viberglass-dev-platform-id"),
                                "assignPublicIp", false));
        assertThat(service.inputs().get("loadBalancers").toString())
                .contains("containerName=platform")
                .contains("containerPort=8080");
        assertThat(service.inputs().get("deploymentCircuitBreaker"))
                .isEqualTo(Map.of("enable", true, "rollback", true));
        assertThat(platform.only("aws:appautoscaling/target:Target").inputs())
                .containsEntry("minCapacity", 1)
                .containsEntry("maxCapacity", 4)
                .containsEntry("resourceId", "service/viberglass-dev-platform/viberglass-dev-platform");
        assertThat(platform.only("aws:appautoscaling/policy:Policy")
                        .inputs()
                        .get("targetTrackingScalingPolicyConfiguration")
                        .toString())
                .contains("ECSServiceAverageCPUUtilization")
                .contains("targetValue=60");
    }

    @Test
    void container_isConfiguredFromTheStacks_andReceivesItsSecretsOnlyByReference() {
        Deployed platform = deploy(dev("publicUrl", "https://viberglass.example.com"));

        Map<String, Object> container = Deployed.jsonList(platform.only("aws:ecs/taskDefinition:TaskDefinition")
                        .inputs()
                        .get("containerDefinitions"))
                .get(0);
        assertThat(container)
                .containsEntry("name", "platform")
                .containsEntry("image", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/viberglass-dev/platform:2.0.1");
        Map<String, String> environment = nameValue(container.get("environment"), "value");
        assertThat(environment)
                .containsEntry("PUBLIC_URL", "https://viberglass.example.com")
                .containsEntry(
                        "DATABASE_URL",
                        "jdbc:postgresql://viberglass-dev-db.abc.eu-west-1.rds.amazonaws.com:5432/viberglass"
                                + "?sslmode=require")
                .containsEntry("DB_USER", "viberglass")
                .containsEntry("MEDIA_S3_BUCKET", "viberglass-dev-media-123456789012")
                .containsEntry("SECRETS_SSM_PREFIX", "/viberglass/dev/secrets")
                .containsEntry("ECS_CALLBACK_TOKEN_PREFIX", "/viberglass/dev/callback-tokens")
                .containsEntry("MIGRATE_ON_START", "true")
                .containsEntry("HTTP_HSTS", "true")
                .doesNotContainKeys("DB_PASSWORD", "SECRETS_ENCRYPTION_KEY");
        assertThat(nameValue(container.get("secrets"), "valueFrom"))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "DB_PASSWORD",
                        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-viberglass-dev-db:password::",
                        "SECRETS_ENCRYPTION_KEY",
                        "arn:aws:ssm:eu-west-1:123456789012:parameter/viberglass/dev/platform/secrets-encryption-key"));
        assertThat(container.get("healthCheck").toString()).contains("http://127.0.0.1:8080/health");
        assertThat(platform.one("aws:cloudwatch/logGroup:LogGroup", "/viberglass/dev/platform")
                        .inputs())
                .containsEntry("retentionInDays", 30);
    }

    @Test
    @SuppressWarnings("unchecked")
    void taskRole_startsOnlyWorkerTasks_passesOnlyWorkerRoles_invokesOnlyTheWorkerFunction_andUsesOnlyTheBucket() {
        Deployed platform = deploy(DEV);
        String policy = "viberglass-dev-platform-task";

        Map<String, Object> run = Policies.statement(platform, policy, "RunWorkerTasks");
        assertThat(run.get("Action")).isEqualTo(List.of("ecs:RunTask"));
        assertThat((List<Object>) run.get("Resource"))
                .hasSize(7)
                .contains("arn:aws:ecs:eu-west-1:123456789012:task-definition/viberglass-dev-worker-codex:*");
        assertThat(run.get("Condition"))
                .isEqualTo(Map.of(
                        "ArnEquals",
                        Map.of("ecs:cluster", "arn:aws:ecs:eu-west-1:123456789012:cluster/viberglass-dev-workers")));
        assertThat(Policies.statement(platform, policy, "WatchAndStopWorkerTasks")
                        .get("Resource"))
                .isEqualTo(List.of("arn:aws:ecs:eu-west-1:123456789012:task/viberglass-dev-workers/*"));
        Map<String, Object> pass = Policies.statement(platform, policy, "PassOnlyWorkerRoles");
        assertThat(pass.get("Resource"))
                .isEqualTo(List.of(
                        "arn:aws:iam::123456789012:role/viberglass-dev-worker-execution",
                        "arn:aws:iam::123456789012:role/viberglass-dev-worker-task"));
        assertThat(pass.get("Condition"))
                .isEqualTo(Map.of("StringEquals", Map.of("iam:PassedToService", "ecs-tasks.amazonaws.com")));
        assertThat(Policies.statement(platform, policy, "InvokeWorkerFunction").get("Resource"))
                .isEqualTo(List.of("arn:aws:lambda:eu-west-1:123456789012:function:viberglass-dev-worker"));
        assertThat(Policies.statement(platform, policy, "ReadAndWriteMedia").get("Resource"))
                .isEqualTo(List.of("arn:aws:s3:::viberglass-dev-media-123456789012/*"));
        assertThat(Policies.statement(platform, policy, "ManageWorkerSecretsInSsm")
                        .get("Resource"))
                .isEqualTo(List.of("arn:aws:ssm:eu-west-1:123456789012:parameter/viberglass/dev/secrets/*"));
        assertThat(Policies.statement(platform, policy, "StageWorkerCallbackTokens")
                        .get("Resource"))
                .isEqualTo(List.of("arn:aws:ssm:eu-west-1:123456789012:parameter/viberglass/dev/callback-tokens/*"));
        assertThat(Policies.statement(platform, policy, "TagWorkerTasksAtLaunch"))
                .containsEntry("Resource", List.of("arn:aws:ecs:eu-west-1:123456789012:task/viberglass-dev-workers/*"))
                .containsEntry("Condition", Map.of("StringEquals", Map.of("ecs:CreateAction", "RunTask")));
        PulumiTest.cleanup();

        Deployed withoutLambda = deploy(dev("lambdaWorker", "false"));
        assertThat(Policies.actions(withoutLambda, policy)).doesNotContain("lambda:InvokeFunction");
        assertThat(withoutLambda.result().outputs()).doesNotContainKey("lambdaClankerConfig");
    }

    @Test
    void executionRole_readsOnlyTheTwoSecretsTheContainerReceives() {
        Deployed platform = deploy(DEV);
        String policy = "viberglass-dev-platform-execution";

        assertThat(Policies.statement(platform, policy, "ReadDatabasePassword").get("Resource"))
                .isEqualTo(List.of("arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-viberglass-dev-db"));
        assertThat(Policies.statement(platform, policy, "ReadEncryptionKeyParameter")
                        .get("Resource"))
                .isEqualTo(List.of(
                        "arn:aws:ssm:eu-west-1:123456789012:parameter/viberglass/dev/platform/secrets-encryption-key"));
        assertThat(Policies.statement(platform, policy, "PullPlatformImage").get("Resource"))
                .isEqualTo(List.of("arn:aws:ecr:eu-west-1:123456789012:repository/viberglass-dev/platform"));
    }

    @Test
    void outputs_giveTheUrl_theServiceAndTheClankerConfigurationOfTheWorkers() {
        Deployed platform = deploy(DEV);

        assertThat(platform.output("url")).isEqualTo("https://viberglass-dev-1234.eu-west-1.elb.amazonaws.com");
        assertThat(platform.output("lambdaClankerConfig")).isEqualTo(Map.of("functionName", "viberglass-dev-worker"));
        assertThat(platform.output("ecsClankerConfigs").toString())
                .contains("taskDefinition=viberglass-dev-worker-codex");
        assertThat(platform.result().outputs().keySet())
                .contains("clusterArn", "serviceName", "taskDefinitionArn", "databaseAddress", "loadBalancerDnsName");
    }

    @Test
    void configuration_needsACertificate_andRefusesPlainHttpOrImpossibleScaling() {
        Map<String, String> noCertificate = new HashMap<>(DEV);
        noCertificate.remove("certificateArn");
        assertThatThrownBy(() -> PlatformConfig.from(ConfigSource.of(noCertificate), "organization", "dev"))
                .hasMessageContaining("certificateArn");
        assertThatThrownBy(() -> PlatformConfig.from(
                        ConfigSource.of(dev("publicUrl", "http://x.example.com")), "organization", "dev"))
                .hasMessageContaining("https://");
        assertThatThrownBy(() -> PlatformConfig.from(ConfigSource.of(dev("maxCount", "1")), "organization", "dev"))
                .hasMessageContaining("maxCount");
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> nameValue(Object list, String valueKey) {
        Map<String, String> map = new HashMap<>();
        for (Map<String, Object> entry : (List<Map<String, Object>>) list) {
            map.put(String.valueOf(entry.get("name")), String.valueOf(entry.get(valueKey)));
        }
        return map;
    }
}
