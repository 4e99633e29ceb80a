package io.viberglass.pulumi;

import java.util.List;

/**
 * Settings of the platform stack.
 *
 * @param certificateArn the ACM certificate of the platform's domain, for the HTTPS listener
 * @param publicUrl the URL users and workers reach the platform at; defaults to the load balancer's name over HTTPS
 * @param ingressCidrs who may reach the load balancer (everyone by default; a company range to keep it private)
 * @param deletionProtection protects the database and load balancer from {@code pulumi destroy} (on by default;
 *     turn it off before tearing an environment down)
 * @param lambdaWorker whether the workers stack has the Lambda worker the platform may invoke
 */
public record PlatformConfig(
        String environment,
        String region,
        String baseStack,
        String workersStack,
        String imageTag,
        String certificateArn,
        String publicUrl,
        List<String> ingressCidrs,
        int cpu,
        int memory,
        int desiredCount,
        int minCount,
        int maxCount,
        int cpuTargetPercent,
        String dbInstanceClass,
        String dbEngineVersion,
        int dbAllocatedStorage,
        int dbMaxAllocatedStorage,
        boolean dbMultiAz,
        int dbBackupRetentionDays,
        boolean deletionProtection,
        int logRetentionDays,
        boolean lambdaWorker) {

    public PlatformConfig {
        Stacks.checkEnvironmentName(environment);
        WorkersConfig.checkRetention(logRetentionDays);
        if (!certificateArn.startsWith("arn:aws:acm:")) {
            throw new IllegalArgumentException("certificateArn must be an ACM certificate ARN: " + certificateArn);
        }
        if (publicUrl != null && !publicUrl.startsWith("https://")) {
            throw new IllegalArgumentException("publicUrl must be an https:// URL: " + publicUrl);
        }
        if (minCount < 1 || minCount > desiredCount || desiredCount > maxCount) {
            throw new IllegalArgumentException("need 1 <= minCount <= desiredCount <= maxCount, got " + minCount
                    + " <= " + desiredCount + " <= " + maxCount);
        }
        if (!dbEngineVersion.matches("\\d{2}(\\.\\d+)?")) {
            throw new IllegalArgumentException("dbEngineVersion must be a PostgreSQL version such as 17 or 17.4");
        }
        if (dbBackupRetentionDays < 1 || dbBackupRetentionDays > 35) {
            throw new IllegalArgumentException("dbBackupRetentionDays must be 1..35 (0 would turn backups off)");
        }
        ingressCidrs = List.copyOf(ingressCidrs);
    }

    public static PlatformConfig from(ConfigSource config, String organization, String stackName) {
        return new PlatformConfig(
                config.require("environment"),
                config.string("aws:region", "eu-west-1"),
                config.string("baseStack", organization + "/" + Stacks.BASE_PROJECT + "/" + stackName),
                config.string("workersStack", organization + "/" + Stacks.WORKERS_PROJECT + "/" + stackName),
                config.require("imageTag"),
                config.require("certificateArn"),
                config.get("publicUrl").filter(url -> !url.isBlank()).orElse(null),
                config.list("ingressCidrs", List.of("0.0.0.0/0")),
                config.integer("cpu", 1024),
                config.integer("memory", 2048),
                config.integer("desiredCount", 2),
                config.integer("minCount", 1),
                config.integer("maxCount", 4),
                config.integer("cpuTargetPercent", 60),
                config.string("dbInstanceClass", "db.t4g.small"),
                config.string("dbEngineVersion", "17"),
                config.integer("dbAllocatedStorage", 20),
                config.integer("dbMaxAllocatedStorage", 100),
                config.bool("dbMultiAz", false),
                config.integer("dbBackupRetentionDays", 7),
                config.bool("deletionProtection", true),
                config.integer("logRetentionDays", 30),
                config.bool("lambdaWorker", false));
    }

    /** The major version, for the parameter group family ({@code postgres17}). */
    String dbMajorVersion() {
        return dbEngineVersion.split("\\.")[0];
    }
}
