package io.viberglass.viberator.egress;

import io.viberglass.common.egress.HostPattern;
import java.util.ArrayList;
import java.util.List;

/** The destinations an egress proxy lets through; everything else is refused. */
public record EgressAllowList(List<HostPattern> patterns) {
    public EgressAllowList {
        patterns = List.copyOf(patterns);
    }

    /** Parses comma-separated entries, e.g. {@code github.com,*.githubusercontent.com,platform:8080}. */
    public static EgressAllowList parse(List<String> entries) {
        List<HostPattern> parsed = new ArrayList<>();
        for (String entry : entries) {
            for (String part : entry.split(",")) {
                if (!part.isBlank()) {
                    parsed.add(HostPattern.parse(part));
                }
            }
        }
        return new EgressAllowList(parsed);
    }

    public boolean allows(String host, int port) {
        return patterns.stream().anyMatch(pattern -> pattern.matches(host, port));
    }
}
