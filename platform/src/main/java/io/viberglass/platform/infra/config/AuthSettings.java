package io.viberglass.platform.infra.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.viberglass.platform.infra.ratelimit.RateLimit;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Authentication: the switch (off only on a laptop: every request then acts as one local administrator), session
 * lifetime, cookie flags and the rate limits of the endpoints that guess-or-create credentials.
 */
public class AuthSettings {
    private boolean enabled = true;

    /** Idle lifetime of a session: each use extends it by this much (sliding expiry). */
    @NotNull
    private Duration sessionTtl = Duration.days(7);

    /** How long an invite or password reset link stays usable. */
    @NotNull
    private Duration linkTtl = Duration.hours(72);

    /** Sets {@code Secure} on the session cookies; unset means "when publicUrl is https". */
    private Boolean secureCookies;

    /** Argon2id memory per hash in KiB; OWASP's minimum is 19456 (19 MiB). Lower only in tests. */
    @Min(64)
    private int passwordHashMemoryKib = 19_456;

    /** Argon2id passes over the memory. */
    @Min(1)
    private int passwordHashIterations = 2;

    @Valid
    @NotNull
    private RateLimit loginPerIp = new RateLimit(30, Duration.minutes(1));

    @Valid
    @NotNull
    private RateLimit loginPerAccount = new RateLimit(10, Duration.minutes(15));

    @Valid
    @NotNull
    private RateLimit setupPerIp = new RateLimit(10, Duration.minutes(1));

    @Valid
    @NotNull
    private RateLimit tokenCreationPerAccount = new RateLimit(20, Duration.hours(1));

    @JsonProperty
    public boolean isEnabled() {
        return enabled;
    }

    @JsonProperty
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @JsonProperty
    public Duration getSessionTtl() {
        return sessionTtl;
    }

    @JsonProperty
    public void setSessionTtl(Duration sessionTtl) {
        this.sessionTtl = sessionTtl;
    }

    @JsonProperty
    public Duration getLinkTtl() {
        return linkTtl;
    }

    @JsonProperty
    public void setLinkTtl(Duration linkTtl) {
        this.linkTtl = linkTtl;
    }

    @JsonProperty
    public Boolean getSecureCookies() {
        return secureCookies;
    }

    @JsonProperty
    public void setSecureCookies(Boolean secureCookies) {
        this.secureCookies = secureCookies;
    }

    @JsonProperty
    public int getPasswordHashMemoryKib() {
        return passwordHashMemoryKib;
    }

    @JsonProperty
    public void setPasswordHashMemoryKib(int passwordHashMemoryKib) {
        this.passwordHashMemoryKib = passwordHashMemoryKib;
    }

    @JsonProperty
    public int getPasswordHashIterations() {
        return passwordHashIterations;
    }

    @JsonProperty
    public void setPasswordHashIterations(int passwordHashIterations) {
        this.passwordHashIterations = passwordHashIterations;
    }

    @JsonProperty
    public RateLimit getLoginPerIp() {
        return loginPerIp;
    }

    @JsonProperty
    public void setLoginPerIp(RateLimit loginPerIp) {
        this.loginPerIp = loginPerIp;
    }

    @JsonProperty
    public RateLimit getLoginPerAccount() {
        return loginPerAccount;
    }

    @JsonProperty
    public void setLoginPerAccount(RateLimit loginPerAccount) {
        this.loginPerAccount = loginPerAccount;
    }

    @JsonProperty
    public RateLimit getSetupPerIp() {
        return setupPerIp;
    }

    @JsonProperty
    public void setSetupPerIp(RateLimit setupPerIp) {
        this.setupPerIp = setupPerIp;
    }

    @JsonProperty
    public RateLimit getTokenCreationPerAccount() {
        return tokenCreationPerAccount;
    }

    @JsonProperty
    public void setTokenCreationPerAccount(RateLimit tokenCreationPerAccount) {
        this.tokenCreationPerAccount = tokenCreationPerAccount;
    }
}
