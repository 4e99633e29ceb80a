package io.viberglass.viberator.git;

import io.viberglass.common.job.JobPayload;
import io.viberglass.common.job.TicketContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders and sanitises work branch names from templates such as {@code viberator/{{ ticketId }}}. Placeholders:
 * {@code jobId}, {@code ticketId}/{@code ticket}, {@code originalTicket}/{@code original_ticket}, {@code clanker}/
 * {@code clankerId}, {@code timestamp}, {@code date}.
 */
public final class BranchNames {
    public static final String DEFAULT_TEMPLATE = "viberator/{{ticketId}}";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_]+)\\s*}}");

    private BranchNames() {}

    /**
     * @param ticketId platform ticket id, or {@code null}
     * @param externalKey ticket key in the source system, or {@code null}
     */
    public static String render(
            String template, String jobId, String ticketId, String externalKey, String clankerId, Instant now) {
        String chosen = template == null || template.isBlank() ? DEFAULT_TEMPLATE : template;
        String ticket = firstNonBlank(ticketId, jobId);
        Map<String, String> values = Map.of(
                "jobid", jobId,
                "ticketid", ticket,
                "ticket", ticket,
                "originalticket", firstNonBlank(externalKey, ticket),
                "original_ticket", firstNonBlank(externalKey, ticket),
                "clanker", firstNonBlank(clankerId, "unknown-clanker"),
                "clankerid", firstNonBlank(clankerId, "unknown-clanker"),
                "timestamp",
                        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
                                .withZone(ZoneOffset.UTC)
                                .format(now),
                "date",
                        DateTimeFormatter.ISO_LOCAL_DATE
                                .withZone(ZoneOffset.UTC)
                                .format(now));
        Matcher matcher = PLACEHOLDER.matcher(chosen);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.getOrDefault(matcher.group(1).toLowerCase(java.util.Locale.ROOT), "");
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        String clean = sanitize(out.toString());
        return clean.isEmpty() ? "viberator/" + sanitize(jobId) : clean;
    }

    /** The work branch of a payload: its rendered {@code branch}, else its template rendered now. */
    public static String forPayload(JobPayload payload, Instant now) {
        String given = payload.repository().branch();
        if (given != null && !given.isBlank()) {
            return sanitize(given);
        }
        TicketContext ticket = payload.ticket();
        return render(
                payload.repository().branchTemplate(),
                payload.jobId(),
                ticket == null ? null : ticket.id(),
                ticket == null ? null : ticket.externalKey(),
                payload.clankerId(),
                now);
    }

    /** Makes any text a valid, unsurprising ref name. */
    public static String sanitize(String name) {
        String clean = name.strip()
                .replaceAll("\\s+", "-")
                .replaceAll("[^A-Za-z0-9/_.-]", "-")
                .replaceAll("\\.{2,}", ".")
                .replaceAll("/\\.", "/")
                .replaceAll("/{2,}", "/")
                .replaceAll("^[/.]+", "")
                .replaceAll("/+$", "");
        while (clean.endsWith(".lock") || clean.endsWith(".") || clean.endsWith("/")) {
            clean = clean.endsWith(".lock")
                    ? clean.substring(0, clean.length() - 5)
                    : clean.substring(0, clean.length() - 1);
        }
        return clean;
    }

    private static String firstNonBlank(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
