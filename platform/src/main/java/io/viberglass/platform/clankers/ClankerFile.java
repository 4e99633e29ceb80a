package io.viberglass.platform.clankers;

import java.time.Instant;

/**
 * An instruction file of a clanker (a row of {@code clanker_files}), written into every worker's checkout before its
 * agent starts.
 *
 * @param path relative path such as {@code AGENTS.md}, {@code skills/review.md} or {@code opencode.json}
 */
public record ClankerFile(String path, String content, Instant updatedAt) {}
