package io.viberglass.platform.claws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CadenceTest {
    private static final Instant NOON = Instant.parse("2026-03-28T12:00:00Z");

    @ParameterizedTest
    @CsvSource({"30s, 30", "15m, 900", "2h, 7200", "1d, 86400", "2w, 1209600"})
    void intervalsAreTrueFixedRates(String expression, long seconds) {
        Cadence cadence = Cadence.interval(expression, Duration.ofSeconds(1));

        assertThat(cadence.next(NOON)).isEqualTo(NOON.plusSeconds(seconds));
        assertThat(cadence.preview(NOON, 3))
                .containsExactly(
                        NOON.plusSeconds(seconds), NOON.plusSeconds(2 * seconds), NOON.plusSeconds(3 * seconds));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "0m", "-1h", "1y", "1.5h", "m5"})
    void malformedIntervalsAreRefused(String expression) {
        assertThatThrownBy(() -> Cadence.interval(expression, Duration.ofSeconds(1)))
                .extracting("code")
                .isEqualTo("INVALID_INTERVAL_EXPRESSION");
    }

    @Test
    void intervalsBelowTheMinimumAreRefused() {
        assertThatThrownBy(() -> Cadence.interval("30s", Duration.ofMinutes(1))).hasMessageContaining("at least 60");
    }

    @Test
    void cronHasSixFieldsAndRunsInItsTimeZone() {
        Cadence weekdaysNineInBerlin = Cadence.cron("0 0 9 * * MON-FRI", "Europe/Berlin");

        // 2026-03-28 is a Saturday; the next weekday 09:00 Berlin is Monday 30 March, after the DST switch (UTC+2)
        assertThat(weekdaysNineInBerlin.next(NOON)).isEqualTo(Instant.parse("2026-03-30T07:00:00Z"));
        assertThat(Cadence.cron("*/20 * * * * *", "UTC").preview(NOON, 2))
                .containsExactly(NOON.plusSeconds(20), NOON.plusSeconds(40));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"0 9 * * *", "0 0 9 * * MON-FRI 2026", "61 0 9 * * *", "0 0 25 * * *", "nonsense x y z a b"})
    void invalidCronIsRefused(String expression) {
        assertThatThrownBy(() -> Cadence.cron(expression, "UTC"))
                .extracting("code")
                .isEqualTo("INVALID_CRON_EXPRESSION");
    }

    @Test
    void unknownTimeZonesAreRefused() {
        assertThatThrownBy(() -> Cadence.cron("0 0 9 * * *", "Mars/Olympus"))
                .extracting("code")
                .isEqualTo("INVALID_TIMEZONE");
    }
}
