package io.viberglass.platform.infra.api;

import java.text.Normalizer;
import java.util.Collection;
import java.util.Locale;

/** URL slugs derived from names (projects, clankers): {@code "Web Shop (EU)" → "web-shop-eu"}, unique with a numeric suffix. */
public final class Slugs {
    public static final int MAX_LENGTH = 200;

    private Slugs() {}

    public static String base(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        String slug =
                ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > MAX_LENGTH) {
            slug = slug.substring(0, MAX_LENGTH).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "project" : slug;
    }

    /** The base slug if free, else {@code base-2}, {@code base-3} … past the highest suffix taken. */
    public static String firstFree(String base, Collection<String> taken) {
        if (!taken.contains(base)) {
            return base;
        }
        int highest = 1;
        for (String slug : taken) {
            if (slug.startsWith(base + "-")) {
                String suffix = slug.substring(base.length() + 1);
                if (suffix.matches("[0-9]{1,9}")) {
                    highest = Math.max(highest, Integer.parseInt(suffix));
                }
            }
        }
        return base + "-" + (highest + 1);
    }
}
