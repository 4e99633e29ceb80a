package io.viberglass.viberator.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

/**
 * The per-user file {@code viberator login} writes. It holds a token, so it is created with mode 0600 (in a 0700
 * directory) before the token is written, and replaced atomically.
 */
public final class ConfigStore {
    private final Path file;
    private final ObjectMapper mapper;

    public ConfigStore(Path file, ObjectMapper mapper) {
        this.file = file;
        this.mapper = mapper;
    }

    /**
     * {@code $VIBERGLASS_CONFIG}, else {@code $XDG_CONFIG_HOME/viberglass/config.json}, else
     * {@code $HOME/.config/viberglass/config.json}.
     */
    public static Path defaultLocation(Map<String, String> environment, String userHome) {
        String explicit = environment.get("VIBERGLASS_CONFIG");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = environment.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "viberglass", "config.json");
        }
        String home = environment.getOrDefault("HOME", userHome);
        return Path.of(home, ".config", "viberglass", "config.json");
    }

    public Path file() {
        return file;
    }

    public Optional<ClientConfig> load() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.readValue(file.toFile(), ClientConfig.class));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + "; run 'viberator login' again", e);
        }
    }

    public void save(ClientConfig config) {
        try {
            Path directory = file.toAbsolutePath().getParent();
            boolean posix =
                    FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            if (!Files.isDirectory(directory)) {
                if (posix) {
                    Files.createDirectories(
                            directory,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(directory);
                }
            }
            Path temporary = posix
                    ? Files.createTempFile(
                            directory,
                            ".config",
                            ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(directory, ".config", ".tmp");
            try {
                Files.write(temporary, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(config));
                move(temporary);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private void move(Path temporary) throws IOException {
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
