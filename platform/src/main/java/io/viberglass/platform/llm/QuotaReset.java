package io.viberglass.platform.llm;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a provider's rate limit or quota resets, from a 429's headers: {@code retry-after} (seconds or an HTTP date),
 * Anthropic's {@code anthropic-ratelimit-*-reset} (RFC 3339 times) and OpenAI's {@code x-ratelimit-reset-*}
 * (durations such as {@code 6m0s}, {@code 1.5s}, {@code 20ms}). The latest time named wins, at most a day ahead.
 */
public final class QuotaReset {
    static final Duration LONGEST = Duration.ofDays(1);
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

    private QuotaReset() {}

    /** @param headers response headers, names in any case */
    public static Optional<Instant> of(Map<String, List<String>> headers, Instant now) {
        Instant latest = null;
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            for (String value : header.getValue()) {
                Optional<Instant> reset = Optional.empty();
                if (name.equals("retry-after")) {
                    reset = retryAfter(value.trim(), now);
                } else if (name.startsWith("anthropic-ratelimit-") && name.endsWith("-reset")) {
                    reset = timestamp(value.trim());
                } else if (name.startsWith("x-ratelimit-reset")) {
                    reset = duration(value.trim()).map(now::plus);
                }
                if (reset.isPresent()
                        && reset.get().isAfter(now)
                        && (latest == null || reset.get().isAfter(latest))) {
                    latest = reset.get();
                }
            }
        }
        Instant cap = now.plus(LONGEST);
        return Optional.ofNullable(latest).map(reset -> reset.isAfter(cap) ? cap : reset);
    }

    private static Optional<Instant> retryAfter(String value, Instant now) {
        try {
            return Optional.of(now.plusMillis(Math.round(Double.parseDouble(value) * 1000)));
        } catch (NumberFormatException e) {
            try {
                return Optional.of(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant());
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private static Optional<Instant> timestamp(String value) {
        try {
            return Optional.of(
                    ZonedDateTime.parse(value, DateTimeFormatter.ISO_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static Optional<Duration> duration(String value) {
        Matcher parts = DURATION_PART.matcher(value);
        long millis = 0;
        int end = 0;
        while (parts.find()) {
            if (parts.start() != end) {
                return Optional.empty();
            }
            double amount = Double.parseDouble(parts.group(1));
            millis += Math.round(amount
                    * switch (parts.group(2)) {
                        case "h" -> 3_600_000;
                        case "m" -> 60_000;
                        case "s" -> 1_000;
                        default -> 1;
                    });
            end = parts.end();
        }
        return end == value.length() && end > 0 ? Optional.of(Duration.ofMillis(millis)) : Optional.empty();
    }
}
