package io.viberglass.platform.prompts;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.platform.auth.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The system default of each prompt; admins edit them. */
@Path("/prompt-templates")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "prompt templates")
public class PromptTemplatesResource {
    private final PromptTemplateService templates;

    public PromptTemplatesResource(PromptTemplateService templates) {
        this.templates = templates;
    }

    public record TemplateRequest(@NotNull @Size(max = 100_000) String template) {}

    @GET
    @PermitAll
    @Operation(summary = "The system default of every prompt")
    public List<PromptTemplateEntry> system() {
        return templates.list(null);
    }

    @PUT
    @Path("/{type}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Edit a system default (validated: it must parse and use only the type's variables)")
    public PromptTemplateEntry saveSystem(@PathParam("type") String type, @NotNull @Valid TemplateRequest request) {
        return templates.save(null, PromptTemplateService.parse(type), request.template(), null);
    }

    @DELETE
    @Path("/{type}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Go back to the built-in system default")
    public void resetSystem(@PathParam("type") String type) {
        templates.reset(null, PromptTemplateService.parse(type));
    }
}
