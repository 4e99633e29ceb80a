package io.viberglass.platform.media;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The upload allow-list, checked against the file's own first bytes: a declared {@code image/png} that is really an
 * HTML page is refused.
 */
public final class MediaTypes {
    public static final Set<String> IMAGES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");
    public static final Set<String> VIDEOS = Set.of("video/mp4", "video/webm", "video/quicktime");

    private static final Map<String, String> EXTENSIONS = Map.of(
            "image/png",
            ".png",
            "image/jpeg",
            ".jpg",
            "image/gif",
            ".gif",
            "image/webp",
            ".webp",
            "video/mp4",
            ".mp4",
            "video/webm",
            ".webm",
            "video/quicktime",
            ".mov");

    private MediaTypes() {}

    public static String extension(String mimeType) {
        return EXTENSIONS.getOrDefault(mimeType, "");
    }

    /** The type the content's signature shows, if it is one we accept. */
    public static Optional<String> sniff(byte[] content) {
        if (startsWith(content, 0, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})) {
            return Optional.of("image/png");
        }
        if (startsWith(content, 0, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
            return Optional.of("image/jpeg");
        }
        if (startsWith(content, 0, ascii("GIF87a")) || startsWith(content, 0, ascii("GIF89a"))) {
            return Optional.of("image/gif");
        }
        if (startsWith(content, 0, ascii("RIFF")) && startsWith(content, 8, ascii("WEBP"))) {
            return Optional.of("image/webp");
        }
        if (startsWith(content, 0, new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3})) {
            return Optional.of("video/webm");
        }
        if (startsWith(content, 4, ascii("ftyp"))) {
            return Optional.of(startsWith(content, 8, ascii("qt  ")) ? "video/quicktime" : "video/mp4");
        }
        return Optional.empty();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean startsWith(byte[] content, int offset, byte[] signature) {
        return content.length >= offset + signature.length
                && Arrays.equals(content, offset, offset + signature.length, signature, 0, signature.length);
    }
}
