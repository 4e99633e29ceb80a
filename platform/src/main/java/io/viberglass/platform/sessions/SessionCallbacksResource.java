package io.viberglass.platform.sessions;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.common.session.AcpSessionId;
import io.viberglass.common.session.PermissionDecision;
import io.viberglass.common.session.PermissionRequest;
import io.viberglass.common.session.PermissionRequestCreated;
import io.viberglass.common.session.SessionCallbacks;
import io.viberglass.common.session.SessionEventBatch;
import io.viberglass.platform.auth.PublicEndpoint;
import io.viberglass.platform.jobs.CallbackCaller;
import io.viberglass.platform.jobs.CallbackCredentials;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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
@PublicEndpoint(reason = CallbackCredentials.PUBLIC_REASON)
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
    public Map<String, Object> events(@BeanParam CallbackCaller caller, @NotNull @Valid SessionEventBatch batch) {
        return Map.of("accepted", callbacks.events(caller.credentials(), batch));
    }

    @POST
    @Path("/{id}/acp-session-id")
    @Operation(summary = "Record the agent's own ACP session id, handed back next turn")
    public Response acpSessionId(@BeanParam CallbackCaller caller, @NotNull @Valid AcpSessionId body) {
        callbacks.acpSessionId(caller.credentials(), body.acpSessionId());
        return Response.noContent().build();
    }

    @PUT
    @Path("/{id}/session-state")
    @Consumes({SessionCallbacks.STATE_MEDIA_TYPE, MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "Store the turn's conversation-state archive (gzip, at most 50 MB) for the next turn")
    public Map<String, Object> saveState(@BeanParam CallbackCaller caller, InputStream body) {
        return Map.of("sizeBytes", callbacks.saveState(caller.credentials(), body));
    }

    @GET
    @Path("/{id}/session-state")
    @Produces(SessionCallbacks.STATE_MEDIA_TYPE)
    @Operation(summary = "Fetch the previous turn's conversation-state archive")
    public byte[] state(@BeanParam CallbackCaller caller) {
        return callbacks.state(caller.credentials());
    }

    @POST
    @Path("/{id}/permission-requests")
    @Operation(summary = "Ask the people in the session to allow a tool call; poll the answer by its id")
    public Response requestPermission(@BeanParam CallbackCaller caller, @NotNull @Valid PermissionRequest request) {
        UUID requestId = callbacks.requestPermission(caller.credentials(), request);
        return Response.status(Response.Status.CREATED)
                .entity(new PermissionRequestCreated(requestId.toString()))
                .build();
    }

    @GET
    @Path("/{id}/permission-requests/{requestId}")
    @Operation(summary = "The decision on a permission request, waiting up to waitSeconds for one")
    public void decision(
            @BeanParam CallbackCaller caller,
            @PathParam("requestId") UUID requestId,
            @QueryParam("waitSeconds") @DefaultValue("0") @Min(0) @Max(SessionCallbacks.MAX_WAIT_SECONDS)
                    int waitSeconds,
            @Suspended AsyncResponse response) {
        try {
            PermissionDecision now = callbacks.decision(caller.credentials(), requestId);
            if (now.status() != PermissionDecision.Status.OPEN || waitSeconds == 0) {
                response.resume(now);
                return;
            }
            waits.await(caller.jobId(), requestId, waitSeconds, response);
        } catch (RuntimeException e) {
            response.resume(e);
        }
    }
}
