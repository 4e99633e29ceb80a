package io.viberglass.viberator.cli.client;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times in tables: UTC, to the minute, the same on every machine and in every CI log. */
final class Dates {
    private static final DateTimeFormatter MINUTES =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private Dates() {}

    static String of(Instant instant) {
        return instant == null ? "-" : MINUTES.format(instant);
    }

    static String time(Instant instant) {
        return instant == null ? "--:--:--" : SECONDS.format(instant);
    }
}
