package io.viberglass.common.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Random opaque tokens (callback tokens, session tokens, API tokens) and their stored hashes. */
public final class Tokens {
    private static final HexFormat HEX = HexFormat.of();
    private final SecureRandom random;

    public Tokens(SecureRandom random) {
        this.random = random;
    }

    public Tokens() {
        this(new SecureRandom());
    }

    /** {@code bytes} random bytes as lower-case hex; 32 bytes give the 64-hex callback token. */
    public String randomHex(int bytes) {
        byte[] buffer = new byte[bytes];
        random.nextBytes(buffer);
        return HEX.formatHex(buffer);
    }

    /** SHA-256 of the token as lower-case hex: what the database stores instead of the token. */
    public static String sha256Hex(String token) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    /** Compares without leaking where the first difference is. Null never matches. */
    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code presented} hashes to {@code storedHash}, in constant time. */
    public static boolean matchesHash(String presented, String storedHash) {
        return presented != null && constantTimeEquals(sha256Hex(presented), storedHash);
    }
}
