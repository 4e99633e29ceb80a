package io.viberglass.platform.dispatch.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.viberglass.common.job.WorkerEvent;
import io.viberglass.common.job.WorkerInvocation;
import io.viberglass.platform.clankers.Clanker;
import io.viberglass.platform.clankers.DeploymentStrategy;
import io.viberglass.platform.dispatch.Dispatch;
import io.viberglass.platform.dispatch.InvocationException;
import io.viberglass.platform.dispatch.RuntimeConfig;
import io.viberglass.platform.dispatch.WorkerInvoker;
import io.viberglass.platform.dispatch.aws.AwsClients;
import io.viberglass.platform.dispatch.aws.SsmSecretReferences;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * Starts the worker function with an asynchronous Invoke ({@code Event}): Lambda queues the event and answers 202, and
 * the function fetches its payload and reports through callbacks. A function being updated answers
 * {@code ResourceConflictException}, which is retried here with back-off; throttling is retried by the SDK. A Lambda
 * invocation cannot be stopped: cancelling marks the job cancelled and the worker stops when a callback tells it.
 */
public class LambdaInvoker implements WorkerInvoker {
    private static final Logger LOG = LoggerFactory.getLogger(LambdaInvoker.class);

    private final AwsClients<LambdaClient> lambda;
    private final LambdaWorkerSettings settings;
    private final ObjectMapper mapper;

    public LambdaInvoker(AwsClients<LambdaClient> lambda, LambdaWorkerSettings settings, ObjectMapper mapper) {
        this.lambda = lambda;
        this.settings = settings;
        this.mapper = mapper;
    }

    @Override
    public DeploymentStrategy strategy() {
        return DeploymentStrategy.LAMBDA;
    }

    @Override
    public String invoke(Dispatch dispatch) throws InvocationException {
        RuntimeConfig config = new RuntimeConfig("lambda", dispatch.clanker().deploymentConfig());
        String function = config.required("functionName");
        Optional<String> qualifier = config.string("qualifier");
        WorkerInvocation invocation = dispatch.invocation();
        if (settings.getPlatformUrl() != null) {
            invocation = new WorkerInvocation(
                    invocation.jobId(), settings.getPlatformUrl(), invocation.tenantId(), invocation.callbackToken());
        }
        SdkBytes event =
                SdkBytes.fromByteArray(json(WorkerEvent.of(invocation, SsmSecretReferences.of(dispatch, "Lambda"))));
        LambdaClient client = lambda.forRegion(config.string("region"));
        Duration pause = Duration.ofMillis(settings.getConflictBackoff().toMilliseconds());
        for (int attempt = 0; ; attempt++) {
            try {
                InvokeResponse response = client.invoke(call -> call.functionName(function)
                        .qualifier(qualifier.orElse(null))
                        .invocationType(InvocationType.EVENT)
                        .payload(event));
                String requestId = response.responseMetadata().requestId();
                LOG.info("Queued Lambda {} for job {} (request {})", function, invocation.jobId(), requestId);
                return requestId == null || requestId.isBlank() || "UNKNOWN".equals(requestId)
                        ? "lambda:" + invocation.jobId()
                        : requestId;
            } catch (ResourceConflictException e) {
                if (attempt >= settings.getConflictRetries()) {
                    boolean pending = String.valueOf(e.getMessage()).contains("Pending");
                    throw InvocationException.retryableAfter(
                            "Lambda " + function + " is being updated: " + e.getMessage(),
                            e,
                            Duration.ofSeconds(pending ? 15 : 5));
                }
                LOG.info("Lambda {} is being updated; trying again in {} ms", function, pause.toMillis());
                sleep(pause);
                pause = pause.multipliedBy(2);
            } catch (SdkException e) {
                throw translate(function, e);
            }
        }
    }

    private byte[] json(WorkerEvent event) {
        try {
            return mapper.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the worker event cannot be written as JSON", e);
        }
    }

    private static void sleep(Duration pause) throws InvocationException {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw InvocationException.retryable("Interrupted while waiting for the Lambda function", e);
        }
    }

    /** Throttling, service errors and the function's own resource limits pass; a missing function does not. */
    private static InvocationException translate(String function, SdkException e) {
        String message = "Invoke of Lambda " + function + " failed: " + e.getMessage();
        if (e instanceof TooManyRequestsException throttled) {
            return InvocationException.retryableAfter(message, e, retryAfter(throttled.retryAfterSeconds()));
        }
        if (e instanceof SdkClientException) {
            return InvocationException.retryable(message, e);
        }
        if (e instanceof LambdaException failure) {
            String code = failure.awsErrorDetails() == null
                    ? ""
                    : String.valueOf(failure.awsErrorDetails().errorCode());
            boolean transientCode = code.startsWith("EC2")
                    || code.startsWith("EFS")
                    || code.equals("ResourceNotReadyException")
                    || code.equals("ServiceException");
            if (transientCode || failure.statusCode() >= 500 || failure.isThrottlingException()) {
                return InvocationException.retryable(message, e);
            }
        }
        return InvocationException.permanent(message, e);
    }

    private static Duration retryAfter(String seconds) {
        try {
            return seconds == null ? Duration.ZERO : Duration.ofSeconds(Long.parseLong(seconds.trim()));
        } catch (NumberFormatException e) {
            return Duration.ZERO;
        }
    }

    @Override
    public void cancel(Clanker clanker, String executionId) {
        // an invocation cannot be stopped; the job is already cancelled, and the worker's next callback says so
        LOG.info("Lambda request {} cannot be stopped; its worker stops at its next callback", executionId);
    }
}
