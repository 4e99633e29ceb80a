package io.viberglass.platform.secrets;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * Create or change a secret. On create {@code name} and {@code storage} are required; {@code value} is required for
 * database storage, and for SSM unless {@code ssmParameter} names an existing parameter. On update, a value rotates
 * the secret and a storage change moves it.
 */
public record SecretRequest(
        @Size(min = 1, max = 255)
                @Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]*", message = "must be a valid environment variable name")
                String name,
        UUID projectId,
        SecretStorage storage,
        @Size(max = 65_536) String value,
        @Size(max = 255)
                @Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]*", message = "must be a valid environment variable name")
                String envName,
        @Size(max = 1024)
                @Pattern(regexp = "/[A-Za-z0-9_.\\-/]+", message = "must be an SSM parameter name " + "starting with /")
                String ssmParameter) {

    /** Never print the value, even by accident. */
    @Override
    public String toString() {
        return "SecretRequest[name=" + name + ", storage=" + storage + ", value="
                + (value == null ? null : "[REDACTED]") + "]";
    }
}
