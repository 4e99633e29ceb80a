package io.viberglass.platform.slack;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * The Slack app: which platform secrets hold its signing secret and bot token (the values never appear in
 * configuration), where the Web API is, and how the outbox delivers thread updates.
 */
public class SlackSettings {
    private boolean enabled = true;

    /** Name of the global secret (or, without one, the environment variable) holding the signing secret. */
    @NotBlank
    private String signingSecretName = "SLACK_SIGNING_SECRET";

    /** Name of the global secret (or, without one, the environment variable) holding the bot token. */
    @NotBlank
    private String botTokenName = "SLACK_BOT_TOKEN";

    @NotBlank
    private String apiUrl = "https://slack.com/api/";

    @NotBlank
    private String command = "/viberator";

    @NotNull
    private Duration maxClockSkew = Duration.minutes(5);

    @Min(1024)
    @Max(10_485_760)
    private int maxBodyBytes = 262_144;

    @NotNull
    private Duration deliveryInterval = Duration.seconds(1);

    @Min(1)
    @Max(50)
    private int maxAttempts = 8;

    @JsonProperty
    public boolean isEnabled() {
        return enabled;
    }

    @JsonProperty
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @JsonProperty
    public String getSigningSecretName() {
        return signingSecretName;
    }

    @JsonProperty
    public void setSigningSecretName(String signingSecretName) {
        this.signingSecretName = signingSecretName;
    }

    @JsonProperty
    public String getBotTokenName() {
        return botTokenName;
    }

    @JsonProperty
    public void setBotTokenName(String botTokenName) {
        this.botTokenName = botTokenName;
    }

    @JsonProperty
    public String getApiUrl() {
        return apiUrl;
    }

    @JsonProperty
    public void setApiUrl(String apiUrl) {
        this.apiUrl = apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
    }

    @JsonProperty
    public String getCommand() {
        return command;
    }

    @JsonProperty
    public void setCommand(String command) {
        this.command = command;
    }

    @JsonProperty
    public Duration getMaxClockSkew() {
        return maxClockSkew;
    }

    @JsonProperty
    public void setMaxClockSkew(Duration maxClockSkew) {
        this.maxClockSkew = maxClockSkew;
    }

    @JsonProperty
    public int getMaxBodyBytes() {
        return maxBodyBytes;
    }

    @JsonProperty
    public void setMaxBodyBytes(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @JsonProperty
    public Duration getDeliveryInterval() {
        return deliveryInterval;
    }

    @JsonProperty
    public void setDeliveryInterval(Duration deliveryInterval) {
        this.deliveryInterval = deliveryInterval;
    }

    @JsonProperty
    public int getMaxAttempts() {
        return maxAttempts;
    }

    @JsonProperty
    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }
}
