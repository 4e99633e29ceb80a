package io.viberglass.pulumi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The sample manifests in {@code deploy/kubernetes} cannot be applied here (no cluster), so they are read and checked:
 * everything kustomize applies exists, pods run restricted, the platform's RBAC is exactly what the kubernetes invoker
 * uses and only in the workers' namespace, workers get no API token and no inbound traffic.
 */
class KubernetesManifestsTest {
    static final Path DIR = Path.of("..", "deploy", "kubernetes");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            var iterator = YAML.readValues(parser, JsonNode.class);
            while (iterator.hasNext()) {
                JsonNode node = iterator.next();
                if (node != null && !node.isEmpty()) {
                    documents.add(node);
                }
            }
        }
        return documents;
    }

    static List<JsonNode> applied() throws IOException {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode resource :
                documents(DIR.resolve("kustomization.yaml")).get(0).get("resources")) {
            all.addAll(documents(DIR.resolve(resource.asText())));
        }
        return all;
    }

    static List<JsonNode> ofKind(List<JsonNode> documents, String kind) {
        return documents.stream()
                .filter(d -> kind.equals(d.path("kind").asText()))
                .toList();
    }

    static JsonNode named(List<JsonNode> documents, String kind, String name) {
        return ofKind(documents, kind).stream()
                .filter(d -> name.equals(d.path("metadata").path("name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    @Test
    void kustomizationAppliesEveryManifest_butNeverTheExampleSecret() throws Exception {
        List<String> resources = new ArrayList<>();
        documents(DIR.resolve("kustomization.yaml")).get(0).get("resources").forEach(r -> resources.add(r.asText()));
        List<String> files;
        try (Stream<Path> list = Files.list(DIR)) {
            files = list.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml"))
                    .filter(name -> !name.endsWith(".example.yaml"))
                    .toList();
        }
        assertThat(resources).containsExactlyInAnyOrderElementsOf(files);
        JsonNode example = documents(DIR.resolve("secret.example.yaml")).get(0);
        example.path("stringData").forEach(value -> assertThat(value.asText()).contains("CHANGE-ME"));
    }

    @Test
    void everyPodRunsRestricted_withLimits_andThePlatformIsProbedOnHealth() throws Exception {
        List<JsonNode> deployments = ofKind(applied(), "Deployment");
        assertThat(deployments).isNotEmpty();
        for (JsonNode deployment : deployments) {
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean())
                    .isTrue();
            assertThat(pod.path("securityContext")
                            .path("seccompProfile")
                            .path("type")
                            .asText())
                    .isEqualTo("RuntimeDefault");
            for (JsonNode container : pod.path("containers")) {
                JsonNode security = container.path("securityContext");
                assertThat(security.path("allowPrivilegeEscalation").asBoolean(true))
                        .isFalse();
                assertThat(security.path("capabilities").path("drop").toString())
                        .contains("ALL");
                assertThat(container.path("resources").path("limits").has("memory"))
                        .isTrue();
                assertThat(container.path("resources").path("limits").has("cpu"))
                        .isTrue();
                assertThat(Dockerfile.pinned(container.path("image").asText()))
                        .as(container.path("image").asText())
                        .isTrue();
            }
        }
        JsonNode platform = named(applied(), "Deployment", "viberglass-platform")
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0);
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            assertThat(platform.path(probe).path("httpGet").path("path").asText())
                    .as(probe)
                    .isEqualTo("/health");
        }
        assertThat(platform.path("env").toString()).contains("secretKeyRef").doesNotContain("CHANGE-ME");
    }

    @Test
    void thePlatformMayManageWorkerJobsSecretsPodsAndEgressProxies_onlyInTheWorkersNamespace_withNoWildcards()
            throws Exception {
        List<JsonNode> documents = applied();
        Map<String, String> config = configMap(documents);
        String workers = config.get("KUBERNETES_WORKER_NAMESPACE");

        List<JsonNode> roles = ofKind(documents, "Role");
        assertThat(ofKind(documents, "ClusterRole")).isEmpty();
        assertThat(ofKind(documents, "ClusterRoleBinding")).isEmpty();
        JsonNode role = roles.get(0);
        assertThat(role.path("metadata").path("namespace").asText()).isEqualTo(workers);
        Map<String, String> rules = new TreeMap<>();
        for (JsonNode rule : role.path("rules")) {
            assertThat(rule.toString()).doesNotContain("\"*\"");
            rule.path("resources")
                    .forEach(resource ->
                            rules.put(resource.asText(), rule.path("verbs").toString()));
        }
        assertThat(rules)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "jobs", "[\"create\",\"get\",\"delete\"]",
                        "secrets", "[\"create\",\"get\",\"patch\",\"delete\"]",
                        "pods", "[\"list\",\"create\",\"get\",\"patch\",\"delete\"]",
                        "services", "[\"create\",\"get\",\"patch\",\"delete\"]",
                        "networkpolicies", "[\"create\",\"get\",\"patch\",\"delete\"]"));

        JsonNode binding = ofKind(documents, "RoleBinding").get(0);
        assertThat(binding.path("roleRef").path("name").asText())
                .isEqualTo(role.path("metadata").path("name").asText());
        String platformAccount = named(documents, "Deployment", "viberglass-platform")
                .path("spec")
                .path("template")
                .path("spec")
                .path("serviceAccountName")
                .asText();
        assertThat(binding.path("subjects").get(0).path("name").asText()).isEqualTo(platformAccount);
    }

    @Test
    void workers_getNoApiToken_noInboundTraffic_andCallThePlatformInsideTheCluster() throws Exception {
        List<JsonNode> documents = applied();
        Map<String, String> config = configMap(documents);
        String workers = config.get("KUBERNETES_WORKER_NAMESPACE");

        JsonNode account = named(documents, "ServiceAccount", config.get("KUBERNETES_WORKER_SERVICE_ACCOUNT"));
        assertThat(account.path("metadata").path("namespace").asText()).isEqualTo(workers);
        assertThat(account.path("automountServiceAccountToken").asBoolean(true)).isFalse();

        JsonNode policy = ofKind(documents, "NetworkPolicy").stream()
                .filter(p -> p.path("metadata").path("namespace").asText().equals(workers))
                .findFirst()
                .orElseThrow();
        assertThat(policy.path("spec").path("policyTypes").toString()).contains("Ingress");
        assertThat(policy.path("spec").path("ingress")).isEmpty();

        assertThat(config.get("KUBERNETES_WORKERS")).isEqualTo("true");
        assertThat(config.get("KUBERNETES_WORKER_IMAGE")).contains("{agent}").doesNotContain("latest");
        JsonNode service = named(documents, "Service", "viberglass-platform");
        assertThat(config.get("KUBERNETES_WORKER_PLATFORM_URL"))
                .isEqualTo("http://viberglass-platform.viberglass.svc.cluster.local:"
                        + service.path("spec").path("ports").get(0).path("port").asInt());
        for (JsonNode namespace : ofKind(documents, "Namespace")) {
            assertThat(namespace
                            .path("metadata")
                            .path("labels")
                            .path("pod-security.kubernetes.io/enforce")
                            .asText())
                    .isEqualTo("restricted");
        }
    }

    static Map<String, String> configMap(List<JsonNode> documents) {
        Map<String, String> data = new TreeMap<>();
        named(documents, "ConfigMap", "viberglass-platform")
                .path("data")
                .fields()
                .forEachRemaining(
                        entry -> data.put(entry.getKey(), entry.getValue().asText()));
        return data;
    }
}
