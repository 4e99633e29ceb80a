package io.viberglass.pulumi;

import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.rds.Instance;
import com.pulumi.aws.rds.InstanceArgs;
import com.pulumi.aws.rds.ParameterGroup;
import com.pulumi.aws.rds.ParameterGroupArgs;
import com.pulumi.aws.rds.SubnetGroup;
import com.pulumi.aws.rds.SubnetGroupArgs;
import com.pulumi.aws.rds.inputs.ParameterGroupParameterArgs;
import com.pulumi.aws.rds.outputs.InstanceMasterUserSecret;
import com.pulumi.core.Output;
import java.util.List;
import java.util.Map;

/**
 * The platform's PostgreSQL on RDS: private subnets only, encrypted with the environment's key, TLS required, backed
 * up daily. RDS generates the master password and keeps it in Secrets Manager (encrypted with the same key), so it
 * never appears in Pulumi's state or in any configuration file.
 */
record Database(Instance instance) {
    static final String NAME = "viberglass";
    static final String USER = "viberglass";

    static Database create(
            PlatformConfig config,
            String prefix,
            Output<List<String>> privateSubnets,
            SecurityGroup group,
            Output<String> keyArn,
            Map<String, String> tags) {
        SubnetGroup subnets = new SubnetGroup(
                prefix + "-db",
                SubnetGroupArgs.builder()
                        .name(prefix + "-db")
                        .description("Private subnets of the Viberglass database")
                        .subnetIds(privateSubnets)
                        .tags(tags)
                        .build());
        ParameterGroup parameters = new ParameterGroup(
                prefix + "-db",
                ParameterGroupArgs.builder()
                        .name(prefix + "-db-postgres" + config.dbMajorVersion())
                        .family("postgres" + config.dbMajorVersion())
                        .description("Viberglass: TLS only, slow statements logged")
                        .parameters(
                                ParameterGroupParameterArgs.builder()
                                        .name("rds.force_ssl")
                                        .value("1")
                                        .build(),
                                ParameterGroupParameterArgs.builder()
                                        .name("log_min_duration_statement")
                                        .value("1000")
                                        .build())
                        .tags(tags)
                        .build());
        Instance instance = new Instance(
                prefix + "-db",
                InstanceArgs.builder()
                        .identifier(prefix + "-db")
                        .engine("postgres")
                        .engineVersion(config.dbEngineVersion())
                        .instanceClass(config.dbInstanceClass())
                        .allocatedStorage(config.dbAllocatedStorage())
                        .maxAllocatedStorage(config.dbMaxAllocatedStorage())
                        .storageType("gp3")
                        .storageEncrypted(true)
                        .kmsKeyId(keyArn)
                        .dbName(NAME)
                        .username(USER)
                        .manageMasterUserPassword(true)
                        .masterUserSecretKmsKeyId(keyArn)
                        .dbSubnetGroupName(subnets.name())
                        .parameterGroupName(parameters.name())
                        .vpcSecurityGroupIds(group.id().applyValue(List::of))
                        .publiclyAccessible(false)
                        .multiAz(config.dbMultiAz())
                        .backupRetentionPeriod(config.dbBackupRetentionDays())
                        .copyTagsToSnapshot(true)
                        .deletionProtection(config.deletionProtection())
                        .skipFinalSnapshot(false)
                        .finalSnapshotIdentifier(prefix + "-db-final")
                        .autoMinorVersionUpgrade(true)
                        .tags(tags)
                        .build());
        return new Database(instance);
    }

    /** The Secrets Manager secret RDS keeps the master credentials in ({@code {"username", "password"}}). */
    Output<String> secretArn() {
        return instance.masterUserSecrets().applyValue(secrets -> secrets.stream()
                .map(InstanceMasterUserSecret::secretArn)
                .flatMap(java.util.Optional::stream)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("RDS did not report the master user secret")));
    }

    /** JDBC URL with TLS required (the parameter group refuses plain connections anyway). */
    Output<String> jdbcUrl() {
        return Output.format("jdbc:postgresql://%s:5432/%s?sslmode=require", instance.address(), NAME);
    }
}
