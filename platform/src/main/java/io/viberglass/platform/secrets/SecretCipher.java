package io.viberglass.platform.secrets;

import io.viberglass.common.security.SecretValue;
import io.viberglass.platform.infra.errors.DomainException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for values kept in the database: a random 96-bit nonce per value, the 128-bit tag appended to the
 * ciphertext, and the owning row's id as associated data, so a ciphertext copied to another row does not decrypt.
 * Each value records the id of its key, so keys rotate: add a key, make it active, run {@code secrets-reencrypt}.
 */
public class SecretCipher {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKeySpec> keys;
    private final String activeKeyId;
    private final SecureRandom random;

    public record Sealed(byte[] ciphertext, byte[] nonce, String keyId) {}

    public SecretCipher(SecretSettings settings, SecureRandom random) {
        Map<String, SecretKeySpec> parsed = new HashMap<>();
        settings.getKeys().forEach((id, encoded) -> {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(encoded);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("Secret key " + id + " is not base64");
            }
            if (key.length != 32) {
                throw new IllegalStateException(
                        "Secret key " + id + " must be 32 bytes (openssl rand -base64 32), " + "not " + key.length);
            }
            parsed.put(id, new SecretKeySpec(key, "AES"));
        });
        this.keys = Map.copyOf(parsed);
        this.activeKeyId = settings.getActiveKeyId();
        this.random = random;
    }

    public boolean canEncrypt() {
        return keys.containsKey(activeKeyId);
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    public Sealed seal(UUID owner, SecretValue value) {
        SecretKeySpec key = keys.get(activeKeyId);
        if (key == null) {
            throw DomainException.invalid(
                    "ENCRYPTION_KEY_MISSING",
                    "storage",
                    "database storage needs an encryption "
                            + "key: set SECRETS_ENCRYPTION_KEY (openssl rand -base64 32)");
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(owner));
            return new Sealed(cipher.doFinal(value.reveal().getBytes(StandardCharsets.UTF_8)), nonce, activeKeyId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    public SecretValue open(UUID owner, Sealed sealed) {
        SecretKeySpec key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException("The key " + sealed.keyId() + " that encrypted a secret is not configured");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(associatedData(owner));
            return SecretValue.of(new String(cipher.doFinal(sealed.ciphertext()), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A secret failed to decrypt (wrong key or tampered value)", e);
        }
    }

    private static byte[] associatedData(UUID owner) {
        return ByteBuffer.allocate(16)
                .putLong(owner.getMostSignificantBits())
                .putLong(owner.getLeastSignificantBits())
                .array();
    }
}
