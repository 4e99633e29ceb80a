package io.viberglass.viberator.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the {@code viberator} command lines in a shell script, the way a reader would: continuation lines joined,
 * words split as the shell splits them, and {@code "${args[@]}"} replaced by every word any assignment
 * {@code args=(...)} in the script gives that array.
 */
final class ShellInvocations {
    private static final Pattern ARRAY = Pattern.compile("(\\w+)=\\((.*)\\)");
    private static final Pattern EXPANSION = Pattern.compile("\"?\\$\\{(\\w+)\\[@]}\"?");
    private static final Set<String> ENDS = Set.of(">", ">>", "|", "||", "&&", ";", ")", "2>&1");

    private ShellInvocations() {}

    /** The words after each occurrence of {@code launcher} (e.g. {@code "$VIBERATOR"}), up to a redirect or pipe. */
    static List<List<String>> find(String script, String launcher) {
        String joined = script.replace("\\\n", " ");
        Map<String, Set<String>> arrays = new LinkedHashMap<>();
        for (String line : joined.split("\n")) {
            Matcher array = ARRAY.matcher(line.strip());
            if (array.find() && line.strip().startsWith(array.group(1) + "=(")) {
                arrays.computeIfAbsent(array.group(1), name -> new LinkedHashSet<>())
                        .addAll(words(array.group(2)));
            }
        }
        List<List<String>> invocations = new ArrayList<>();
        for (String line : joined.split("\n")) {
            int at = line.indexOf(launcher);
            if (at < 0 || line.strip().startsWith("#") || line.contains(launcher + "=")) {
                continue;
            }
            List<String> invocation = new ArrayList<>();
            for (String next : words(line.substring(at + launcher.length()))) {
                if (ENDS.contains(next) || next.startsWith(">") || next.startsWith("2>")) {
                    break;
                }
                // the end of a command substitution: $("$VIBERATOR" ... last-word)
                boolean closes = next.endsWith(")") && !next.contains("(");
                String word = closes ? next.substring(0, next.length() - 1) : next;
                Matcher expansion = EXPANSION.matcher(word);
                if (expansion.matches()) {
                    invocation.addAll(arrays.getOrDefault(expansion.group(1), Set.of()));
                } else if (!word.isEmpty()) {
                    invocation.add(word);
                }
                if (closes) {
                    break;
                }
            }
            invocations.add(invocation);
        }
        return invocations;
    }

    /** Shell words: whitespace-separated, with quotes kept together (and removed). */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
