package io.viberglass.platform.projects;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A partial update: absent fields stay as they are; blank text clears a field. Renaming recomputes the slug. */
public record UpdateProjectRequest(
        @Size(min = 1, max = 255) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
        @Size(max = 5000) String description,
        @Size(max = 200_000) String agentInstructions,
        Boolean autoFixEnabled,
        @Size(max = 50) List<@Size(min = 1, max = 100) String> autoFixTags,
        @Size(max = 500) @Pattern(regexp = "|https?://\\S+", message = "must be an http(s) URL") String webhookUrl) {}
