package io.viberglass.pulumi;

import com.pulumi.aws.kms.Key;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2Args;
import com.pulumi.aws.s3.BucketOwnershipControls;
import com.pulumi.aws.s3.BucketOwnershipControlsArgs;
import com.pulumi.aws.s3.BucketPolicy;
import com.pulumi.aws.s3.BucketPolicyArgs;
import com.pulumi.aws.s3.BucketPublicAccessBlock;
import com.pulumi.aws.s3.BucketPublicAccessBlockArgs;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2Args;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.aws.s3.BucketVersioningV2;
import com.pulumi.aws.s3.BucketVersioningV2Args;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleFilterArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketOwnershipControlsRuleArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketVersioningV2VersioningConfigurationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import java.util.List;
import java.util.Map;

/**
 * The bucket for ticket media (screenshots, recordings) and instruction files: private (all four public-access
 * blocks, no ACLs), encrypted with the environment's key, versioned, reachable over TLS only.
 */
record MediaBucket(BucketV2 bucket) {

    static MediaBucket create(String prefix, Stacks.Aws aws, Key key, boolean forceDestroy, Map<String, String> tags) {
        String name = prefix + "-media";
        BucketV2 bucket = new BucketV2(
                name,
                BucketV2Args.builder()
                        // bucket names are global: the account id keeps two accounts' environments apart
                        .bucket(Output.format("%s-%s", name, aws.accountId()))
                        .forceDestroy(forceDestroy)
                        .tags(tags)
                        .build());
        BucketPublicAccessBlock block = new BucketPublicAccessBlock(
                name,
                BucketPublicAccessBlockArgs.builder()
                        .bucket(bucket.id())
                        .blockPublicAcls(true)
                        .blockPublicPolicy(true)
                        .ignorePublicAcls(true)
                        .restrictPublicBuckets(true)
                        .build());
        new BucketOwnershipControls(
                name,
                BucketOwnershipControlsArgs.builder()
                        .bucket(bucket.id())
                        .rule(BucketOwnershipControlsRuleArgs.builder()
                                .objectOwnership("BucketOwnerEnforced")
                                .build())
                        .build());
        new BucketServerSideEncryptionConfigurationV2(
                name,
                BucketServerSideEncryptionConfigurationV2Args.builder()
                        .bucket(bucket.id())
                        .rules(BucketServerSideEncryptionConfigurationV2RuleArgs.builder()
                                .applyServerSideEncryptionByDefault(
                                        BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs
                                                .builder()
                                                .sseAlgorithm("aws:kms")
                                                .kmsMasterKeyId(key.arn())
                                                .build())
                                .bucketKeyEnabled(true)
                                .build())
                        .build());
        new BucketVersioningV2(
                name,
                BucketVersioningV2Args.builder()
                        .bucket(bucket.id())
                        .versioningConfiguration(BucketVersioningV2VersioningConfigurationArgs.builder()
                                .status("Enabled")
                                .build())
                        .build());
        new BucketLifecycleConfigurationV2(
                name,
                BucketLifecycleConfigurationV2Args.builder()
                        .bucket(bucket.id())
                        .rules(BucketLifecycleConfigurationV2RuleArgs.builder()
                                .id("tidy")
                                .status("Enabled")
                                .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder()
                                        .prefix("")
                                        .build())
                                .abortIncompleteMultipartUpload(
                                        BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs.builder()
                                                .daysAfterInitiation(7)
                                                .build())
                                .noncurrentVersionExpiration(
                                        BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs.builder()
                                                .noncurrentDays(30)
                                                .build())
                                .build())
                        .build());
        new BucketPolicy(
                name,
                BucketPolicyArgs.builder()
                        .bucket(bucket.id())
                        .policy(Iam.policy(List.of(Map.of(
                                "Sid",
                                "DenyInsecureTransport",
                                "Effect",
                                "Deny",
                                "Principal",
                                "*",
                                "Action",
                                List.of("s3:*"),
                                "Resource",
                                List.of(bucket.arn(), Output.format("%s/*", bucket.arn())),
                                "Condition",
                                Map.of("Bool", Map.of("aws:SecureTransport", "false"))))))
                        .build(),
                // S3 refuses a bucket policy while the public access block is still being applied
                CustomResourceOptions.builder().dependsOn(block).build());
        return new MediaBucket(bucket);
    }
}
