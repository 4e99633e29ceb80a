package io.viberglass.platform.webhooks;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.platform.infra.api.CsvParam;
import io.viberglass.platform.infra.api.Page;
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
public class InboundWebhooksResource {
    private final InboundConfigService configs;
    private final DeliveryService deliveries;

    public InboundWebhooksResource(InboundConfigService configs, DeliveryService deliveries) {
        this.configs = configs;
        this.deliveries = deliveries;
    }

    @GET
    @Operation(summary = "The integration's inbound webhooks")
    public List<InboundConfigView> list(@PathParam("integrationId") UUID integrationId) {
        return configs.list(integrationId);
    }

    @POST
    @Operation(summary = "Create an inbound webhook; a generated secret is returned once, in this response")
    public Response create(
            @PathParam("integrationId") UUID integrationId,
            @NotNull @Valid InboundConfigRequest request,
            @Context UriInfo uri) {
        InboundConfigView config = configs.create(integrationId, request, null);
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(config.id().toString())
                        .build())
                .entity(config)
                .build();
    }

    @GET
    @Path("/{configId}")
    @Operation(summary = "Get an inbound webhook")
    public InboundConfigView get(@PathParam("integrationId") UUID integrationId, @PathParam("configId") UUID configId) {
        return configs.get(integrationId, configId);
    }

    @PUT
    @Path("/{configId}")
    @Operation(summary = "Update an inbound webhook (partial); generateSecret rotates its secret")
    public InboundConfigView update(
            @PathParam("integrationId") UUID integrationId,
            @PathParam("configId") UUID configId,
            @NotNull @Valid InboundConfigRequest request) {
        return configs.update(integrationId, configId, request, null);
    }

    @DELETE
    @Path("/{configId}")
    @Operation(summary = "Delete an inbound webhook and its delivery log")
    public void delete(@PathParam("integrationId") UUID integrationId, @PathParam("configId") UUID configId) {
        configs.delete(integrationId, configId);
    }

    @GET
    @Path("/{configId}/deliveries")
    @Operation(summary = "The webhook's delivery log, newest first; status filters (comma-separated)")
    public Page<DeliveryView> deliveries(
            @PathParam("integrationId") UUID integrationId,
            @PathParam("configId") UUID configId,
            @QueryParam("status") String status,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
        return deliveries.list(
                integrationId, configId, CsvParam.parse(status, DeliveryStatus.class, "status"), limit, offset);
    }

    @GET
    @Path("/{configId}/deliveries/{deliveryId}")
    @Operation(summary = "One delivery with its body")
    public DeliveryView delivery(
            @PathParam("integrationId") UUID integrationId,
            @PathParam("configId") UUID configId,
            @PathParam("deliveryId") UUID deliveryId) {
        return deliveries.get(integrationId, configId, deliveryId);
    }

    @POST
    @Path("/{configId}/deliveries/{deliveryId}/redeliver")
    @Operation(summary = "Process a failed or ignored delivery again")
    public Response redeliver(
            @PathParam("integrationId") UUID integrationId,
            @PathParam("configId") UUID configId,
            @PathParam("deliveryId") UUID deliveryId) {
        return Response.accepted(deliveries.redeliver(integrationId, configId, deliveryId))
                .build();
    }
}
