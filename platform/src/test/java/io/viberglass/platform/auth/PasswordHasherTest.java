package io.viberglass.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(new SecureRandom());

    @Test
    void productionHashesAreArgon2idWithOwaspParametersAndARandomSalt() {
        String first = hasher.hash("a long enough password");
        String second = hasher.hash("a long enough password");

        assertThat(first).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void theRightPasswordVerifiesAndAWrongOneDoesNot() {
        String hash = hasher.hash("a long enough password");

        assertThat(hasher.verify("a long enough password", hash)).isTrue();
        assertThat(hasher.verify("a long enough passworD", hash)).isFalse();
    }

    @Test
    void aHashKeepsItsOwnParametersSoTheyCanBeRaisedLater() {
        String cheap = new PasswordHasher(new SecureRandom(), 256, 1, 1).hash("a long enough password");

        assertThat(cheap).startsWith("$argon2id$v=19$m=256,t=1,p=1$");
        assertThat(hasher.verify("a long enough password", cheap)).isTrue();
    }

    @Test
    void missingOrMalformedHashesNeverMatch() {
        assertThat(hasher.verify("a long enough password", null)).isFalse();
        assertThat(hasher.verify("a long enough password", "$2a$10$bcrypt-is-not-accepted"))
                .isFalse();
        assertThat(hasher.verify("a long enough password", "$argon2id$v=19$m=x,t=2,p=1$AA$AA"))
                .isFalse();
    }
}
