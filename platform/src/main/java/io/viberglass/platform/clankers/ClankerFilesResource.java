package io.viberglass.platform.clankers;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.platform.auth.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

/** A clanker's instruction files one by one; {@code PUT /clankers/{id}} with {@code instructionFiles} sets them all. */
@Path("/clankers/{id}/instruction-files")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "clankers")
@PermitAll
public class ClankerFilesResource {
    private final ClankerFileService files;

    public ClankerFilesResource(ClankerFileService files) {
        this.files = files;
    }

    /** The content of one file. */
    public record Content(@NotNull String content) {}

    @GET
    @Operation(summary = "List the runner's instruction files with their content")
    public List<ClankerFile> list(@PathParam("id") UUID id) {
        return files.list(id);
    }

    @GET
    @Path("/{path: .+}")
    @Operation(summary = "Get one instruction file, e.g. AGENTS.md or skills/review.md")
    public ClankerFile get(@PathParam("id") UUID id, @PathParam("path") String path) {
        return files.get(id, path);
    }

    @PUT
    @Path("/{path: .+}")
    @Operation(summary = "Create or replace one instruction file (relative path, no '..', at most 200 000 bytes)")
    @RolesAllowed(Roles.ADMIN)
    public ClankerFile put(@PathParam("id") UUID id, @PathParam("path") String path, @NotNull @Valid Content content) {
        return files.put(id, path, content.content());
    }

    @DELETE
    @Path("/{path: .+}")
    @Operation(summary = "Delete one instruction file")
    @RolesAllowed(Roles.ADMIN)
    public void delete(@PathParam("id") UUID id, @PathParam("path") String path) {
        files.delete(id, path);
    }
}
