package io.viberglass.platform.secrets;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import java.util.Map;

/** Encryption keys for database secrets, and the SSM location of SSM secrets. */
public class SecretSettings {
    /** The key new values are encrypted with. */
    @NotNull
    private String activeKeyId = "k1";

    /**
     * Key id → base64 of 32 random bytes ({@code openssl rand -base64 32}). Keep old keys here until
     * {@code secrets-reencrypt} has moved every value to the active key.
     */
    @NotNull
    private Map<String, String> keys = Map.of();

    /** Prefix of SSM parameters the platform creates: {@code <prefix>/<project or global>/<name>}. */
    @NotNull
    private String ssmPrefix = "/viberglass/secrets";

    private String ssmRegion;

    /** Custom SSM endpoint (LocalStack, tests). */
    private String ssmEndpoint;

    @JsonProperty
    public String getActiveKeyId() {
        return activeKeyId;
    }

    @JsonProperty
    public void setActiveKeyId(String activeKeyId) {
        this.activeKeyId = activeKeyId;
    }

    @JsonProperty
    public Map<String, String> getKeys() {
        return keys;
    }

    /** Blank entries (an unset variable) are dropped, so a missing key is reported as missing, not as malformed. */
    @JsonProperty
    public void setKeys(Map<String, String> keys) {
        Map<String, String> present = new java.util.LinkedHashMap<>();
        if (keys != null) {
            keys.forEach((id, key) -> {
                if (key != null && !key.isBlank()) {
                    present.put(id, key.trim());
                }
            });
        }
        this.keys = Map.copyOf(present);
    }

    /**
     * More keys as {@code id:base64,id:base64} (one environment variable, {@code SECRETS_KEYRING}), for rotation: add
     * the new key here, make it active with {@code SECRETS_KEY_ID}, run {@code secrets-reencrypt}.
     */
    @JsonProperty
    public void setKeyring(String keyring) {
        if (keyring == null || keyring.isBlank()) {
            return;
        }
        Map<String, String> merged = new java.util.LinkedHashMap<>(keys);
        for (String entry : keyring.split(",")) {
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("SECRETS_KEYRING entries look like id:base64key");
            }
            merged.put(
                    entry.substring(0, colon).trim(), entry.substring(colon + 1).trim());
        }
        setKeys(merged);
    }

    @JsonProperty
    public String getSsmPrefix() {
        return ssmPrefix;
    }

    @JsonProperty
    public void setSsmPrefix(String ssmPrefix) {
        this.ssmPrefix = ssmPrefix.endsWith("/") ? ssmPrefix.substring(0, ssmPrefix.length() - 1) : ssmPrefix;
    }

    @JsonProperty
    public String getSsmRegion() {
        return ssmRegion;
    }

    @JsonProperty
    public void setSsmRegion(String ssmRegion) {
        this.ssmRegion = ssmRegion == null || ssmRegion.isBlank() ? null : ssmRegion;
    }

    @JsonProperty
    public String getSsmEndpoint() {
        return ssmEndpoint;
    }

    @JsonProperty
    public void setSsmEndpoint(String ssmEndpoint) {
        this.ssmEndpoint = ssmEndpoint == null || ssmEndpoint.isBlank() ? null : ssmEndpoint;
    }
}
