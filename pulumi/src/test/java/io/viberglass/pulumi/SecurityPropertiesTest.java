package io.viberglass.pulumi;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.test.PulumiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The security properties hold across all three stacks, with every optional part switched on. */
class SecurityPropertiesTest {

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    static List<AwsMocks.Registered> allStacks() {
        List<AwsMocks.Registered> registered = new ArrayList<>();
        registered.addAll(
                BaseStackTest.deploy(Map.of("environment", "dev", "interfaceEndpoints", "true", "natGateways", "perAz"))
                        .registered());
        PulumiTest.cleanup();
        registered.addAll(WorkersStackTest.deploy(WorkersStackTest.dev("workerSecrets", "ANTHROPIC_API_KEY"))
                .registered());
        PulumiTest.cleanup();
        registered.addAll(PlatformStackTest.deploy(PlatformStackTest.DEV).registered());
        return registered;
    }

    @Test
    void theThreeStacksKeepEverySecurityRule() {
        List<AwsMocks.Registered> registered = allStacks();

        assertThat(registered)
                .extracting(AwsMocks.Registered::type)
                .contains(
                        "aws:ec2/securityGroup:SecurityGroup",
                        "aws:iam/rolePolicy:RolePolicy",
                        "aws:cloudwatch/logGroup:LogGroup",
                        "aws:ecs/service:Service",
                        "aws:rds/instance:Instance",
                        "aws:lambda/function:Function");
        assertThat(SecurityRules.internetIngress(registered)).isEmpty();
        assertThat(SecurityRules.iamScope(registered)).isEmpty();
        assertThat(SecurityRules.roleTrust(registered)).isEmpty();
        assertThat(SecurityRules.logGroups(registered)).isEmpty();
        assertThat(SecurityRules.privateWorkloads(registered)).isEmpty();
        assertThat(registered.stream().filter(r -> r.type().equals("aws:iam/rolePolicy:RolePolicy")))
                .hasSize(5);
    }

    @Test
    void theRulesCatchWhatTheyAreMeantToCatch() {
        List<AwsMocks.Registered> bad = List.of(
                new AwsMocks.Registered(
                        "aws:ec2/securityGroup:SecurityGroup",
                        "viberglass-dev-platform",
                        Map.of(
                                "ingress",
                                List.of(Map.of("fromPort", 22, "toPort", 22, "cidrBlocks", List.of("0.0.0.0/0"))))),
                new AwsMocks.Registered(
                        "aws:ec2/securityGroup:SecurityGroup",
                        "viberglass-dev-alb",
                        Map.of(
                                "ingress",
                                List.of(Map.of("fromPort", 0, "toPort", 65535, "ipv6CidrBlocks", List.of("::/0"))))),
                new AwsMocks.Registered(
                        "aws:iam/rolePolicy:RolePolicy",
                        "too-broad",
                        Map.of(
                                "policy",
                                "{\"Statement\":["
                                        + "{\"Sid\":\"a\",\"Effect\":\"Allow\",\"Action\":[\"s3:*\"],"
                                        + "\"Resource\":[\"arn:aws:s3:::b/*\"]},"
                                        + "{\"Sid\":\"b\",\"Effect\":\"Allow\",\"Action\":[\"ssm:GetParameter\"],"
                                        + "\"Resource\":[\"*\"]},"
                                        + "{\"Sid\":\"c\",\"Effect\":\"Allow\",\"Action\":[\"ecr:GetAuthorizationToken\"],"
                                        + "\"Resource\":[\"*\"]},"
                                        + "{\"Sid\":\"d\",\"Effect\":\"Allow\",\"Action\":[\"kms:Decrypt\"],"
                                        + "\"Resource\":[\"arn:aws:kms:eu-west-1:123456789012:*\"]}]}")),
                new AwsMocks.Registered(
                        "aws:iam/role:Role",
                        "anyone",
                        Map.of(
                                "assumeRolePolicy",
                                "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},"
                                        + "\"Action\":[\"sts:AssumeRole\"]}]}")),
                new AwsMocks.Registered("aws:cloudwatch/logGroup:LogGroup", "/forever", Map.of("name", "/forever")),
                new AwsMocks.Registered(
                        "aws:rds/instance:Instance",
                        "db",
                        Map.of("publiclyAccessible", true, "storageEncrypted", false)),
                new AwsMocks.Registered(
                        "aws:ecs/service:Service",
                        "svc",
                        Map.of(
                                "networkConfiguration",
                                Map.of("assignPublicIp", true, "subnets", List.of("subnet-public-a")))));

        assertThat(SecurityRules.internetIngress(bad))
                .hasSize(2)
                .anyMatch(v -> v.startsWith("viberglass-dev-platform"))
                .anyMatch(v -> v.startsWith("viberglass-dev-alb"));
        assertThat(SecurityRules.iamScope(bad))
                .containsExactlyInAnyOrder(
                        "too-broad/a allows the wildcard action s3:*",
                        "too-broad/b allows [ssm:GetParameter] on every resource",
                        "too-broad/d allows every resource of a service: arn:aws:kms:eu-west-1:123456789012:*");
        assertThat(SecurityRules.roleTrust(bad)).hasSize(2);
        assertThat(SecurityRules.logGroups(bad)).hasSize(2);
        assertThat(SecurityRules.privateWorkloads(bad)).hasSize(4);
    }
}
