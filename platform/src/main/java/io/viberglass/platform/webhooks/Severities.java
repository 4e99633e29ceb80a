package io.viberglass.platform.webhooks;

import io.viberglass.platform.tickets.Severity;
import java.util.List;
import java.util.Locale;

/** Severity inferred from what providers have: labels, a priority name, a story type. */
final class Severities {
    private Severities() {}

    /** critical/urgent → critical, high/important → high, medium → medium, anything else → low. */
    static Severity fromLabels(List<String> labels) {
        List<String> lower =
                labels.stream().map(label -> label.toLowerCase(Locale.ROOT)).toList();
        if (lower.stream().anyMatch(label -> label.contains("critical") || label.contains("urgent"))) {
            return Severity.CRITICAL;
        }
        if (lower.stream().anyMatch(label -> label.contains("high") || label.contains("important"))) {
            return Severity.HIGH;
        }
        if (lower.stream().anyMatch(label -> label.contains("medium"))) {
            return Severity.MEDIUM;
        }
        return Severity.LOW;
    }

    /** Jira priority: highest/critical/blocker → critical, high → high, low/lowest/trivial → low, else medium. */
    static Severity fromPriority(String priority) {
        String name = priority == null ? "" : priority.toLowerCase(Locale.ROOT);
        if (name.contains("highest") || name.contains("critical") || name.contains("blocker")) {
            return Severity.CRITICAL;
        }
        if (name.contains("high") || name.contains("major")) {
            return Severity.HIGH;
        }
        if (name.contains("low") || name.contains("trivial") || name.contains("minor")) {
            return Severity.LOW;
        }
        return Severity.MEDIUM;
    }

    /** Shortcut story type: bug → high, feature → medium, chore → low. */
    static Severity fromStoryType(String type) {
        return switch (type == null ? "" : type) {
            case "bug" -> Severity.HIGH;
            case "chore" -> Severity.LOW;
            default -> Severity.MEDIUM;
        };
    }

    /** A severity given by name, else medium. */
    static Severity named(String value) {
        if (value != null) {
            for (Severity severity : Severity.values()) {
                if (severity.wire().equalsIgnoreCase(value.trim())) {
                    return severity;
                }
            }
        }
        return Severity.MEDIUM;
    }
}
