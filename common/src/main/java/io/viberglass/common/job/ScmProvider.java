package io.viberglass.common.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The source-control service behind a repository, which decides how pull requests are opened. */
public enum ScmProvider implements WireEnum {
    GITHUB("github"),
    GITLAB("gitlab"),
    BITBUCKET("bitbucket"),
    /** Any git server without a pull-request API we speak: the branch is pushed, no pull request is opened. */
    GIT("git");

    private final String wire;

    ScmProvider(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    /** Guesses the provider from a clone URL's host; anything unrecognised is plain {@link #GIT}. */
    public static ScmProvider detect(String url) {
        String lower = url == null ? "" : url.toLowerCase(Locale.ROOT);
        if (lower.contains("github.com") || lower.contains("github.")) {
            return GITHUB;
        }
        if (lower.contains("gitlab.com") || lower.contains("gitlab.")) {
            return GITLAB;
        }
        if (lower.contains("bitbucket.org") || lower.contains("bitbucket.")) {
            return BITBUCKET;
        }
        return GIT;
    }

    @JsonCreator
    public static ScmProvider fromWire(String value) {
        return WireEnum.parse(ScmProvider.class, value);
    }
}
