package io.viberglass.viberator.session;

import io.viberglass.common.job.WorkerInvocation;
import io.viberglass.common.json.Json;
import io.viberglass.common.security.SecretValue;
import io.viberglass.common.session.AcpSessionId;
import io.viberglass.common.session.PermissionDecision;
import io.viberglass.common.session.PermissionRequest;
import io.viberglass.common.session.PermissionRequestCreated;
import io.viberglass.common.session.SessionCallbacks;
import io.viberglass.common.session.SessionEvent;
import io.viberglass.common.session.SessionEventBatch;
import io.viberglass.viberator.process.Cancellation;
import io.viberglass.viberator.report.CallbackClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@link SessionChannel} over the platform's callback API, with the callback client's headers and retry rules. */
public final class CallbackSessionChannel implements SessionChannel {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STATE_TIMEOUT = Duration.ofSeconds(60);
    /** The platform holds a decision poll open up to its wait; the HTTP timeout must outlast that. */
    private static final Duration POLL_MARGIN = Duration.ofSeconds(15);

    private final CallbackClient client;
    private final String jobId;

    public CallbackSessionChannel(CallbackClient client, String jobId) {
        this.client = client;
        this.jobId = jobId;
    }

    /** A channel to the platform named in {@code invocation}, as {@code viberator job} and the Lambda handler use. */
    public static CallbackSessionChannel to(WorkerInvocation invocation, Cancellation cancellation) {
        return new CallbackSessionChannel(
                new CallbackClient(
                        HttpClient.newBuilder()
                                .connectTimeout(Duration.ofSeconds(10))
                                .build(),
                        Json.newMapper(),
                        URI.create(invocation.platformApiUrl()),
                        invocation.tenantId(),
                        SecretValue.of(invocation.callbackToken()),
                        cancellation,
                        CallbackClient.RetryPolicy.DEFAULT),
                invocation.jobId());
    }

    @Override
    public boolean sendEvents(List<SessionEvent> events) {
        return client.post(SessionCallbacks.eventsPath(jobId), new SessionEventBatch(events), CALL_TIMEOUT)
                .ok();
    }

    @Override
    public boolean reportAcpSessionId(String acpSessionId) {
        return client.post(SessionCallbacks.acpSessionIdPath(jobId), new AcpSessionId(acpSessionId), CALL_TIMEOUT)
                .ok();
    }

    @Override
    public Optional<byte[]> fetchState() {
        CallbackClient.Reply reply = client.exchange(
                "GET",
                SessionCallbacks.statePath(jobId),
                null,
                null,
                STATE_TIMEOUT,
                CallbackClient.RetryPolicy.DEFAULT);
        return reply.delivered() && reply.body().length > 0 ? Optional.of(reply.body()) : Optional.empty();
    }

    @Override
    public boolean storeState(byte[] archive) {
        return client.exchange(
                        "PUT",
                        SessionCallbacks.statePath(jobId),
                        archive,
                        SessionCallbacks.STATE_MEDIA_TYPE,
                        STATE_TIMEOUT,
                        CallbackClient.RetryPolicy.DEFAULT)
                .delivered();
    }

    @Override
    public Optional<String> requestPermission(PermissionRequest request) {
        CallbackClient.Reply reply = client.exchange(
                "POST",
                SessionCallbacks.permissionRequestsPath(jobId),
                client.json(request),
                "application/json",
                CALL_TIMEOUT,
                CallbackClient.RetryPolicy.DEFAULT);
        if (!reply.delivered()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(client.mapper()
                            .readValue(reply.body(), PermissionRequestCreated.class)
                            .requestId())
                    .filter(id -> !id.isBlank());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public PermissionDecision awaitDecision(String requestId, int waitSeconds) {
        int wait = Math.min(Math.max(waitSeconds, 0), SessionCallbacks.MAX_WAIT_SECONDS);
        CallbackClient.Reply reply = client.exchange(
                "GET",
                SessionCallbacks.permissionDecisionPath(jobId, requestId, wait),
                null,
                null,
                Duration.ofSeconds(wait).plus(POLL_MARGIN),
                CallbackClient.RetryPolicy.DEFAULT);
        if (reply.delivered()) {
            try {
                return client.mapper().readValue(reply.body(), PermissionDecision.class);
            } catch (IOException e) {
                // an answer we cannot read: ask again until the deadline
            }
        } else if (reply.delivery() != CallbackClient.Delivery.FAILED) {
            // refused (the request is gone, the job has ended): nobody will answer it
            return new PermissionDecision(PermissionDecision.Status.CANCELLED, null, null);
        }
        return new PermissionDecision(PermissionDecision.Status.OPEN, null, null);
    }
}
