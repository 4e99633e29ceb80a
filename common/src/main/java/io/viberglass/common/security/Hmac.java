package io.viberglass.common.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC signatures for webhooks, in and out. Verification runs on the raw body bytes before anything parses them. */
public final class Hmac {
    private Hmac() {}

    public enum Algorithm {
        SHA256("HmacSHA256", "sha256"),
        SHA1("HmacSHA1", "sha1");

        private final String jcaName;
        private final String prefix;

        Algorithm(String jcaName, String prefix) {
            this.jcaName = jcaName;
            this.prefix = prefix;
        }

        /** The label used in {@code sha256=<hex>} style headers. */
        public String prefix() {
            return prefix;
        }

        public static Algorithm fromLabel(String label) {
            return switch (label.toLowerCase(Locale.ROOT)) {
                case "sha256", "sha-256", "hmac-sha256" -> SHA256;
                case "sha1", "sha-1", "hmac-sha1" -> SHA1;
                default -> throw new IllegalArgumentException("Unsupported HMAC algorithm: " + label);
            };
        }
    }

    /** Lower-case hex HMAC of {@code body} keyed with {@code secret}. */
    public static String hex(Algorithm algorithm, String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(algorithm.jcaName);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm.jcaName));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC unavailable: " + algorithm, e);
        }
    }

    /** The header value {@code <algorithm>=<hex>} as GitHub and our outbound webhooks send it. */
    public static String prefixedHex(Algorithm algorithm, String secret, byte[] body) {
        return algorithm.prefix() + "=" + hex(algorithm, secret, body);
    }

    /**
     * Whether {@code presented} is the signature of {@code body}. Accepts bare hex or the {@code sha256=} prefixed
     * form; compares in constant time.
     */
    public static boolean verify(Algorithm algorithm, String secret, byte[] body, String presented) {
        if (presented == null || secret == null || secret.isEmpty()) {
            return false;
        }
        String candidate = presented.trim().toLowerCase(Locale.ROOT);
        String prefix = algorithm.prefix() + "=";
        if (candidate.startsWith(prefix)) {
            candidate = candidate.substring(prefix.length());
        }
        byte[] expected = hex(algorithm, secret, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII));
    }
}
