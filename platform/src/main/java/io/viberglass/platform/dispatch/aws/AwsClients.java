package io.viberglass.platform.dispatch.aws;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * AWS clients of one service, one per region, built on first use: a clanker may run in another region than the
 * platform. Throttling and 5xx answers are retried by the SDK's standard strategy with jittered back-off.
 */
public final class AwsClients<C extends SdkAutoCloseable> implements AutoCloseable {
    private final Supplier<? extends AwsClientBuilder<?, C>> builders;
    private final AwsRuntimeSettings settings;
    private final AwsCredentialsProvider credentials;
    private final String fallbackRegion;
    private final Map<String, C> byRegion = new ConcurrentHashMap<>();

    /**
     * @param credentials the SDK's default chain in production (instance role, task role, environment)
     * @param fallbackRegion the region when neither the clanker nor the settings name one ({@code AWS_REGION})
     */
    public AwsClients(
            Supplier<? extends AwsClientBuilder<?, C>> builders,
            AwsRuntimeSettings settings,
            AwsCredentialsProvider credentials,
            String fallbackRegion) {
        this.builders = builders;
        this.settings = settings;
        this.credentials = credentials;
        this.fallbackRegion = fallbackRegion;
    }

    /** The client for the clanker's region, else the configured one, else the fallback. */
    public C forRegion(Optional<String> clankerRegion) {
        String region = clankerRegion.orElse(settings.getRegion() != null ? settings.getRegion() : fallbackRegion);
        return byRegion.computeIfAbsent(region, this::build);
    }

    private C build(String region) {
        AwsClientBuilder<?, C> builder = builders.get();
        builder.region(Region.of(region)).credentialsProvider(credentials);
        builder.overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(settings.getMaxAttempts())
                .build()));
        if (settings.getEndpoint() != null) {
            builder.endpointOverride(URI.create(settings.getEndpoint()));
        }
        return builder.build();
    }

    @Override
    public void close() {
        byRegion.values().forEach(SdkAutoCloseable::close);
        byRegion.clear();
    }
}
