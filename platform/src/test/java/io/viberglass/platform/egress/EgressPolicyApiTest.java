package io.viberglass.platform.egress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A clanker's egress policy through HTTP, against real PostgreSQL. */
@ExtendWith(DropwizardExtensionsSupport.class)
class EgressPolicyApiTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(EgressPolicyApiTest.class);

    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(DB);

    private final Api api = Api.of(APP);

    private String clanker(String strategy, Map<String, Object> config) {
        return api.post(
                        "/api/clankers",
                        Map.of(
                                "name",
                                "Runner " + UUID.randomUUID().toString().substring(0, 6),
                                "agent",
                                "claude-code",
                                "deploymentStrategy",
                                strategy,
                                "deploymentConfig",
                                config))
                .expect(201)
                .json()
                .get("id")
                .asText();
    }

    private String dockerClanker() {
        return clanker("docker", Map.of("image", "ghcr.io/viberglass/worker-claude:1"));
    }

    @Test
    void aClankerIsOpenUntilToldOtherwiseAndSaysWhatThatExposes() {
        JsonNode policy = api.get("/api/clankers/" + dockerClanker() + "/egress")
                .expect(200)
                .json();

        assertThat(policy.get("mode").asText()).isEqualTo("open");
        assertThat(policy.get("allowedHosts")).isEmpty();
        assertThat(policy.get("enforceable").asBoolean()).isTrue();
        assertThat(policy.get("warnings").get(0).asText()).startsWith("Egress is open");
    }

    @Test
    void anAllowListIsStoredInCanonicalSpellingAndTheWarningGoes() {
        String id = dockerClanker();

        JsonNode saved = api.put(
                        "/api/clankers/" + id + "/egress",
                        Map.of("mode", "allowlist", "allowedHosts", List.of("Registry.NPMJS.org.", "*.pypi.org:443")))
                .expect(200)
                .json();

        assertThat(saved.get("mode").asText()).isEqualTo("allowlist");
        assertThat(saved.get("allowedHosts"))
                .extracting(JsonNode::asText)
                .containsExactly("registry.npmjs.org", "*.pypi.org:443");
        assertThat(saved.get("warnings")).isEmpty();
        JsonNode read = api.get("/api/clankers/" + id + "/egress").expect(200).json();
        assertThat(read.get("allowedHosts")).isEqualTo(saved.get("allowedHosts"));

        JsonNode none = api.put("/api/clankers/" + id + "/egress", Map.of("mode", "none", "allowedHosts", List.of()))
                .expect(200)
                .json();
        assertThat(none.get("mode").asText()).isEqualTo("none");
        assertThat(none.get("allowedHosts")).isEmpty();
    }

    @Nested
    class Refusals {
        @Test
        void eachBadHostIsNamedByItsIndex() {
            JsonNode error = api.put(
                            "/api/clankers/" + dockerClanker() + "/egress",
                            Map.of(
                                    "mode",
                                    "allowlist",
                                    "allowedHosts",
                                    List.of("github.com", "https://evil.example/x", "*.com", "user@host.example")))
                    .expect(400)
                    .json();

            assertThat(error.get("code").asText()).isEqualTo("EGRESS_POLICY_INVALID");
            assertThat(error.get("details"))
                    .extracting(detail -> detail.get("field").asText())
                    .containsExactly("allowedHosts[1]", "allowedHosts[2]", "allowedHosts[3]");
        }

        @Test
        void anAllowListNeedsHostsAndTheOtherModesTakeNone() {
            String id = dockerClanker();
            assertThat(api.put("/api/clankers/" + id + "/egress", Map.of("mode", "allowlist"))
                            .expect(400)
                            .json()
                            .at("/details/0/field")
                            .asText())
                    .isEqualTo("allowedHosts");
            assertThat(api.put(
                                    "/api/clankers/" + id + "/egress",
                                    Map.of("mode", "none", "allowedHosts", List.of("github.com")))
                            .expect(400)
                            .json()
                            .at("/details/0/field")
                            .asText())
                    .isEqualTo("allowedHosts");
        }

        @Test
        void tooManyHostsAnUnknownModeOrNoBodyAre400() {
            String id = dockerClanker();
            List<String> many = java.util.stream.IntStream.range(0, 101)
                    .mapToObj(i -> "h" + i + ".example.com")
                    .toList();
            api.put("/api/clankers/" + id + "/egress", Map.of("mode", "allowlist", "allowedHosts", many))
                    .expect(400);
            api.put("/api/clankers/" + id + "/egress", Map.of("mode", "sometimes"))
                    .expect(400);
            api.put("/api/clankers/" + id + "/egress", Map.of()).expect(400);
        }

        @Test
        void runtimesThatCannotEnforceAPolicyAcceptOnlyOpen() {
            String lambda = clanker("lambda", Map.of("functionName", "viberator"));

            JsonNode error = api.put("/api/clankers/" + lambda + "/egress", Map.of("mode", "none"))
                    .expect(400)
                    .json();
            assertThat(error.at("/details/0/field").asText()).isEqualTo("mode");
            assertThat(error.at("/details/0/message").asText()).contains("lambda workers cannot");
            JsonNode open = api.put("/api/clankers/" + lambda + "/egress", Map.of("mode", "open"))
                    .expect(200)
                    .json();
            assertThat(open.get("enforceable").asBoolean()).isFalse();
            assertThat(open.get("warnings").get(0).asText()).contains("lambda workers cannot be restricted");
        }

        @Test
        void aRestrictedClankerCannotMoveToARuntimeThatWouldIgnoreItsPolicy() {
            String id = dockerClanker();
            api.put("/api/clankers/" + id + "/egress", Map.of("mode", "none")).expect(200);

            JsonNode error = api.put(
                            "/api/clankers/" + id,
                            Map.of("deploymentStrategy", "ecs", "deploymentConfig", Map.of("cluster", "c")))
                    .expect(400)
                    .json();

            assertThat(error.at("/details/0/field").asText()).isEqualTo("deploymentStrategy");
            assertThat(api.get("/api/clankers/" + id)
                            .expect(200)
                            .json()
                            .get("deploymentStrategy")
                            .asText())
                    .isEqualTo("docker");
        }

        @Test
        void anUnknownClankerIs404() {
            api.get("/api/clankers/" + UUID.randomUUID() + "/egress").expect(404);
        }
    }
}
