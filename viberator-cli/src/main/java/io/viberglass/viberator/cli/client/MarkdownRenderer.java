package io.viberglass.viberator.cli.client;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a Markdown document (a plan, a research document) for a terminal: bold headings, bullets as •, fenced code
 * indented and dimmed, {@code **strong**} and {@code `code`} highlighted. Without colour (not a TTY, or
 * {@code NO_COLOR} set) the structure stays and the markers go.
 */
public final class MarkdownRenderer {
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*)$");
    private static final Pattern BULLET = Pattern.compile("^(\\s*)[-*+]\\s+(.*)$");
    private static final Pattern STRONG = Pattern.compile("\\*\\*(.+?)\\*\\*");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private final boolean colour;

    public MarkdownRenderer(boolean colour) {
        this.colour = colour;
    }

    public String render(String markdown) {
        StringBuilder text = new StringBuilder();
        boolean fenced = false;
        for (String line : markdown.split("\\R", -1)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                text.append(style("2", "    " + line)).append('\n');
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            Matcher bullet = BULLET.matcher(line);
            if (heading.matches()) {
                String title = inline(heading.group(2));
                text.append(heading.group(1).length() == 1 ? style("1;4", title) : style("1", title));
            } else if (bullet.matches()) {
                text.append(bullet.group(1)).append("  • ").append(inline(bullet.group(2)));
            } else {
                text.append(inline(line));
            }
            text.append('\n');
        }
        return text.toString().stripTrailing() + "\n";
    }

    private String inline(String line) {
        String strong = STRONG.matcher(line).replaceAll(match -> Matcher.quoteReplacement(style("1", match.group(1))));
        return CODE.matcher(strong).replaceAll(match -> Matcher.quoteReplacement(style("36", match.group(1))));
    }

    private String style(String code, String text) {
        return colour ? "\033[" + code + "m" + text + "\033[0m" : text;
    }
}
