package io.viberglass.platform.media;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Files under a root directory on the platform host; the default for a single-machine install. */
public class LocalMediaStore implements MediaStore {
    private static final Logger LOG = LoggerFactory.getLogger(LocalMediaStore.class);

    private final Path root;

    public LocalMediaStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String put(String key, byte[] content, String contentType) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
        Files.write(temporary, content);
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target.toUri().toString();
    }

    @Override
    public InputStream open(String storageUrl) throws IOException {
        return Files.newInputStream(pathOf(storageUrl));
    }

    @Override
    public void delete(String storageUrl) {
        try {
            Files.deleteIfExists(pathOf(storageUrl));
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Could not delete media file {}: {}", storageUrl, e.getMessage());
        }
    }

    private Path resolve(String key) {
        Path target = root.resolve(key).normalize();
        if (!target.startsWith(root)) {
            throw new IllegalArgumentException("Media key escapes the media root: " + key);
        }
        return target;
    }

    private Path pathOf(String storageUrl) {
        Path path = Path.of(URI.create(storageUrl)).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("Storage URL outside the media root");
        }
        return path;
    }
}
