package io.viberglass.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.viberglass.common.json.Json;
import io.viberglass.common.security.SecretValue;
import io.viberglass.platform.infra.db.Database;
import io.viberglass.platform.testing.TestDatabase;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SecretCipherTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(SecretCipherTest.class);

    private static String key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static SecretSettings settings(String active, Map<String, String> keys) {
        SecretSettings settings = new SecretSettings();
        settings.setActiveKeyId(active);
        settings.setKeys(keys);
        return settings;
    }

    @Test
    void aValueOpensOnlyForItsOwnRowAndIntact() {
        SecretCipher cipher = new SecretCipher(settings("k1", Map.of("k1", key())), new SecureRandom());
        UUID owner = UUID.randomUUID();

        SecretCipher.Sealed sealed = cipher.seal(owner, SecretValue.of("sk-live-value"));

        assertThat(cipher.open(owner, sealed).reveal()).isEqualTo("sk-live-value");
        assertThatThrownBy(() -> cipher.open(UUID.randomUUID(), sealed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("sk-live-value");
        byte[] tampered = sealed.ciphertext().clone();
        tampered[0] ^= 1;
        assertThatThrownBy(() -> cipher.open(owner, new SecretCipher.Sealed(tampered, sealed.nonce(), "k1")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void keysMustBe32BytesOfBase64AndDatabaseStorageNeedsOne() {
        assertThatThrownBy(() -> new SecretCipher(settings("k1", Map.of("k1", "c2hvcnQ=")), new SecureRandom()))
                .hasMessageContaining("32 bytes");
        SecretCipher none = new SecretCipher(settings("k1", Map.of()), new SecureRandom());
        assertThat(none.canEncrypt()).isFalse();
        assertThatThrownBy(() -> none.seal(UUID.randomUUID(), SecretValue.of("x")))
                .extracting("code")
                .isEqualTo("ENCRYPTION_KEY_MISSING");
    }

    @Test
    void keyringAddsKeysForRotation() {
        SecretSettings settings = settings("k2", Map.of("k1", key()));
        settings.setKeyring("k2:" + key() + ", k3:" + key());

        assertThat(settings.getKeys()).containsOnlyKeys("k1", "k2", "k3");
    }

    @Test
    void reencryptMovesEveryValueToTheActiveKeyAndKeepsItReadable() {
        Jdbi jdbi = Database.configure(Jdbi.create(DB.dataSource()), Json.newMapper());
        String oldKey = key();
        String newKey = key();
        SecretService before = Secrets.build(jdbi, Clock.systemUTC(), settings("k1", Map.of("k1", oldKey)), Map.of())
                .service();
        SecretView secret = before.create(
                new SecretRequest(
                        "ROTATED_" + UUID.randomUUID().toString().replace("-", "_"),
                        null,
                        SecretStorage.DATABASE,
                        "value-to-keep",
                        null,
                        null),
                "test");

        Secrets.Parts after =
                Secrets.build(jdbi, Clock.systemUTC(), settings("k2", Map.of("k1", oldKey, "k2", newKey)), Map.of());
        assertThat(after.service().reencrypt()).isPositive();
        assertThat(after.service().reencrypt()).isZero();

        Secret stored = jdbi.withExtension(SecretDao.class, dao -> dao.find(secret.id()))
                .orElseThrow();
        assertThat(stored.keyId()).isEqualTo("k2");
        SecretValues onlyNewKey = Secrets.build(jdbi, Clock.systemUTC(), settings("k2", Map.of("k2", newKey)), Map.of())
                .values();
        assertThat(onlyNewKey.read(stored).reveal()).isEqualTo("value-to-keep");
    }
}
