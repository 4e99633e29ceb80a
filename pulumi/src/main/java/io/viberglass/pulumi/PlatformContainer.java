package io.viberglass.pulumi;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.core.Output;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The platform container: its environment is the platform's own configuration (README's table), and its two secrets
 * (the database password, the key encrypting stored secrets) arrive from Secrets Manager and SSM by reference.
 */
final class PlatformContainer {
    private PlatformContainer() {}

    /** Where the platform's configuration values come from. */
    record Inputs(
            Output<String> image,
            Output<String> publicUrl,
            Database database,
            Output<String> mediaBucket,
            Output<String> encryptionKeyParameterArn,
            String secretsPrefix,
            String callbackTokenPrefix,
            LogGroup logs) {}

    static Map<String, Object> definition(PlatformConfig config, Inputs inputs) {
        Output<String> publicUrl = inputs.publicUrl();
        Database database = inputs.database();
        List<Object> environment = new ArrayList<>();
        environment.add(variable("PORT", Output.of(String.valueOf(PlatformStack.PORT))));
        environment.add(variable("PUBLIC_URL", publicUrl));
        environment.add(variable("CORS_ORIGINS", publicUrl));
        environment.add(variable("HTTP_HSTS", Output.of("true")));
        environment.add(variable("DATABASE_URL", database.jdbcUrl()));
        environment.add(variable("DB_USER", Output.of(Database.USER)));
        environment.add(variable("MIGRATE_ON_START", Output.of("true")));
        environment.add(variable("MEDIA_S3_BUCKET", inputs.mediaBucket()));
        environment.add(variable("AWS_REGION", Output.of(config.region())));
        environment.add(variable("SECRETS_SSM_PREFIX", Output.of(inputs.secretsPrefix())));
        environment.add(variable("ECS_CALLBACK_TOKEN_PREFIX", Output.of(inputs.callbackTokenPrefix())));
        environment.add(variable("LOG_FORMAT", Output.of("json")));
        environment.add(variable("ACCESS_LOG_FORMAT", Output.of("access-json")));

        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", PlatformStack.CONTAINER);
        container.put("image", inputs.image());
        container.put("essential", true);
        container.put("portMappings", List.of(Map.of("containerPort", PlatformStack.PORT, "protocol", "tcp")));
        container.put("environment", environment);
        container.put(
                "secrets",
                List.of(
                        Map.of(
                                "name",
                                "DB_PASSWORD",
                                "valueFrom",
                                Output.format("%s:password::", database.secretArn())),
                        Map.of("name", "SECRETS_ENCRYPTION_KEY", "valueFrom", inputs.encryptionKeyParameterArn())));
        container.put(
                "healthCheck",
                Map.of(
                        "command",
                        List.of("CMD-SHELL", "curl -fsS http://127.0.0.1:" + PlatformStack.PORT + "/health || exit 1"),
                        "interval",
                        30,
                        "timeout",
                        5,
                        "retries",
                        3,
                        "startPeriod",
                        120));
        container.put(
                "logConfiguration",
                Map.of(
                        "logDriver",
                        "awslogs",
                        "options",
                        Map.of(
                                "awslogs-group", inputs.logs().name(),
                                "awslogs-region", config.region(),
                                "awslogs-stream-prefix", "platform")));
        container.put("stopTimeout", 30);
        return container;
    }

    private static Map<String, Object> variable(String name, Output<String> value) {
        return Map.of("name", name, "value", value);
    }
}
