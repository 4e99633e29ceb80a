package io.viberglass.platform.projects;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

public record CreateProjectRequest(
        @NotBlank @Size(max = 255) String name,
        @Size(max = 5000) String description,
        @Size(max = 200_000) String agentInstructions,
        Boolean autoFixEnabled,
        @Size(max = 50) List<@NotBlank @Size(max = 100) String> autoFixTags,
        @Size(max = 500) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String webhookUrl) {}
