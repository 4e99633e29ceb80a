package io.viberglass.pulumi;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.core.Output;
import java.util.Map;

/** Log groups: under the environment's path, encrypted with its key, kept for a bounded time. */
final class LogGroups {
    private LogGroups() {}

    static LogGroup create(String name, int retentionDays, Output<String> keyArn, Map<String, String> tags) {
        return new LogGroup(
                name,
                LogGroupArgs.builder()
                        .name(name)
                        .retentionInDays(retentionDays)
                        .kmsKeyId(keyArn)
                        .tags(tags)
                        .build());
    }

    /** What {@code logs:CreateLogStream} and {@code logs:PutLogEvents} are granted on: this group's streams only. */
    static Output<String> streams(LogGroup group) {
        return Output.format("%s:log-stream:*", group.arn());
    }
}
