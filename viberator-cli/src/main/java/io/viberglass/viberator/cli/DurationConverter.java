package io.viberglass.viberator.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Reads {@code 90s}, {@code 30m}, {@code 1h30m}, {@code 250ms}, plain seconds ({@code 600}) or ISO-8601
 * ({@code PT30M}).
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern SHORT = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?");

    @Override
    public Duration convert(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        if (text.matches("\\d+")) {
            return positive(Duration.ofSeconds(Long.parseLong(text)), value);
        }
        if (text.startsWith("pt")) {
            return positive(Duration.parse(text.toUpperCase(Locale.ROOT)), value);
        }
        Matcher matcher = SHORT.matcher(text);
        if (text.isEmpty() || !matcher.matches()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration such as 90s, 30m or 1h");
        }
        Duration duration = Duration.ofHours(number(matcher.group(1)))
                .plusMinutes(number(matcher.group(2)))
                .plusSeconds(number(matcher.group(3)))
                .plusMillis(number(matcher.group(4)));
        return positive(duration, value);
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }

    private static Duration positive(Duration duration, String value) {
        if (duration.isZero() || duration.isNegative()) {
            throw new CommandLine.TypeConversionException("'" + value + "' must be longer than zero");
        }
        return duration;
    }
}
