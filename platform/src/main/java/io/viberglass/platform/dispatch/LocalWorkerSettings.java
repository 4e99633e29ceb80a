package io.viberglass.platform.dispatch;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;

/** The local invoker: {@code viberator job} as a child process of the platform. */
public class LocalWorkerSettings {
    /** The command that runs the worker; {@code job} is appended. */
    @NotEmpty
    private List<String> command = List.of("java", "-jar", "viberator-cli/target/viberator.jar");

    /** Where workers clone and run; each job gets its own directory. */
    @NotNull
    private String workDirectory = System.getProperty("java.io.tmpdir") + "/viberglass-work";

    /** Where each worker's own console output is kept, one file per job. */
    @NotNull
    private String logDirectory = System.getProperty("java.io.tmpdir") + "/viberglass-worker-logs";

    /** Callback URL for local workers; empty means this platform's own port on 127.0.0.1. */
    private String platformUrl;

    /**
     * Whether workers inherit the platform's environment (a laptop user's API keys and PATH). The agent itself only
     * ever sees its allow-listed variables.
     */
    private boolean inheritEnvironment = true;

    /** Extra variables for every local worker (for example {@code VIBERATOR_CLAUDE_CODE_BIN}). */
    @NotNull
    private Map<String, String> environment = Map.of();

    @JsonProperty
    public List<String> getCommand() {
        return command;
    }

    @JsonProperty
    public void setCommand(List<String> command) {
        this.command = command;
    }

    @JsonProperty
    public String getWorkDirectory() {
        return workDirectory;
    }

    @JsonProperty
    public void setWorkDirectory(String workDirectory) {
        this.workDirectory = workDirectory;
    }

    @JsonProperty
    public String getLogDirectory() {
        return logDirectory;
    }

    @JsonProperty
    public void setLogDirectory(String logDirectory) {
        this.logDirectory = logDirectory;
    }

    @JsonProperty
    public String getPlatformUrl() {
        return platformUrl;
    }

    @JsonProperty
    public void setPlatformUrl(String platformUrl) {
        this.platformUrl = platformUrl == null || platformUrl.isBlank() ? null : platformUrl;
    }

    @JsonProperty
    public boolean isInheritEnvironment() {
        return inheritEnvironment;
    }

    @JsonProperty
    public void setInheritEnvironment(boolean inheritEnvironment) {
        this.inheritEnvironment = inheritEnvironment;
    }

    @JsonProperty
    public Map<String, String> getEnvironment() {
        return environment;
    }

    @JsonProperty
    public void setEnvironment(Map<String, String> environment) {
        this.environment = environment == null ? Map.of() : environment;
    }
}
