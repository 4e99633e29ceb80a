package io.viberglass.common.session;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * One answer the agent offers to a permission request, as ACP's {@code session/request_permission} lists it.
 *
 * @param kind ACP's option kind: {@code allow_once}, {@code allow_always}, {@code reject_once}, {@code reject_always}
 */
public record PermissionOption(
        @NotBlank @Size(max = 200) String optionId,
        @NotBlank @Size(max = 500) String name,
        @NotBlank @Size(max = 50) String kind) {

    @JsonIgnore
    public boolean allows() {
        return kind.startsWith("allow");
    }
}
