package io.viberglass.viberator.agent;

import io.viberglass.common.security.SecretValue;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What a harness needs to build one agent command line.
 *
 * @param prompt the full prompt, task plus the worker's instructions
 * @param repoDir the cloned work tree; the agent works here
 * @param workDir the job's directory (parent of the repository and the scratch home)
 * @param homeDir the agent's scratch {@code HOME}, fresh per job
 * @param model model name, or {@code null} for the CLI's default
 * @param endpoint model API base URL, or {@code null} for the vendor's
 * @param apiKey the model API key, if one was found among the job's credentials
 * @param options harness-specific, non-secret options from the payload
 */
public record AgentRequest(
        String prompt,
        Path repoDir,
        Path workDir,
        Path homeDir,
        String model,
        String endpoint,
        Optional<SecretValue> apiKey,
        Map<String, String> options) {

    public AgentRequest {
        options = options == null ? Map.of() : Map.copyOf(options);
        apiKey = apiKey == null ? Optional.empty() : apiKey;
    }

    public Optional<String> modelName() {
        return Optional.ofNullable(model).filter(m -> !m.isBlank());
    }

    public Optional<String> endpointUrl() {
        return Optional.ofNullable(endpoint).filter(e -> !e.isBlank());
    }
}
