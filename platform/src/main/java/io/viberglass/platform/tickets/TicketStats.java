package io.viberglass.platform.tickets;

import java.util.Map;

/** Counts over a project's (or every) non-archived tickets. */
public record TicketStats(
        long total,
        long open,
        long inProgress,
        long inReview,
        long resolved,
        Map<String, Long> byPhase,
        Map<String, Long> bySeverity,
        Map<String, Long> byCategory,
        Map<String, Long> autoFix) {}
