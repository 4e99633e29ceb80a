package io.viberglass.viberator.session;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * An agent's conversation state as a gzipped tar of its state directories under the scratch {@code HOME} (such as
 * {@code .claude} or {@code .codex}), so the next turn, in a fresh worker, can resume the conversation. Caches,
 * {@code node_modules} and logs are left out; symbolic links are skipped both ways, and unpacking refuses any entry that
 * would land outside the home.
 */
public final class ConversationState {
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("node_modules", ".cache", ".npm", "_cacache");

    private ConversationState() {}

    /** Thrown when an archive is larger than the limit or malformed. */
    public static final class StateException extends IOException {
        public StateException(String message) {
            super(message);
        }
    }

    /**
     * Packs the existing ones among {@code directories} (relative to {@code home}).
     *
     * @return the archive, or empty when none of the directories exists
     * @throws StateException when the archive would be larger than {@code maxBytes}
     */
    public static java.util.Optional<byte[]> capture(Path home, List<String> directories, long maxBytes)
            throws IOException {
        LimitedBuffer buffer = new LimitedBuffer(maxBytes);
        int files = 0;
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(buffer))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (String directory : directories) {
                Path root = home.resolve(directory).normalize();
                if (root.startsWith(home) && Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
                    files += pack(home, root, tar);
                }
            }
            tar.finish();
        }
        return files == 0 ? java.util.Optional.empty() : java.util.Optional.of(buffer.toByteArray());
    }

    /**
     * Unpacks an archive made by {@link #capture} into {@code home}.
     *
     * @return the number of files written
     * @throws StateException for an entry that escapes {@code home} or an archive that is not a gzipped tar
     */
    public static int restore(Path home, byte[] archive) throws IOException {
        Path base = home.toAbsolutePath().normalize();
        int files = 0;
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(new GzipCompressorInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path target = base.resolve(entry.getName()).normalize();
                if (!target.startsWith(base) || target.equals(base)) {
                    throw new StateException("the state archive has an entry outside the home: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isFile()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    files++;
                }
                // links and devices are not part of an agent's state: skipped
            }
        } catch (IOException e) {
            if (e instanceof StateException) {
                throw e;
            }
            throw new StateException("the state archive cannot be read: " + e.getMessage());
        }
        return files;
    }

    private static int pack(Path home, Path root, TarArchiveOutputStream tar) throws IOException {
        int[] files = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(root)
                        && SKIPPED_DIRECTORIES.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                TarArchiveEntry entry = new TarArchiveEntry(dir.toFile(), name(home, dir) + "/");
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!attrs.isRegularFile() || file.getFileName().toString().endsWith(".log")) {
                    return FileVisitResult.CONTINUE;
                }
                TarArchiveEntry entry = new TarArchiveEntry(file.toFile(), name(home, file));
                entry.setSize(attrs.size());
                tar.putArchiveEntry(entry);
                try (InputStream in = Files.newInputStream(file)) {
                    in.transferTo(tar);
                }
                tar.closeArchiveEntry();
                files[0]++;
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                // a file the agent removed or locked meanwhile: the rest of the state is still worth keeping
                return FileVisitResult.CONTINUE;
            }
        });
        return files[0];
    }

    private static String name(Path home, Path path) {
        return home.relativize(path).toString().replace('\\', '/');
    }

    /** A byte sink that refuses to grow past the limit, so a huge state directory fails fast instead of filling RAM. */
    private static final class LimitedBuffer extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final long max;

        LimitedBuffer(long max) {
            this.max = max;
        }

        @Override
        public void write(int b) throws IOException {
            check(1);
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            check(len);
            bytes.write(b, off, len);
        }

        private void check(int more) throws StateException {
            if (bytes.size() + (long) more > max) {
                throw new StateException("the conversation state is larger than " + max + " bytes");
            }
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }
}
