package io.viberglass.platform.dispatch.docker;

import io.viberglass.common.security.SecretValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The tar a job's secrets travel in to a created (not yet started) container, through the Engine's archive API: one
 * file per credential in the secrets directory and the callback token in its own file, owned by the worker's user with
 * mode 0600 in 0700 directories. Nothing of it appears in the container's configuration, so {@code docker inspect}
 * shows no value.
 */
final class SecretArchive {
    /** Where the callback token is placed; the image's entrypoint reads it through {@code CALLBACK_TOKEN_FILE}. */
    static final String TOKEN_FILE = "/run/viberglass/callback-token";

    private static final int DIRECTORY_MODE = 040700;
    private static final int FILE_MODE = 0100600;

    private SecretArchive() {}

    /** A tar to extract at {@code /}. */
    static byte[] build(Map<String, SecretValue> secrets, String callbackToken, String secretsDirectory, String owner) {
        String[] ids = owner.split(":");
        long uid = Long.parseLong(ids[0]);
        long gid = Long.parseLong(ids[1]);
        Date now = new Date();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            String secretsDir = relative(secretsDirectory).replaceAll("/*$", "/");
            directory(tar, secretsDir, uid, gid, now);
            for (Map.Entry<String, SecretValue> secret : secrets.entrySet()) {
                file(tar, secretsDir + secret.getKey(), secret.getValue().reveal(), uid, gid, now);
            }
            String tokenFile = relative(TOKEN_FILE);
            String tokenDir = tokenFile.substring(0, tokenFile.lastIndexOf('/') + 1);
            if (!tokenDir.equals(secretsDir)) {
                directory(tar, tokenDir, uid, gid, now);
            }
            file(tar, tokenFile, callbackToken, uid, gid, now);
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("could not build the secrets archive", e);
        }
        return bytes.toByteArray();
    }

    private static String relative(String path) {
        return path.replaceAll("^/+", "");
    }

    private static void directory(TarArchiveOutputStream tar, String name, long uid, long gid, Date now)
            throws IOException {
        String dir = name.endsWith("/") ? name : name + "/";
        TarArchiveEntry entry = new TarArchiveEntry(dir);
        entry.setMode(DIRECTORY_MODE);
        entry.setUserId(uid);
        entry.setGroupId(gid);
        entry.setModTime(now);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream tar, String name, String content, long uid, long gid, Date now)
            throws IOException {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(FILE_MODE);
        entry.setUserId(uid);
        entry.setGroupId(gid);
        entry.setModTime(now);
        entry.setSize(data.length);
        tar.putArchiveEntry(entry);
        tar.write(data);
        tar.closeArchiveEntry();
    }
}
