package io.viberglass.platform.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.viberglass.platform.testing.FakeModelServer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading usage out of each provider's answers, whole and streamed, however the bytes are cut. */
class UsageMeterTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void anthropicStreamTakesInputFromMessageStartAndFinalOutputFromMessageDelta() {
        UsageMeter meter = feed("text/event-stream", String.join("", FakeModelServer.anthropicEvents()), 7);

        assertThat(meter.model()).isEqualTo(FakeModelServer.MODEL);
        assertThat(meter.counts()).isEqualTo(new TokenCounts(25, 15, 40, 10));
    }

    @Test
    void chatCompletionChunksCountOnlyTheFinalUsageAndSplitOffCachedTokens() {
        UsageMeter meter = feed("text/event-stream", String.join("", FakeModelServer.chatChunks()), 13);

        assertThat(meter.model()).isEqualTo(FakeModelServer.OPENAI_MODEL);
        assertThat(meter.counts()).isEqualTo(new TokenCounts(70, 20, 30, 0));
    }

    @Test
    void responsesStreamCountsResponseCompleted() {
        UsageMeter meter =
                feed("text/event-stream; charset=utf-8", String.join("", FakeModelServer.responseEvents()), 64);

        assertThat(meter.counts()).isEqualTo(new TokenCounts(150, 35, 50, 0));
    }

    @Test
    void wholeJsonAnswersOfEachProvider() {
        assertThat(feed("application/json", FakeModelServer.anthropicMessage(), 5)
                        .counts())
                .isEqualTo(new TokenCounts(25, 15, 40, 10));
        assertThat(feed("application/json", FakeModelServer.chatCompletion(), 5).counts())
                .isEqualTo(new TokenCounts(70, 20, 30, 0));
        assertThat(feed("application/json", FakeModelServer.response(), 5).counts())
                .isEqualTo(new TokenCounts(150, 35, 50, 0));
    }

    @Test
    void geminiStreamTakesTheLastCumulativeUsageMetadataWithThinkingAsOutputAndCachedSplitOff() {
        UsageMeter meter = feed("text/event-stream", String.join("", FakeModelServer.geminiEvents()), 11);

        assertThat(meter.model()).isEqualTo(FakeModelServer.GEMINI_MODEL);
        assertThat(meter.counts()).isEqualTo(new TokenCounts(100, 40, 20, 0));
    }

    @Test
    void geminiWholeAnswersAndTheJsonArrayOfAStreamWithoutSse() {
        assertThat(feed("application/json", FakeModelServer.geminiResponse(), 9).counts())
                .isEqualTo(new TokenCounts(100, 40, 20, 0));
        UsageMeter array = feed(
                "application/json; charset=UTF-8", "[" + String.join(",", FakeModelServer.geminiChunks()) + "]", 17);
        assertThat(array.counts()).isEqualTo(new TokenCounts(100, 40, 20, 0));
        assertThat(array.model()).isEqualTo(FakeModelServer.GEMINI_MODEL);
    }

    @Test
    void moonshotStreamsItsUsageInsideTheLastChoiceWithCachedTokensAtTheTop() {
        UsageMeter meter = feed("text/event-stream", String.join("", FakeModelServer.moonshotChunks()), 6);

        assertThat(meter.model()).isEqualTo(FakeModelServer.KIMI_MODEL);
        assertThat(meter.counts()).isEqualTo(new TokenCounts(64, 12, 16, 0));
    }

    @Test
    void anErrorPageOrAnAnswerWithoutUsageCountsNothing() {
        UsageMeter html = feed("text/html", "<html>502 Bad Gateway</html>", 3);
        UsageMeter error = feed(
                "application/json",
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}",
                3);

        assertThat(html.sawUsage()).isFalse();
        assertThat(error.sawUsage()).isFalse();
        assertThat(error.counts()).isEqualTo(TokenCounts.NONE);
    }

    @Test
    void pricesMatchTheLongestPrefixAndCacheRatesDefaultToInput() {
        Pricing pricing = new Pricing(Map.of(
                "claude-sonnet-4", new LlmSettings.Price(new BigDecimal("3"), new BigDecimal("15"), null, null),
                "claude-sonnet-4-5",
                        new LlmSettings.Price(
                                new BigDecimal("4"),
                                new BigDecimal("20"),
                                new BigDecimal("0.4"),
                                new BigDecimal("5"))));
        TokenCounts counts = new TokenCounts(1_000_000, 1_000_000, 1_000_000, 1_000_000);

        assertThat(pricing.cost("claude-sonnet-4-5-20250929", counts))
                .hasValueSatisfying(cost -> assertThat(cost).isEqualByComparingTo("29.4"));
        assertThat(pricing.cost("claude-sonnet-4-20250514", counts))
                .hasValueSatisfying(cost -> assertThat(cost).isEqualByComparingTo("24"));
        assertThat(pricing.cost("gpt-unknown", counts)).isEmpty();
        assertThat(pricing.cost(null, counts)).isEmpty();
    }

    /** Feeds the text in pieces of {@code piece} bytes, as a network would cut it. */
    private UsageMeter feed(String contentType, String text, int piece) {
        UsageMeter meter = new UsageMeter(mapper, contentType);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int offset = 0; offset < bytes.length; offset += piece) {
            meter.accept(bytes, offset, Math.min(piece, bytes.length - offset));
        }
        meter.finish();
        return meter;
    }
}
