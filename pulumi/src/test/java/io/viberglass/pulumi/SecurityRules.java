package io.viberglass.pulumi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Security properties every stack must keep, as checks over what the stacks declared. Each returns the violations it
 * found, described well enough to find the resource.
 */
final class SecurityRules {
    static final List<String> INTERNET = List.of("0.0.0.0/0", "::/0");

    private SecurityRules() {}

    /** Only the load balancer accepts connections from the internet, and only on 443 and 80 (which redirects). */
    static List<String> internetIngress(List<AwsMocks.Registered> registered) {
        List<String> violations = new ArrayList<>();
        for (AwsMocks.Registered group : of(registered, "aws:ec2/securityGroup:SecurityGroup")) {
            for (Map<String, Object> rule : maps(group.inputs().get("ingress"))) {
                boolean open = INTERNET.stream()
                        .anyMatch(cidr -> strings(rule.get("cidrBlocks")).contains(cidr)
                                || strings(rule.get("ipv6CidrBlocks")).contains(cidr));
                boolean allowed = group.name().endsWith("-alb")
                        && List.of(443, 80).contains(rule.get("fromPort"))
                        && rule.get("fromPort").equals(rule.get("toPort"));
                if (open && !allowed) {
                    violations.add(group.name() + " lets the internet in: " + rule);
                }
            }
        }
        return violations;
    }

    /**
     * IAM identity policies allow no wildcard action and no {@code "*"} resource, except for the actions AWS cannot
     * scope; every other resource is an ARN.
     */
    @SuppressWarnings("unchecked")
    static List<String> iamScope(List<AwsMocks.Registered> registered) {
        List<String> violations = new ArrayList<>();
        for (AwsMocks.Registered policy : of(registered, "aws:iam/rolePolicy:RolePolicy")) {
            Map<String, Object> document = Deployed.json(policy.inputs().get("policy"));
            for (Map<String, Object> statement : (List<Map<String, Object>>) document.get("Statement")) {
                if (!"Allow".equals(statement.get("Effect"))) {
                    continue;
                }
                List<String> actions = strings(statement.get("Action"));
                List<String> resources = strings(statement.get("Resource"));
                String where = policy.name() + "/" + statement.get("Sid");
                actions.stream()
                        .filter(action -> action.contains("*"))
                        .forEach(action -> violations.add(where + " allows the wildcard action " + action));
                if (resources.isEmpty()) {
                    violations.add(where + " names no resource");
                }
                for (String resource : resources) {
                    if (resource.equals("*")) {
                        if (!Iam.UNSCOPABLE_ACTIONS.containsAll(actions)) {
                            violations.add(where + " allows " + actions + " on every resource");
                        }
                    } else if (!resource.startsWith("arn:aws:")) {
                        violations.add(where + " names something that is not an ARN: " + resource);
                    } else if (resource.matches("arn:aws:[a-z0-9-]+:[^:]*:[^:]*:\\*")) {
                        violations.add(where + " allows every resource of a service: " + resource);
                    }
                }
            }
        }
        return violations;
    }

    /** Every role can be assumed only by one AWS service, on behalf of this account. */
    @SuppressWarnings("unchecked")
    static List<String> roleTrust(List<AwsMocks.Registered> registered) {
        List<String> violations = new ArrayList<>();
        for (AwsMocks.Registered role : of(registered, "aws:iam/role:Role")) {
            Map<String, Object> document = Deployed.json(role.inputs().get("assumeRolePolicy"));
            for (Map<String, Object> statement : (List<Map<String, Object>>) document.get("Statement")) {
                Object principal = statement.get("Principal");
                if (!(principal instanceof Map<?, ?> map) || !map.keySet().equals(java.util.Set.of("Service"))) {
                    violations.add(role.name() + " trusts more than a service: " + principal);
                }
                if (!String.valueOf(statement.get("Condition")).contains("aws:SourceAccount=" + AwsMocks.ACCOUNT)) {
                    violations.add(role.name() + " does not pin the source account");
                }
            }
        }
        return violations;
    }

    /** Logs are kept for a bounded time and encrypted with the environment's key. */
    static List<String> logGroups(List<AwsMocks.Registered> registered) {
        List<String> violations = new ArrayList<>();
        for (AwsMocks.Registered group : of(registered, "aws:cloudwatch/logGroup:LogGroup")) {
            Object retention = group.inputs().get("retentionInDays");
            if (!(retention instanceof Integer days) || days <= 0) {
                violations.add(group.name() + " keeps its logs forever");
            }
            if (!String.valueOf(group.inputs().get("kmsKeyId")).startsWith("arn:aws:kms:")) {
                violations.add(group.name() + " is not encrypted with the environment's key");
            }
        }
        return violations;
    }

    /** Tasks and the database live in private subnets without public addresses. */
    static List<String> privateWorkloads(List<AwsMocks.Registered> registered) {
        List<String> violations = new ArrayList<>();
        for (AwsMocks.Registered service : of(registered, "aws:ecs/service:Service")) {
            Map<String, Object> network =
                    maps(List.of(service.inputs().get("networkConfiguration"))).get(0);
            if (!Boolean.FALSE.equals(network.get("assignPublicIp"))) {
                violations.add(service.name() + " gives tasks public addresses");
            }
            strings(network.get("subnets")).stream()
                    .filter(subnet -> !subnet.contains("private"))
                    .forEach(subnet -> violations.add(service.name() + " runs in a non-private subnet " + subnet));
        }
        for (AwsMocks.Registered db : of(registered, "aws:rds/instance:Instance")) {
            if (!Boolean.FALSE.equals(db.inputs().get("publiclyAccessible"))) {
                violations.add(db.name() + " is publicly accessible");
            }
            if (!Boolean.TRUE.equals(db.inputs().get("storageEncrypted"))) {
                violations.add(db.name() + " is not encrypted");
            }
        }
        for (AwsMocks.Registered subnet : of(registered, "aws:ec2/subnet:Subnet")) {
            if (!Boolean.FALSE.equals(subnet.inputs().get("mapPublicIpOnLaunch"))) {
                violations.add(subnet.name() + " hands out public addresses");
            }
        }
        return violations;
    }

    static List<String> all(List<AwsMocks.Registered> registered) {
        List<String> violations = new ArrayList<>();
        violations.addAll(internetIngress(registered));
        violations.addAll(iamScope(registered));
        violations.addAll(roleTrust(registered));
        violations.addAll(logGroups(registered));
        violations.addAll(privateWorkloads(registered));
        return violations;
    }

    private static List<AwsMocks.Registered> of(List<AwsMocks.Registered> registered, String type) {
        return registered.stream().filter(r -> r.type().equals(type)).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        return value instanceof List<?> list
                ? list.stream()
                        .filter(Map.class::isInstance)
                        .map(item -> (Map<String, Object>) item)
                        .toList()
                : List.of();
    }

    private static List<String> strings(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return value == null ? List.of() : List.of(String.valueOf(value));
    }
}
