package io.viberglass.platform.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which requests the proxy asks usage for, and what the rest of the body keeps. */
class StreamUsageOptInTest {
    private final StreamUsageOptIn optIn = new StreamUsageOptIn();
    private final ObjectMapper mapper = new ObjectMapper();

    @ParameterizedTest
    @CsvSource({"OPENAI, v1/chat/completions", "QWEN, chat/completions"})
    void aStreamedChatCompletionToAProviderThatSendsUsageOnlyWhenAskedAsksForIt(ModelProvider provider, String path)
            throws Exception {
        String body = "{\"model\":\"m\",\"stream\":true,\"top_p\":1.0E-5,\"n\":12345678901234567890,"
                + "\"stream_options\":{\"include_obfuscation\":false},\"messages\":[]}";

        StreamUsageOptIn.Forwarded forwarded = optIn.rewrite(provider, path, bytes(body));

        assertThat(forwarded.hideUsageChunk()).isTrue();
        assertThat(mapper.readTree(forwarded.body()))
                .isEqualTo(mapper.readTree("{\"model\":\"m\",\"stream\":true,\"top_p\":1.0E-5,"
                        + "\"n\":12345678901234567890,\"stream_options\":{\"include_obfuscation\":false,"
                        + "\"include_usage\":true},\"messages\":[]}"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"stream\":true,\"stream_options\":{\"include_usage\":true}}",
                "{\"stream\":false}",
                "{\"stream\":\"true\"}",
                "{\"messages\":[]}",
                "{\"stream\":true,\"stream_options\":\"usage\"}",
                "[{\"stream\":true}]",
                "{\"stream\": true, \"messages\": [",
                ""
            })
    void otherBodiesGoOnByteForByte(String body) {
        StreamUsageOptIn.Forwarded forwarded = optIn.rewrite(ModelProvider.OPENAI, "v1/chat/completions", bytes(body));

        assertThat(forwarded.body()).isEqualTo(bytes(body));
        assertThat(forwarded.hideUsageChunk()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"OPENAI, v1/responses", "MISTRAL, chat/completions", "KIMI, chat/completions", "ANTHROPIC, v1/messages"
    })
    void providersThatAlwaysReportUsageGetTheBodyAsSent(ModelProvider provider, String path) {
        byte[] body = bytes("{\"stream\":true,\"messages\":[]}");

        assertThat(optIn.rewrite(provider, path, body).body()).isEqualTo(body);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
