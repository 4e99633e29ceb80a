package io.viberglass.platform.jobs;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.common.job.Callbacks;
import io.viberglass.common.job.JobPayload;
import io.viberglass.common.job.JobResult;
import io.viberglass.common.job.JobStatus;
import io.viberglass.common.job.LogBatch;
import io.viberglass.common.job.ProgressUpdate;
import io.viberglass.platform.auth.PublicEndpoint;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.infra.errors.ErrorKind;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Function;

/**
 * Worker callbacks, authenticated by {@code X-Callback-Token} and {@code X-Tenant-Id} instead of a user. Every answer
 * carries {@code X-Job-Cancelled}, so a worker learns of a cancel at its next call.
 */
/** Same root path as {@link JobsResource}: Jersey merges the two, so neither shadows the other's routes. */
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "worker callbacks")
@PublicEndpoint(reason = CallbackCredentials.PUBLIC_REASON)
public class JobCallbacksResource {
    private final CallbackService callbacks;

    public JobCallbacksResource(CallbackService callbacks) {
        this.callbacks = callbacks;
    }

    @GET
    @Path("/{id}/bootstrap")
    @Operation(summary = "Fetch the job payload (once); marks the job active")
    public Response bootstrap(@BeanParam CallbackCaller caller) {
        return answer(caller, credentials -> {
            JobPayload payload = callbacks.bootstrap(credentials);
            return Response.ok(payload)
                    .header(Callbacks.CANCELLED_HEADER, "false")
                    .build();
        });
    }

    @POST
    @Path("/{id}/progress")
    @Operation(summary = "Report a pipeline step; also the worker's heartbeat")
    public Response progress(@BeanParam CallbackCaller caller, @NotNull @Valid ProgressUpdate update) {
        return answer(caller, credentials -> reply(callbacks.progress(credentials, update)));
    }

    @POST
    @Path("/{id}/logs/batch")
    @Operation(summary = "Append a batch of log lines")
    public Response logs(@BeanParam CallbackCaller caller, @NotNull @Valid LogBatch batch) {
        return answer(caller, credentials -> reply(callbacks.logs(credentials, batch)));
    }

    @POST
    @Path("/{id}/result")
    @Operation(summary = "Finish the job with its result (idempotent: a second result answers 409)")
    public Response result(@BeanParam CallbackCaller caller, @NotNull @Valid JobResult result) {
        return answer(caller, credentials -> reply(callbacks.result(credentials, result)));
    }

    private static Response reply(CallbackReply reply) {
        return Response.ok(reply)
                .header(Callbacks.CANCELLED_HEADER, Boolean.toString(reply.cancelled()))
                .build();
    }

    /** Refusals for a job the caller is entitled to still tell it whether the job was cancelled. */
    private Response answer(CallbackCaller caller, Function<CallbackCredentials, Response> call) {
        CallbackCredentials credentials = caller.credentials();
        try {
            return call.apply(credentials);
        } catch (DomainException e) {
            if (e.kind() != ErrorKind.CONFLICT) {
                throw e;
            }
            JobStatus status = callbacks.statusFor(credentials);
            throw e.withHeader(Callbacks.CANCELLED_HEADER, Boolean.toString(status == JobStatus.CANCELLED));
        }
    }
}
