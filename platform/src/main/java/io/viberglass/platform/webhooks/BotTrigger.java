package io.viberglass.platform.webhooks;

import java.util.List;
import java.util.Locale;

/** "@viberglass fix this": a comment that names the bot and asks for a fix. The bot's own comments never count. */
final class BotTrigger {
    private static final List<String> PHRASES = List.of("fix this", "fix it", "auto fix", "autofix", "auto-fix");

    private BotTrigger() {}

    /** Why the comment does not trigger a run, or {@code null} when it does. */
    static String refusal(InboundConfig config, String author, String body) {
        if (config.botUsername() == null) {
            return "Comment triggers need a bot username on the webhook";
        }
        if (FollowUps.isBot(config, author)) {
            return "The bot's own comment";
        }
        String bot = config.botUsername().toLowerCase(Locale.ROOT).replace("@", "");
        String text = body == null ? "" : body.toLowerCase(Locale.ROOT);
        if (!text.contains("@" + bot) && !text.matches("(?s).*\\b" + java.util.regex.Pattern.quote(bot) + "\\b.*")) {
            return "The comment does not mention @" + bot;
        }
        if (PHRASES.stream().noneMatch(text::contains)) {
            return "The comment mentions @" + bot + " but does not ask for a fix";
        }
        return null;
    }
}
