package io.viberglass.platform.claws;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.viberglass.platform.infra.errors.DomainException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a schedule fires: every N seconds/minutes/hours/days/weeks (a true fixed rate, unlike upstream's cron
 * approximation), or a 6-field cron expression ({@code sec min hour day-of-month month day-of-week}, Spring's syntax)
 * in a time zone.
 */
public final class Cadence {
    private static final Pattern INTERVAL = Pattern.compile("([1-9][0-9]{0,6})([smhdw])");
    private static final CronParser CRON =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING53));

    private final Duration interval;
    private final ExecutionTime cron;
    private final ZoneId zone;

    private Cadence(Duration interval, ExecutionTime cron, ZoneId zone) {
        this.interval = interval;
        this.cron = cron;
        this.zone = zone;
    }

    /** Parses {@code 5m}, {@code 2h}, {@code 1d} …; refuses anything shorter than {@code minimum}. */
    public static Cadence interval(String expression, Duration minimum) {
        Matcher matcher = INTERVAL.matcher(expression == null ? "" : expression.trim());
        if (!matcher.matches()) {
            throw DomainException.invalid(
                    "INVALID_INTERVAL_EXPRESSION", "intervalExpression", "must look like 30s, 15m, 2h, 1d or 1w");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration interval =
                switch (matcher.group(2)) {
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    case "d" -> Duration.ofDays(amount);
                    default -> Duration.ofDays(7 * amount);
                };
        if (interval.compareTo(minimum) < 0) {
            throw DomainException.invalid(
                    "INVALID_INTERVAL_EXPRESSION",
                    "intervalExpression",
                    "must be at least " + minimum.toSeconds() + " seconds");
        }
        return new Cadence(interval, null, ZoneId.of("UTC"));
    }

    public static Cadence cron(String expression, String timezone) {
        ZoneId zone = zone(timezone);
        String trimmed = expression == null ? "" : expression.trim();
        if (trimmed.split("\\s+").length != 6) {
            throw DomainException.invalid(
                    "INVALID_CRON_EXPRESSION",
                    "cronExpression",
                    "must have 6 fields: second minute hour day-of-month month day-of-week");
        }
        try {
            Cron cron = CRON.parse(trimmed);
            cron.validate();
            return new Cadence(null, ExecutionTime.forCron(cron), zone);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(
                    "INVALID_CRON_EXPRESSION",
                    "cronExpression",
                    "is not a valid cron " + "expression: " + e.getMessage());
        }
    }

    public static ZoneId zone(String timezone) {
        try {
            return ZoneId.of(timezone == null || timezone.isBlank() ? "UTC" : timezone.trim());
        } catch (DateTimeException e) {
            throw DomainException.invalid("INVALID_TIMEZONE", "timezone", "is not a known time zone");
        }
    }

    public Optional<Duration> fixedInterval() {
        return Optional.ofNullable(interval);
    }

    /** The first slot strictly after {@code after}. */
    public Instant next(Instant after) {
        if (interval != null) {
            return after.plus(interval);
        }
        return cron.nextExecution(ZonedDateTime.ofInstant(after, zone))
                .map(ZonedDateTime::toInstant)
                .orElseThrow(() -> DomainException.invalid("INVALID_CRON_EXPRESSION", "cronExpression", "never fires"));
    }

    /** The next {@code count} slots after {@code after}, for the schedule's preview. */
    public List<Instant> preview(Instant after, int count) {
        List<Instant> slots = new ArrayList<>();
        Instant cursor = after;
        for (int i = 0; i < count; i++) {
            cursor = next(cursor);
            slots.add(cursor);
        }
        return slots;
    }
}
