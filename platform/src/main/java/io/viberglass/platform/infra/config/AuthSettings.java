package io.viberglass.platform.infra.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The authentication switch. Off only on a laptop: every request then acts as one local administrator. */
public class AuthSettings {
    private boolean enabled = true;

    @JsonProperty
    public boolean isEnabled() {
        return enabled;
    }

    @JsonProperty
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
