package io.viberglass.common.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scrubs secrets out of text before it leaves the process: every known secret value (the credentials a job was given)
 * and the shapes of well-known tokens. Immutable; build one per job with {@link #withKnownValues}.
 */
public final class SecretRedactor {
    public static final String MASK = "[REDACTED]";

    /** Values shorter than this are not scrubbed literally: "a" or "true" would wreck every log line. */
    static final int MIN_KNOWN_VALUE_LENGTH = 6;

    private static final List<Pattern> TOKEN_SHAPES = List.of(
            Pattern.compile("gh[pousr]_[A-Za-z0-9]{36,}"),
            Pattern.compile("github_pat_[A-Za-z0-9_]{22,}"),
            Pattern.compile("glpat-[A-Za-z0-9_\\-]{20,}"),
            Pattern.compile("xox[abprs]-[A-Za-z0-9-]{10,}"),
            Pattern.compile("sk-(?:ant-)?[A-Za-z0-9_\\-]{20,}"),
            Pattern.compile("AKIA[0-9A-Z]{16}"),
            Pattern.compile("vibe_[A-Za-z0-9]{20,}"),
            Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=\\-]{20,}"),
            Pattern.compile("(?i)(://[^/\\s:@]+:)[^@\\s/]+(@)"),
            Pattern.compile(
                    "(?i)((?:api[_-]?key|token|secret|password|passwd)[\"']?\\s*[:=]\\s*[\"']?)[^\\s\"',;&]{6,}"));

    private final List<String> knownValues;

    private SecretRedactor(List<String> knownValues) {
        this.knownValues = knownValues;
    }

    /** A redactor that only knows the token shapes. */
    public static SecretRedactor shapesOnly() {
        return new SecretRedactor(List.of());
    }

    /** A redactor that also scrubs these exact values (longest first, so a value containing another wins). */
    public SecretRedactor withKnownValues(Collection<String> values) {
        List<String> merged = new ArrayList<>(knownValues);
        for (String value : values) {
            if (value != null && value.length() >= MIN_KNOWN_VALUE_LENGTH && !merged.contains(value)) {
                merged.add(value);
            }
        }
        merged.sort(Comparator.comparingInt(String::length).reversed());
        return new SecretRedactor(List.copyOf(merged));
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (String value : knownValues) {
            result = result.replace(value, MASK);
        }
        for (Pattern shape : TOKEN_SHAPES) {
            result = replaceShape(shape, result);
        }
        return result;
    }

    private static String replaceShape(Pattern shape, String text) {
        Matcher matcher = shape.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            String kept = matcher.groupCount() >= 1 && matcher.group(1) != null ? matcher.group(1) : "";
            String tail = matcher.groupCount() >= 2 && matcher.group(2) != null ? matcher.group(2) : "";
            matcher.appendReplacement(out, Matcher.quoteReplacement(kept + MASK + tail));
        } while (matcher.find());
        matcher.appendTail(out);
        return out.toString();
    }
}
