package io.viberglass.platform.sessions;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.common.job.Callbacks;
import io.viberglass.common.session.AcpSessionId;
import io.viberglass.common.session.PermissionDecision;
import io.viberglass.common.session.PermissionRequest;
import io.viberglass.common.session.PermissionRequestCreated;
import io.viberglass.common.session.SessionCallbacks;
import io.viberglass.common.session.SessionEventBatch;
import io.viberglass.platform.auth.PublicEndpoint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Map;
import java.util.UUID;

/**
 * The worker callbacks a session turn adds (paths in {@link SessionCallbacks}), authenticated like every job callback
 * by the job's {@code X-Callback-Token} and {@code X-Tenant-Id}.
 */
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "worker callbacks")
@PublicEndpoint(
        reason = "workers authenticate with the job's own X-Callback-Token and X-Tenant-Id, checked in "
                + "constant time by CallbackService.authenticate; user sessions and other jobs' tokens are refused")
public class SessionCallbacksResource {
    private final SessionCallbackService callbacks;
    private final DecisionWaits waits;

    SessionCallbacksResource(SessionCallbackService callbacks, DecisionWaits waits) {
        this.callbacks = callbacks;
        this.waits = waits;
    }

    @POST
    @Path("/{id}/session-events/batch")
    @Operation(summary = "Append the agent's session events (agent-side kinds only)")
    public Map<String, Object> events(
            @PathParam("id") UUID id,
            @HeaderParam(Callbacks.TOKEN_HEADER) String token,
            @HeaderParam(Callbacks.TENANT_HEADER) String tenant,
            @NotNull @Valid SessionEventBatch batch) {
        return Map.of("accepted", callbacks.events(id, token, tenant, batch));
    }

    @POST
    @Path("/{id}/acp-session-id")
    @Operation(summary = "Record the agent's own ACP session id, handed back next turn")
    public Response acpSessionId(
            @PathParam("id") UUID id,
            @HeaderParam(Callbacks.TOKEN_HEADER) String token,
            @HeaderParam(Callbacks.TENANT_HEADER) String tenant,
            @NotNull @Valid AcpSessionId body) {
        callbacks.acpSessionId(id, token, tenant, body.acpSessionId());
        return Response.noContent().build();
    }

    @PUT
    @Path("/{id}/session-state")
    @Consumes({SessionCallbacks.STATE_MEDIA_TYPE, MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "Store the turn's conversation-state archive (gzip, at most 50 MB) for the next turn")
    public Map<String, Object> saveState(
            @PathParam("id") UUID id,
            @HeaderParam(Callbacks.TOKEN_HEADER) String token,
            @HeaderParam(Callbacks.TENANT_HEADER) String tenant,
            InputStream body) {
        return Map.of("sizeBytes", callbacks.saveState(id, token, tenant, body));
    }

    @GET
    @Path("/{id}/session-state")
    @Produces(SessionCallbacks.STATE_MEDIA_TYPE)
    @Operation(summary = "Fetch the previous turn's conversation-state archive")
    public byte[] state(
            @PathParam("id") UUID id,
            @HeaderParam(Callbacks.TOKEN_HEADER) String token,
            @HeaderParam(Callbacks.TENANT_HEADER) String tenant) {
        return callbacks.state(id, token, tenant);
    }

    @POST
    @Path("/{id}/permission-requests")
    @Operation(summary = "Ask the people in the session to allow a tool call; poll the answer by its id")
    public Response requestPermission(
            @PathParam("id") UUID id,
            @HeaderParam(Callbacks.TOKEN_HEADER) String token,
            @HeaderParam(Callbacks.TENANT_HEADER) String tenant,
            @NotNull @Valid PermissionRequest request) {
        UUID requestId = callbacks.requestPermission(id, token, tenant, request);
        return Response.status(Response.Status.CREATED)
                .entity(new PermissionRequestCreated(requestId.toString()))
                .build();
    }

    @GET
    @Path("/{id}/permission-requests/{requestId}")
    @Operation(summary = "The decision on a permission request, waiting up to waitSeconds for one")
    public void decision(
            @PathParam("id") UUID id,
            @PathParam("requestId") UUID requestId,
            @QueryParam("waitSeconds") @DefaultValue("0") @Min(0) @Max(SessionCallbacks.MAX_WAIT_SECONDS)
                    int waitSeconds,
            @HeaderParam(Callbacks.TOKEN_HEADER) String token,
            @HeaderParam(Callbacks.TENANT_HEADER) String tenant,
            @Suspended AsyncResponse response) {
        try {
            PermissionDecision now = callbacks.decision(id, token, tenant, requestId);
            if (now.status() != PermissionDecision.Status.OPEN || waitSeconds == 0) {
                response.resume(now);
                return;
            }
            waits.await(id, requestId, waitSeconds, response);
        } catch (RuntimeException e) {
            response.resume(e);
        }
    }
}
