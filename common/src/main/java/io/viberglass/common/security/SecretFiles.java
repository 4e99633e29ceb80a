package io.viberglass.common.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Writes credentials the way every worker reads them ({@code VIBERATOR_SECRETS_DIR}): one file per credential, named
 * after it, mode 0600, in a directory only its owner may enter. The local invoker writes them for its child process;
 * a Docker worker writes the ones it fetched into its tmpfs. One writer, so both deliveries look the same to the reader.
 */
public final class SecretFiles {
    private SecretFiles() {}

    /** A new private temporary directory holding {@code secrets}. */
    public static Path writeTemporary(String prefix, Map<String, SecretValue> secrets) throws IOException {
        Path directory = Files.createTempDirectory(
                prefix, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        writeInto(directory, secrets);
        return directory;
    }

    /**
     * Adds {@code secrets} to an existing directory (created if missing), tightening it to 0700. A file that already
     * exists is an error: a credential is written once, by one writer.
     */
    public static void writeInto(Path directory, Map<String, SecretValue> secrets) throws IOException {
        Files.createDirectories(directory);
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        for (Map.Entry<String, SecretValue> secret : secrets.entrySet()) {
            if (!secret.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                // names become file names: nothing may climb out of the directory
                throw new IOException("Not a credential name: " + secret.getKey());
            }
            Path file = Files.createFile(
                    directory.resolve(secret.getKey()),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, secret.getValue().reveal());
        }
    }
}
