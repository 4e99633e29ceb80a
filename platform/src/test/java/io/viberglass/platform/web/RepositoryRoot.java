package io.viberglass.platform.web;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout's root, found upwards from the test's working directory (Surefire runs in {@code platform/}). */
final class RepositoryRoot {
    private RepositoryRoot() {}

    static Path find() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("webapp/package.json")) && Files.isDirectory(dir.resolve("platform"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No checkout root (with webapp/ and platform/) above "
                + Path.of("").toAbsolutePath());
    }
}
