package io.viberglass.viberator.client;

import java.util.List;

/** Log lines after a line id, oldest first, and the id to ask after next. */
public record LogPage(List<LogLine> logs, long nextAfterId) {
    public LogPage {
        logs = logs == null ? List.of() : List.copyOf(logs);
    }
}
