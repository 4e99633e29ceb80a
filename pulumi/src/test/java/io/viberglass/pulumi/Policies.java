package io.viberglass.pulumi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

/** Reads the IAM inline policies a stack declared. */
final class Policies {
    private Policies() {}

    static List<Map<String, Object>> statements(Deployed deployed, String policyName) {
        Object document = deployed.one("aws:iam/rolePolicy:RolePolicy", policyName)
                .inputs()
                .get("policy");
        return BaseStackTest.statements(Deployed.json(document));
    }

    static Map<String, Object> statement(Deployed deployed, String policyName, String sid) {
        List<Map<String, Object>> found = statements(deployed, policyName).stream()
                .filter(s -> sid.equals(s.get("Sid")))
                .toList();
        assertThat(found).as("statement %s in %s", sid, policyName).hasSize(1);
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    static List<String> actions(Deployed deployed, String policyName) {
        return statements(deployed, policyName).stream()
                .flatMap(s -> ((List<String>) s.get("Action")).stream())
                .toList();
    }
}
