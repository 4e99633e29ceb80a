package io.viberglass.pulumi;

import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.core.Output;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IAM documents and roles. Every permission names the resources it applies to; the only {@code "*"} resources are for
 * the few actions AWS cannot scope (see {@link #UNSCOPABLE_ACTIONS}), and no statement uses a wildcard action.
 */
final class Iam {
    /** Actions that accept no resource but {@code "*"} (AWS service authorization reference). */
    static final List<String> UNSCOPABLE_ACTIONS = List.of("ecr:GetAuthorizationToken");

    private Iam() {}

    /** @param resources a list of ARNs (strings or outputs), or one output holding the whole list */
    static Map<String, Object> allow(String sid, List<String> actions, Object resources) {
        return allow(sid, actions, resources, null);
    }

    static Map<String, Object> allow(String sid, List<String> actions, Object resources, Map<String, ?> condition) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Sid", sid);
        statement.put("Effect", "Allow");
        statement.put("Action", actions);
        statement.put("Resource", resources);
        if (condition != null) {
            statement.put("Condition", condition);
        }
        return statement;
    }

    static Output<String> policy(List<Map<String, Object>> statements) {
        return JsonOutput.render(Map.of("Version", "2012-10-17", "Statement", statements));
    }

    /** A role that only the given AWS service can assume, from this account. */
    static Role serviceRole(String name, String service, Stacks.Aws aws, Map<String, String> tags) {
        Output<String> trust = policy(List.of(Map.of(
                "Sid", "AssumedByService",
                "Effect", "Allow",
                "Principal", Map.of("Service", service),
                "Action", List.of("sts:AssumeRole"),
                "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", aws.accountId())))));
        return new Role(
                name,
                RoleArgs.builder()
                        .name(name)
                        .assumeRolePolicy(trust)
                        .maxSessionDuration(3600)
                        .tags(tags)
                        .build());
    }

    static RolePolicy inlinePolicy(String name, Role role, List<Map<String, Object>> statements) {
        return new RolePolicy(
                name,
                RolePolicyArgs.builder()
                        .name(name)
                        .role(role.id())
                        .policy(policy(statements))
                        .build());
    }
}
