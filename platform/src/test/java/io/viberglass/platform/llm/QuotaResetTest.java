package io.viberglass.platform.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuotaResetTest {
    static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");

    @ParameterizedTest
    @CsvSource({
        "retry-after, 30, 2026-11-29T00:00:30Z",
        "Retry-After, 1.5, 2026-11-29T00:00:01.500Z",
        "retry-after, 'Sun, 29 Nov 2026 00:05:00 GMT', 2026-11-29T00:05:00Z",
        "anthropic-ratelimit-requests-reset, 2026-11-29T00:01:00Z, 2026-11-29T00:01:00Z",
        "anthropic-ratelimit-output-tokens-reset, 2026-11-29T01:00:00+01:00, 2026-11-29T00:00:00Z",
        "x-ratelimit-reset-tokens, 6m0s, 2026-11-29T00:06:00Z",
        "x-ratelimit-reset-requests, 1h2m3.5s, 2026-11-29T01:02:03.500Z",
        "x-ratelimit-reset-requests, 20ms, 2026-11-29T00:00:00.020Z"
    })
    void eachProvidersResetHeaderIsRead(String header, String value, String expected) {
        Instant reset = Instant.parse(expected);
        assertThat(QuotaReset.of(Map.of(header, List.of(value)), NOW))
                .isEqualTo(reset.isAfter(NOW) ? java.util.Optional.of(reset) : java.util.Optional.empty());
    }

    @Test
    void theLatestResetWinsAndNothingLastsLongerThanADay() {
        assertThat(QuotaReset.of(
                        Map.of(
                                "retry-after", List.of("10"),
                                "anthropic-ratelimit-tokens-reset", List.of("2026-11-29T00:02:00Z")),
                        NOW))
                .hasValue(Instant.parse("2026-11-29T00:02:00Z"));
        assertThat(QuotaReset.of(Map.of("retry-after", List.of("9999999")), NOW))
                .hasValue(NOW.plus(Duration.ofDays(1)));
    }

    @Test
    void unreadableOrMissingHeadersNameNoReset() {
        assertThat(QuotaReset.of(Map.of("retry-after", List.of("soon")), NOW)).isEmpty();
        assertThat(QuotaReset.of(Map.of("x-ratelimit-reset-tokens", List.of("6 minutes")), NOW))
                .isEmpty();
        assertThat(QuotaReset.of(Map.of("content-type", List.of("application/json")), NOW))
                .isEmpty();
    }
}
