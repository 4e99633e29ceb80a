package io.viberglass.platform.dispatch.lambda;

import io.viberglass.platform.clankers.Availability;
import io.viberglass.platform.clankers.Clanker;
import io.viberglass.platform.clankers.DeploymentStrategy;
import io.viberglass.platform.clankers.Provisioned;
import io.viberglass.platform.clankers.ProvisioningException;
import io.viberglass.platform.clankers.ProvisioningProgress;
import io.viberglass.platform.clankers.RuntimeProvisioner;
import io.viberglass.platform.clankers.WorkerImage;
import io.viberglass.platform.dispatch.InvocationException;
import io.viberglass.platform.dispatch.RuntimeConfig;
import io.viberglass.platform.dispatch.aws.AwsClients;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.PackageType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.State;

/**
 * Makes a Lambda clanker's worker function ready: it exists (GetFunction) and is Active. A missing function is created
 * from the clanker's image (else the catalog's Lambda image) when the configuration names the function's
 * {@code roleArn}; without one, a missing function is an error naming what to set.
 */
public class LambdaProvisioner implements RuntimeProvisioner {
    private final AwsClients<LambdaClient> lambda;
    private final LambdaWorkerSettings settings;

    public LambdaProvisioner(AwsClients<LambdaClient> lambda, LambdaWorkerSettings settings) {
        this.lambda = lambda;
        this.settings = settings;
    }

    @Override
    public DeploymentStrategy strategy() {
        return DeploymentStrategy.LAMBDA;
    }

    @Override
    public Provisioned provision(Clanker clanker, WorkerImage catalog, ProvisioningProgress progress)
            throws ProvisioningException {
        RuntimeConfig config = new RuntimeConfig("lambda", clanker.deploymentConfig());
        try {
            LambdaClient client = lambda.forRegion(config.string("region"));
            String function = config.required("functionName");
            progress.report("Looking up Lambda function " + function);
            Optional<FunctionConfiguration> found = get(client, function, config.string("qualifier"));
            Map<String, Object> updates = new LinkedHashMap<>();
            boolean created = false;
            if (found.isEmpty()) {
                Optional<String> role = config.string("roleArn");
                if (role.isEmpty()) {
                    throw new ProvisioningException("Lambda function " + function + " not found; create it, or set "
                            + "deploymentConfig.roleArn (and image) to have it created");
                }
                String image = config.string("image").orElse(catalog.lambdaImage());
                progress.report("Creating Lambda function " + function + " from image " + image);
                found = Optional.of(create(client, config, function, role.get(), image));
                updates.put("image", image);
                created = true;
            }
            FunctionConfiguration active = awaitActive(client, config, function, found.get(), progress);
            Map<String, Object> resources = new LinkedHashMap<>();
            resources.put("functionArn", active.functionArn());
            resources.put("state", String.valueOf(active.stateAsString()));
            resources.put("created", created);
            if (active.memorySize() != null) {
                resources.put("memoryMb", active.memorySize());
            }
            return new Provisioned(updates, resources, "Lambda function " + function + " is Active");
        } catch (InvocationException e) {
            throw new ProvisioningException(e.getMessage(), e);
        } catch (SdkException e) {
            throw new ProvisioningException("Lambda: " + e.getMessage(), e);
        }
    }

    @Override
    public Availability check(Clanker clanker) {
        RuntimeConfig config = new RuntimeConfig("lambda", clanker.deploymentConfig());
        try {
            String function = config.required("functionName");
            Optional<FunctionConfiguration> found =
                    get(lambda.forRegion(config.string("region")), function, config.string("qualifier"));
            if (found.isEmpty()) {
                return Availability.missing("Lambda function " + function + " not found");
            }
            return found.get().state() == State.ACTIVE || found.get().state() == State.INACTIVE
                    // an Inactive function (idle for weeks) wakes up on its next invocation
                    ? Availability.ready(
                            "Lambda function " + function + " is " + found.get().stateAsString())
                    : Availability.missing(
                            "Lambda function " + function + " is " + found.get().stateAsString() + reason(found.get()));
        } catch (InvocationException e) {
            return Availability.missing(e.getMessage());
        } catch (SdkClientException e) {
            return Availability.unreachable("Lambda does not answer: " + e.getMessage());
        } catch (SdkException e) {
            return Availability.unreachable("Lambda: " + e.getMessage());
        }
    }

    private static Optional<FunctionConfiguration> get(
            LambdaClient client, String function, Optional<String> qualifier) {
        try {
            return Optional.of(
                    client.getFunction(get -> get.functionName(function).qualifier(qualifier.orElse(null)))
                            .configuration());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    private static FunctionConfiguration create(
            LambdaClient client, RuntimeConfig config, String function, String role, String image)
            throws InvocationException {
        int memory = config.number("memoryMb").orElse(3008.0).intValue();
        int timeout = config.number("timeoutSeconds").orElse(900.0).intValue();
        Architecture architecture =
                Architecture.fromValue(config.string("architecture").orElse("x86_64"));
        var response = client.createFunction(create -> create.functionName(function)
                .packageType(PackageType.IMAGE)
                .code(code -> code.imageUri(image))
                .role(role)
                .memorySize(memory)
                .timeout(timeout)
                .architectures(architecture)
                .ephemeralStorage(storage -> storage.size(2048))
                .description("Viberglass worker"));
        return FunctionConfiguration.builder()
                .functionName(response.functionName())
                .functionArn(response.functionArn())
                .state(response.state())
                .stateReason(response.stateReason())
                .memorySize(response.memorySize())
                .build();
    }

    /** A new or updated function is Pending for a while; jobs invoked before it is Active would fail. */
    private FunctionConfiguration awaitActive(
            LambdaClient client,
            RuntimeConfig config,
            String function,
            FunctionConfiguration current,
            ProvisioningProgress progress)
            throws ProvisioningException {
        long deadline = System.currentTimeMillis() + settings.getActiveTimeout().toMilliseconds();
        State reported = null;
        while (current.state() != State.ACTIVE && current.state() != State.INACTIVE) {
            if (current.state() == State.FAILED) {
                throw new ProvisioningException("Lambda function " + function + " is Failed" + reason(current));
            }
            if (current.state() != reported) {
                progress.report("Lambda function " + function + " is " + current.stateAsString() + "; waiting");
                reported = current.state();
            } else {
                progress.heartbeat();
            }
            if (System.currentTimeMillis() > deadline) {
                throw new ProvisioningException("Lambda function " + function + " was not Active after "
                        + settings.getActiveTimeout() + " (state " + current.stateAsString() + ")");
            }
            try {
                Thread.sleep(settings.getActivePollInterval().toMilliseconds());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProvisioningException("Interrupted while waiting for Lambda function " + function, e);
            }
            current = get(client, function, config.string("qualifier"))
                    .orElseThrow(() -> new ProvisioningException("Lambda function " + function + " disappeared"));
        }
        return current;
    }

    private static String reason(FunctionConfiguration function) {
        return function.stateReason() == null ? "" : ": " + function.stateReason();
    }
}
