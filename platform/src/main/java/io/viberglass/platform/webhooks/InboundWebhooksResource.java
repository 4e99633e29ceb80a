package io.viberglass.platform.webhooks;

import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.access.ProjectPermission;
import io.viberglass.platform.auth.Actor;
import io.viberglass.platform.infra.api.CsvParam;
import io.viberglass.platform.infra.api.Page;
import io.viberglass.platform.infra.errors.DomainException;
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

@Path("/integrations/{integrationId}/webhooks/inbound")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "webhooks")
@PermitAll
public class InboundWebhooksResource {
    private final InboundConfigService configs;
    private final DeliveryService deliveries;
    private final ProjectAccess access;

    public InboundWebhooksResource(InboundConfigService configs, DeliveryService deliveries, ProjectAccess access) {
        this.configs = configs;
        this.deliveries = deliveries;
        this.access = access;
    }

    /** Webhooks answer for their project: a webhook of a project the actor cannot see is simply not found. */
    private void require(Actor actor, UUID integrationId, UUID configId, ProjectPermission permission) {
        access.require(
                actor,
                configs.projectOf(integrationId, configId),
                permission,
                () -> DomainException.notFound(
                        "WEBHOOK_CONFIG_NOT_FOUND", "Webhook configuration " + configId + " not found"));
    }

    @GET
    @Operation(summary = "The integration's inbound webhooks")
    public List<InboundConfigView> list(
            @Parameter(hidden = true) @Auth Actor actor, @PathParam("integrationId") UUID integrationId) {
        access.requireGlobal(actor, ProjectPermission.VIEW);
        return configs.list(
                integrationId, project -> access.role(actor, project).isPresent());
    }

    @POST
    @Operation(summary = "Create an inbound webhook; a generated secret is returned once, in this response")
    public Response create(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("integrationId") UUID integrationId,
            @NotNull @Valid InboundConfigRequest request,
            @Context UriInfo uri) {
        access.require(actor, configs.targetProject(integrationId, request.projectId()), ProjectPermission.ADMIN);
        InboundConfigView config = configs.create(integrationId, request, actor.getName());
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(config.id().toString())
                        .build())
                .entity(config)
                .build();
    }

    @GET
    @Path("/{configId}")
    @Operation(summary = "Get an inbound webhook")
    public InboundConfigView get(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("integrationId") UUID integrationId,
            @PathParam("configId") UUID configId) {
        require(actor, integrationId, configId, ProjectPermission.VIEW);
        return configs.get(integrationId, configId);
    }

    @PUT
    @Path("/{configId}")
    @Operation(summary = "Update an inbound webhook (partial); generateSecret rotates its secret")
    public InboundConfigView update(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("integrationId") UUID integrationId,
            @PathParam("configId") UUID configId,
            @NotNull @Valid InboundConfigRequest request) {
        require(actor, integrationId, configId, ProjectPermission.ADMIN);
        if (request.projectId() != null) {
            access.require(actor, request.projectId(), ProjectPermission.ADMIN);
        }
        return configs.update(integrationId, configId, request, actor.getName());
    }

    @DELETE
    @Path("/{configId}")
    @Operation(summary = "Delete an inbound webhook and its delivery log")
    public void delete(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("integrationId") UUID integrationId,
            @PathParam("configId") UUID configId) {
        require(actor, integrationId, configId, ProjectPermission.ADMIN);
        configs.delete(integrationId, configId);
    }

    @GET
    @Path("/{configId}/deliveries")
    @Operation(summary = "The webhook's delivery log, newest first; status filters (comma-separated)")
    public Page<DeliveryView> deliveries(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("integrationId") UUID integrationId,
            @PathParam("configId") UUID configId,
            @QueryParam("status") String status,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
        require(actor, integrationId, configId, ProjectPermission.VIEW);
        return deliveries.list(
                integrationId, configId, CsvParam.parse(status, DeliveryStatus.class, "status"), limit, offset);
    }

    @GET
    @Path("/{configId}/deliveries/{deliveryId}")
    @Operation(summary = "One delivery with its body")
    public DeliveryView delivery(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("integrationId") UUID integrationId,
            @PathParam("configId") UUID configId,
            @PathParam("deliveryId") UUID deliveryId) {
        require(actor, integrationId, configId, ProjectPermission.VIEW);
        return deliveries.get(integrationId, configId, deliveryId);
    }

    @POST
    @Path("/{configId}/deliveries/{deliveryId}/redeliver")
    @Operation(summary = "Process a failed or ignored delivery again")
    public Response redeliver(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("integrationId") UUID integrationId,
            @PathParam("configId") UUID configId,
            @PathParam("deliveryId") UUID deliveryId) {
        require(actor, integrationId, configId, ProjectPermission.ADMIN);
        return Response.accepted(deliveries.redeliver(integrationId, configId, deliveryId))
                .build();
    }
}
