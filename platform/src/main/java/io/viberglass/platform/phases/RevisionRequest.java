package io.viberglass.platform.phases;

import io.viberglass.platform.jobs.RunRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** Ask the agent to rewrite a phase document: the message and the open comments go into its prompt. */
public record RevisionRequest(
        @NotNull UUID clankerId,
        @NotBlank @Size(max = 10_000) String revisionMessage,
        @Valid RunRequest.Overrides overrides,
        @Size(max = 20) List<RunRequest.@Valid @NotNull RunFile> instructionFiles) {

    public RevisionRequest {
        instructionFiles = instructionFiles == null ? List.of() : List.copyOf(instructionFiles);
    }
}
