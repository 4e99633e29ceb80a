package io.viberglass.viberator.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What Maven wrote into {@code build.properties} at build time: the version and when it was built. */
public record BuildInfo(String version, String builtAt) {
    static final String RESOURCE = "/io/viberglass/viberator/cli/build.properties";

    /** Falls back to "development build" when run from an IDE's unfiltered classes. */
    public static BuildInfo load() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BuildInfo(
                filtered(properties.getProperty("version"), "development build"),
                filtered(properties.getProperty("builtAt"), "unknown"));
    }

    private static String filtered(String value, String fallback) {
        return value == null || value.isBlank() || value.startsWith("${") ? fallback : value;
    }
}
