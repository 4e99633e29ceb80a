package io.viberglass.platform.integrations;

import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.access.ProjectPermission;
import io.viberglass.platform.auth.Actor;
import io.viberglass.platform.infra.api.Created;
import io.viberglass.platform.infra.api.Page;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;

@Path("/integrations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "integrations")
@PermitAll
public class IntegrationsResource {
    private final IntegrationService integrations;
    private final ProjectAccess access;

    public IntegrationsResource(IntegrationService integrations, ProjectAccess access) {
        this.integrations = integrations;
        this.access = access;
    }

    @GET
    @Operation(summary = "List integrations, optionally of one system")
    public Page<IntegrationView> list(
            @Parameter(hidden = true) @Auth Actor actor,
            @QueryParam("system") IntegrationSystem system,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
        access.requireGlobal(actor, ProjectPermission.VIEW);
        return integrations.list(system, limit, offset).map(IntegrationView::of);
    }

    @POST
    @Operation(summary = "Create an integration; its token is stored as a secret and never returned")
    public Response create(
            @Parameter(hidden = true) @Auth Actor actor,
            @NotNull @Valid IntegrationRequest request,
            @Context UriInfo uri) {
        access.requireGlobal(actor, ProjectPermission.ADMIN);
        Integration integration = integrations.create(request, actor.getName());
        return Created.at(uri, integration.id(), IntegrationView.of(integration));
    }

    @GET
    @Path("/types/available")
    @Operation(summary = "The plugin registry: systems, their settings and webhook events")
    public List<PluginInfo> types(@Parameter(hidden = true) @Auth Actor actor) {
        access.requireGlobal(actor, ProjectPermission.VIEW);
        return PluginInfo.all();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get an integration")
    public IntegrationView get(@Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
        access.requireGlobal(actor, ProjectPermission.VIEW);
        return IntegrationView.of(integrations.get(id));
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Update an integration (partial); an empty token removes it")
    public IntegrationView update(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID id,
            @NotNull @Valid IntegrationRequest request) {
        access.requireGlobal(actor, ProjectPermission.ADMIN);
        return IntegrationView.of(integrations.update(id, request, actor.getName()));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete an integration with its webhooks, feedback targets and links")
    public void delete(@Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
        access.requireGlobal(actor, ProjectPermission.ADMIN);
        integrations.delete(id);
    }

    @POST
    @Path("/{id}/test")
    @Operation(summary = "Call the provider with the integration's token")
    public ConnectionResult test(@Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
        access.requireGlobal(actor, ProjectPermission.ADMIN);
        return integrations.test(id);
    }
}
