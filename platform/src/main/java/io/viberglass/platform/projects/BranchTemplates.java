package io.viberglass.platform.projects;

import io.viberglass.platform.infra.errors.DomainException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Branch name templates such as {@code viberator/{{ticketId}}}: only placeholders the worker knows are accepted. */
public final class BranchTemplates {
    public static final Set<String> PLACEHOLDERS = Set.of(
            "jobId",
            "ticketId",
            "ticket",
            "originalTicket",
            "original_ticket",
            "clanker",
            "clankerId",
            "timestamp",
            "date");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");

    private BranchTemplates() {}

    static String validated(String template) {
        if (template == null || template.isBlank()) {
            return null;
        }
        Matcher matcher = PLACEHOLDER.matcher(template);
        while (matcher.find()) {
            if (!PLACEHOLDERS.contains(matcher.group(1))) {
                throw DomainException.invalid(
                        "INVALID_BRANCH_TEMPLATE",
                        "branchNameTemplate",
                        "has an unknown placeholder {{" + matcher.group(1) + "}}; known: " + PLACEHOLDERS);
            }
        }
        String withoutPlaceholders = matcher.replaceAll("x");
        if (withoutPlaceholders.contains("{") || withoutPlaceholders.contains("}")) {
            throw DomainException.invalid(
                    "INVALID_BRANCH_TEMPLATE",
                    "branchNameTemplate",
                    "has an unbalanced brace; placeholders look like {{ticketId}}");
        }
        return template.trim();
    }
}
