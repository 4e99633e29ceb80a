package io.viberglass.common.job;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The identity on commits the worker makes. */
public record CommitAuthor(@NotBlank @Size(max = 200) String name, @NotBlank @Email @Size(max = 320) String email) {
    public static CommitAuthor defaultAuthor() {
        return new CommitAuthor("Viberator", "viberator@viberglass.io");
    }
}
