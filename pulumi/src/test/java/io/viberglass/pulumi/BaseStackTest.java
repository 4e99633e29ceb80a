package io.viberglass.pulumi;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.test.PulumiTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BaseStackTest {
    static final Map<String, String> DEV = Map.of("environment", "dev", "aws:region", "eu-west-1");

    static Deployed deploy(Map<String, String> config) {
        return Deployed.run(
                Stacks.BASE_PROJECT, Map.of(), ctx -> BaseStack.define(ctx, BaseConfig.from(ConfigSource.of(config))));
    }

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    @Test
    void network_hasAPublicAndAPrivateSubnetPerZone_andNothingGetsAPublicAddressByItself() {
        Deployed base = deploy(DEV);

        assertThat(base.only("aws:ec2/vpc:Vpc").inputs())
                .containsEntry("cidrBlock", "10.0.0.0/16")
                .containsEntry("enableDnsHostnames", true);
        List<AwsMocks.Registered> subnets = base.all("aws:ec2/subnet:Subnet");
        assertThat(subnets)
                .extracting(AwsMocks.Registered::name)
                .containsExactlyInAnyOrder(
                        "viberglass-dev-public-eu-west-1a",
                        "viberglass-dev-public-eu-west-1b",
                        "viberglass-dev-private-eu-west-1a",
                        "viberglass-dev-private-eu-west-1b");
        assertThat(subnets)
                .allSatisfy(subnet -> assertThat(subnet.inputs()).containsEntry("mapPublicIpOnLaunch", false));
        assertThat(base.one("aws:ec2/subnet:Subnet", "viberglass-dev-private-eu-west-1b")
                        .inputs())
                .containsEntry("cidrBlock", "10.0.32.0/20");
    }

    @Test
    void privateSubnets_reachTheInternetOnlyThroughNat_onePerEnvironmentByDefault() {
        Deployed single = deploy(DEV);
        assertThat(single.all("aws:ec2/natGateway:NatGateway")).hasSize(1);
        List<AwsMocks.Registered> routes = single.all("aws:ec2/route:Route");
        assertThat(routes).hasSize(2);
        assertThat(single.one("aws:ec2/route:Route", "viberglass-dev-public-internet")
                        .inputs())
                .containsEntry("gatewayId", "viberglass-dev-igw-id");
        assertThat(single.one("aws:ec2/route:Route", "viberglass-dev-private-eu-west-1a-nat")
                        .inputs())
                .containsEntry("natGatewayId", "viberglass-dev-nat-eu-west-1a-id")
                .doesNotContainKey("gatewayId");
        // both private subnets use the one private route table
        assertThat(single.all("aws:ec2/routeTableAssociation:RouteTableAssociation").stream()
                        .filter(a -> a.name().contains("private"))
                        .map(a -> a.inputs().get("routeTableId")))
                .containsOnly("viberglass-dev-private-eu-west-1a-id");
        PulumiTest.cleanup();

        Deployed perZone = deploy(Map.of("environment", "prod", "natGateways", "perAz"));
        assertThat(perZone.all("aws:ec2/natGateway:NatGateway")).hasSize(2);
        assertThat(perZone.one(
                                "aws:ec2/routeTableAssociation:RouteTableAssociation",
                                "viberglass-prod-private-eu-west-1b")
                        .inputs())
                .containsEntry("routeTableId", "viberglass-prod-private-eu-west-1b-id");
    }

    @Test
    void mediaBucket_isPrivate_encryptedWithTheKey_versioned_andTlsOnly() {
        Deployed base = deploy(DEV);

        assertThat(base.only("aws:s3/bucketV2:BucketV2").inputs())
                .containsEntry("bucket", "viberglass-dev-media-" + AwsMocks.ACCOUNT)
                .containsEntry("forceDestroy", false);
        assertThat(base.only("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")
                        .inputs())
                .containsEntry("blockPublicAcls", true)
                .containsEntry("blockPublicPolicy", true)
                .containsEntry("ignorePublicAcls", true)
                .containsEntry("restrictPublicBuckets", true);
        assertThat(base.only("aws:s3/bucketOwnershipControls:BucketOwnershipControls")
                        .inputs()
                        .get("rule"))
                .isEqualTo(Map.of("objectOwnership", "BucketOwnerEnforced"));
        Object rules = base.only(
                        "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2")
                .inputs()
                .get("rules");
        assertThat(rules.toString())
                .contains("sseAlgorithm=aws:kms")
                .contains("kmsMasterKeyId=arn:aws:kms:eu-west-1:123456789012:key/key-viberglass-dev");
        assertThat(base.only("aws:s3/bucketVersioningV2:BucketVersioningV2")
                        .inputs()
                        .get("versioningConfiguration"))
                .isEqualTo(Map.of("status", "Enabled"));

        Map<String, Object> policy = Deployed.json(
                base.only("aws:s3/bucketPolicy:BucketPolicy").inputs().get("policy"));
        List<Map<String, Object>> statements = statements(policy);
        assertThat(statements).hasSize(1);
        assertThat(statements.get(0))
                .containsEntry("Effect", "Deny")
                .containsEntry("Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")));
    }

    @Test
    void imageRepositories_platformLambdaAndOnePerAgent_immutableScannedEncrypted() {
        Deployed base = deploy(DEV);

        List<AwsMocks.Registered> repositories = base.all("aws:ecr/repository:Repository");
        assertThat(repositories)
                .extracting(r -> r.inputs().get("name"))
                .containsExactlyInAnyOrder(
                        "viberglass-dev/platform",
                        "viberglass-dev/worker-lambda",
                        "viberglass-dev/worker-claude-code",
                        "viberglass-dev/worker-codex",
                        "viberglass-dev/worker-gemini-cli",
                        "viberglass-dev/worker-qwen-code",
                        "viberglass-dev/worker-opencode",
                        "viberglass-dev/worker-kimi-code",
                        "viberglass-dev/worker-mistral-vibe");
        assertThat(repositories).allSatisfy(repository -> {
            assertThat(repository.inputs()).containsEntry("imageTagMutability", "IMMUTABLE");
            assertThat(repository.inputs().get("imageScanningConfiguration")).isEqualTo(Map.of("scanOnPush", true));
            assertThat(repository.inputs().get("encryptionConfigurations").toString())
                    .contains("encryptionType=KMS");
        });
        assertThat(base.all("aws:ecr/lifecyclePolicy:LifecyclePolicy")).hasSize(repositories.size());
        assertThat(base.all("aws:ecr/lifecyclePolicy:LifecyclePolicy")
                        .get(0)
                        .inputs()
                        .get("policy")
                        .toString())
                .contains("\"countNumber\":20");

        @SuppressWarnings("unchecked")
        Map<String, String> urls = (Map<String, String>) base.output("workerRepositoryUrls");
        assertThat(urls)
                .containsEntry(
                        "codex", AwsMocks.ACCOUNT + ".dkr.ecr.eu-west-1.amazonaws.com/viberglass-dev/worker-codex")
                .hasSize(7);
    }

    @Test
    void agents_canBeLimited_andAnUnknownAgentIsRefused() {
        Deployed base = deploy(Map.of("environment", "dev", "agents", "claude-code,codex"));
        assertThat(base.all("aws:ecr/repository:Repository")).hasSize(4);
        PulumiTest.cleanup();

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> BaseConfig.from(ConfigSource.of(Map.of("environment", "dev", "agents", "cursor"))))
                .hasMessageContaining("cursor");
    }

    @Test
    void key_rotates_andCloudWatchLogsMayUseItOnlyForThisEnvironmentsLogGroups() {
        Deployed base = deploy(DEV);

        AwsMocks.Registered key = base.only("aws:kms/key:Key");
        assertThat(key.inputs()).containsEntry("enableKeyRotation", true).containsEntry("deletionWindowInDays", 30);
        List<Map<String, Object>> statements =
                statements(Deployed.json(key.inputs().get("policy")));
        Map<String, Object> logs = statements.stream()
                .filter(s -> s.get("Sid").equals("CloudWatchLogsForThisEnvironment"))
                .findFirst()
                .orElseThrow();
        assertThat(logs.get("Principal")).isEqualTo(Map.of("Service", "logs.eu-west-1.amazonaws.com"));
        assertThat(logs.get("Condition").toString())
                .contains("arn:aws:logs:eu-west-1:123456789012:log-group:/viberglass/dev/*");
        assertThat(base.only("aws:kms/alias:Alias").inputs()).containsEntry("name", "alias/viberglass-dev");
    }

    @Test
    void interfaceEndpoints_onlyWhenAskedFor_andReachableOnlyFromInsideTheVpc() {
        Deployed plain = deploy(DEV);
        assertThat(plain.all("aws:ec2/vpcEndpoint:VpcEndpoint")).singleElement().satisfies(s3 -> assertThat(s3.inputs())
                .containsEntry("vpcEndpointType", "Gateway")
                .containsEntry("serviceName", "com.amazonaws.eu-west-1.s3"));
        PulumiTest.cleanup();

        Deployed withEndpoints = deploy(Map.of("environment", "dev", "interfaceEndpoints", "true"));
        assertThat(withEndpoints.all("aws:ec2/vpcEndpoint:VpcEndpoint"))
                .hasSize(1 + BaseStack.INTERFACE_ENDPOINT_SERVICES.size());
        AwsMocks.Registered group =
                withEndpoints.one("aws:ec2/securityGroup:SecurityGroup", "viberglass-dev-endpoints");
        assertThat(group.inputs().get("ingress").toString())
                .contains("cidrBlocks=[10.0.0.0/16]")
                .contains("fromPort=443")
                .doesNotContain("0.0.0.0/0");
    }

    @Test
    void exportsEverythingTheWorkersAndPlatformStacksRead() {
        Deployed base = deploy(DEV);

        assertThat(base.result().outputs().keySet()).containsAll(StackInputs.BASE_OUTPUTS);
        assertThat(base.output("privateSubnetIds"))
                .isEqualTo(List.of("viberglass-dev-private-eu-west-1a-id", "viberglass-dev-private-eu-west-1b-id"));
        assertThat(base.output("ssmPrefix")).isEqualTo("/viberglass/dev");
        assertThat(base.output("mediaBucketName")).isEqualTo("viberglass-dev-media-123456789012");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> statements(Map<String, Object> policy) {
        return (List<Map<String, Object>>) policy.get("Statement");
    }
}
