package io.viberglass.platform.secrets;

import io.viberglass.common.security.SecretValue;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.infra.errors.ErrorKind;
import java.util.Map;

/** Reads a secret's value from wherever it lives, at the last moment before it is needed. */
public class SecretValues {
    private final SecretCipher cipher;
    private final SsmParameters ssm;
    private final Map<String, String> environment;

    public SecretValues(SecretCipher cipher, SsmParameters ssm, Map<String, String> environment) {
        this.cipher = cipher;
        this.ssm = ssm;
        this.environment = Map.copyOf(environment);
    }

    public SecretValue read(Secret secret) {
        return switch (secret.storage()) {
            case ENV -> {
                String value = environment.get(secret.envName());
                if (value == null || value.isEmpty()) {
                    throw new DomainException(
                            ErrorKind.UNAVAILABLE,
                            "SECRET_UNAVAILABLE",
                            "Secret " + secret.name() + " reads the environment variable " + secret.envName()
                                    + ", which the platform does not have");
                }
                yield SecretValue.of(value);
            }
            case DATABASE ->
                cipher.open(secret.id(), new SecretCipher.Sealed(secret.ciphertext(), secret.nonce(), secret.keyId()));
            case SSM -> ssm.get(secret.ssmParameter());
        };
    }
}
