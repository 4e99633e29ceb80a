package io.viberglass.platform.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.access.ProjectPermission;
import io.viberglass.platform.auth.Actor;
import io.viberglass.platform.auth.PublicEndpoint;
import io.viberglass.platform.infra.errors.ErrorBody;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Duration;
import java.util.UUID;

/**
 * Where providers deliver: {@code POST /api/webhooks/{provider}/{webhookId}}. No user authentication; the signature
 * is the credential. Answers as soon as the delivery is stored: 202 accepted or ignored, 200 for a duplicate, 400 for
 * a signed body that is not JSON, 401 for a bad signature, 404 for an unknown webhook, 413 for a huge body.
 */
@Path("/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "webhooks")
public class WebhookIngressResource {
    private final WebhookIngest ingest;
    private final DeliveryService deliveries;
    private final ProjectAccess access;

    public WebhookIngressResource(WebhookIngest ingest, DeliveryService deliveries, ProjectAccess access) {
        this.ingest = ingest;
        this.deliveries = deliveries;
        this.access = access;
    }

    /** The answer to a provider. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reply(String message, UUID id, String deliveryId, String status, String reason) {}

    @POST
    @Path("/{provider}/{webhookId}")
    @PublicEndpoint(
            reason = "providers call it without a user; each webhook's HMAC signature (or GitLab token) is checked on "
                    + "the raw body before anything is parsed or stored")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Receive a provider's webhook delivery (signature-checked, stored, processed asynchronously)")
    public Response receive(
            @PathParam("provider") String provider,
            @PathParam("webhookId") String webhookId,
            @Context HttpHeaders headers,
            InputStream body) {
        WebhookIngest.Result result = ingest.ingest(
                new WebhookIngest.Incoming(provider, webhookId, headers::getHeaderString, body, headers.getLength()));
        return switch (result.outcome()) {
            case ACCEPTED ->
                Response.accepted(new Reply("Webhook accepted", result.id(), result.deliveryId(), "received", null))
                        .build();
            case IGNORED ->
                Response.accepted(new Reply(
                                "Webhook ignored", result.id(), result.deliveryId(), "ignored", result.reason()))
                        .build();
            case DUPLICATE ->
                Response.ok(new Reply("Duplicate delivery", result.id(), result.deliveryId(), "duplicate", null))
                        .build();
            case MALFORMED ->
                Response.status(Response.Status.BAD_REQUEST)
                        .entity(ErrorBody.of(
                                "Validation error",
                                result.reason() + "; delivery " + result.id() + " was logged as failed",
                                "WEBHOOK_BODY_MALFORMED"))
                        .build();
        };
    }

    @GET
    @Path("/status")
    @PermitAll
    @Operation(summary = "Webhook operations: deliveries and failure rates per webhook, recent failures")
    public WebhookStatus status(
            @Parameter(hidden = true) @Auth Actor actor,
            @QueryParam("hours") @DefaultValue("24") @Min(1) @Max(720) int hours) {
        access.requireGlobal(actor, ProjectPermission.ADMIN);
        return deliveries.status(Duration.ofHours(hours));
    }
}
