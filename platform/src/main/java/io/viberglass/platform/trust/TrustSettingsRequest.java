package io.viberglass.platform.trust;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The whole rule set, replaced at once. */
public record TrustSettingsRequest(
        @NotNull @Size(max = 500)
                List<
                                @NotNull
                                @Pattern(
                                        regexp = TrustSettingsRequest.IDENTITY,
                                        message =
                                                "must be provider:id with provider github, gitlab, jira, shortcut or custom")
                                String>
                        trustedIdentities,
        @NotNull Boolean trustRepositoryMembers) {

    /** {@code provider:id}: no blanks, at most 255 characters of id. */
    static final String IDENTITY = "(?i)(github|gitlab|jira|shortcut|custom):[^\\s]{1,255}";
}
