package io.viberglass.platform.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.viberglass.common.job.AgentType;
import io.viberglass.platform.clankers.Clanker;
import io.viberglass.platform.clankers.ClankerStatus;
import io.viberglass.platform.clankers.DeploymentStrategy;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Which clankers' keys the broker keeps: every agent's on every runtime, unless the clanker turned the broker off. */
class ModelBrokerCoverageTest {

    @ParameterizedTest
    @EnumSource(AgentType.class)
    void everyAgentIsBrokeredOnEveryRuntime(AgentType agent) {
        for (DeploymentStrategy runtime : DeploymentStrategy.values()) {
            Clanker clanker = clanker(agent, runtime);

            assertThat(ModelBroker.unbrokeredReason(clanker, CostControls.defaults(clanker.id())))
                    .as("%s on %s", agent, runtime)
                    .isEmpty();
        }
    }

    @Test
    void onlyTurningTheBrokerOffPassesTheKeyAndSaysSo() {
        Clanker clanker = clanker(AgentType.GEMINI_CLI, DeploymentStrategy.LAMBDA);
        CostControls off = new CostControls(clanker.id(), false, null, null, null, null, null);

        assertThat(ModelBroker.unbrokeredReason(clanker, off))
                .hasValueSatisfying(reason -> assertThat(reason).contains("real model key is passed to the worker"));
    }

    @Test
    void eachAgentSpeaksAProviderWhoseKeyNamesIncludeTheHarnesssOwn() {
        assertThat(ModelProvider.of(AgentType.CLAUDE_CODE).keyNames()).contains("ANTHROPIC_API_KEY");
        assertThat(ModelProvider.of(AgentType.CODEX).keyNames()).contains("CODEX_API_KEY", "OPENAI_API_KEY");
        assertThat(ModelProvider.of(AgentType.OPENCODE).keyNames()).contains("OPENCODE_API_KEY", "OPENAI_API_KEY");
        assertThat(ModelProvider.of(AgentType.GEMINI_CLI).keyNames()).contains("GEMINI_API_KEY", "GOOGLE_API_KEY");
        assertThat(ModelProvider.of(AgentType.QWEN_CODE).keyNames()).contains("QWEN_CODE_API_KEY");
        assertThat(ModelProvider.of(AgentType.KIMI_CODE).keyNames()).contains("KIMI_API_KEY", "MOONSHOT_API_KEY");
        assertThat(ModelProvider.of(AgentType.MISTRAL_VIBE).keyNames()).contains("MISTRAL_API_KEY");
    }

    @Test
    void eachProviderPassesOnlyItsOwnApiPaths() {
        assertThat(ModelProvider.GEMINI.allows("v1beta/models/gemini-2.5-pro:streamGenerateContent"))
                .isTrue();
        assertThat(ModelProvider.GEMINI.allows("v1beta/models/gemini-2.5-pro:delete"))
                .isFalse();
        assertThat(ModelProvider.GEMINI.allows("v1beta/models/../files:upload")).isFalse();
        assertThat(ModelProvider.QWEN.allows("chat/completions")).isTrue();
        assertThat(ModelProvider.QWEN.allows("v1/responses")).isFalse();
        assertThat(ModelProvider.ANTHROPIC.allows("v1/messages/count_tokens")).isTrue();
        assertThat(ModelProvider.OPENAI.allows("v1/files")).isFalse();
    }

    @Test
    void anOlderGoogleClientsKeyIsTakenOffTheForwardedQuery() {
        assertThat(ModelProxy.withoutKey("alt=sse&key=vgllm_x")).isEqualTo("alt=sse");
        assertThat(ModelProxy.withoutKey("key=vgllm_x")).isEmpty();
        assertThat(ModelProxy.withoutKey("beta=true")).isEqualTo("beta=true");
        assertThat(ModelProxy.withoutKey(null)).isEmpty();
    }

    private static Clanker clanker(AgentType agent, DeploymentStrategy runtime) {
        return new Clanker(
                UUID.randomUUID(),
                "c",
                "c",
                null,
                agent,
                Map.of(),
                runtime,
                Map.of(),
                null,
                ClankerStatus.ACTIVE,
                null,
                Instant.EPOCH,
                Instant.EPOCH);
    }
}
