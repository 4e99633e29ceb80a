package io.viberglass.pulumi;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.iam.Role;
import com.pulumi.core.Output;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The platform's two roles. The execution role lets ECS start the container: pull the platform image, write its log
 * group, read the two secrets the container receives. The task role is what the running platform may do: manage worker
 * secrets and stage callback tokens under their SSM paths, use the media bucket, start, tag and stop worker tasks of the
 * workers stack's task definitions (passing only the worker roles), and invoke the worker function.
 */
record PlatformRoles(Role execution, Role task) {

    /** What the roles are scoped to, from the base and workers stacks. */
    record Scope(
            Output<String> keyArn,
            Output<String> platformRepositoryArn,
            Output<String> mediaBucketArn,
            Output<String> databaseSecretArn,
            Output<String> encryptionKeyParameterArn,
            String secretsParameterPattern,
            String callbackTokenParameterPattern,
            Output<Map<String, String>> workerFamilies,
            Output<String> workerClusterArn,
            Output<String> workerClusterName,
            Output<String> workerExecutionRoleArn,
            Output<String> workerTaskRoleArn,
            Output<String> workerFunctionArn) {}

    static PlatformRoles create(
            String prefix, String region, Stacks.Aws aws, LogGroup logs, Scope scope, Map<String, String> tags) {
        Role execution = Iam.serviceRole(prefix + "-platform-execution", "ecs-tasks.amazonaws.com", aws, tags);
        Iam.inlinePolicy(
                prefix + "-platform-execution",
                execution,
                List.of(
                        Iam.allow("SignInToTheRegistry", List.of("ecr:GetAuthorizationToken"), List.of("*")),
                        Iam.allow(
                                "PullPlatformImage",
                                List.of(
                                        "ecr:BatchCheckLayerAvailability",
                                        "ecr:GetDownloadUrlForLayer",
                                        "ecr:BatchGetImage"),
                                List.of(scope.platformRepositoryArn())),
                        Iam.allow(
                                "WriteOwnLogGroup",
                                List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                                List.of(LogGroups.streams(logs))),
                        Iam.allow(
                                "ReadDatabasePassword",
                                List.of("secretsmanager:GetSecretValue"),
                                List.of(scope.databaseSecretArn())),
                        Iam.allow(
                                "ReadEncryptionKeyParameter",
                                List.of("ssm:GetParameters"),
                                List.of(scope.encryptionKeyParameterArn())),
                        Iam.allow(
                                "DecryptThoseSecrets",
                                List.of("kms:Decrypt"),
                                List.of(scope.keyArn()),
                                Map.of(
                                        "StringEquals",
                                        Map.of(
                                                "kms:ViaService",
                                                List.of(
                                                        "secretsmanager." + region + ".amazonaws.com",
                                                        "ssm." + region + ".amazonaws.com"))))));

        Role task = Iam.serviceRole(prefix + "-platform-task", "ecs-tasks.amazonaws.com", aws, tags);
        List<Map<String, Object>> statements = new ArrayList<>(List.of(
                Iam.allow(
                        "ManageWorkerSecretsInSsm",
                        List.of("ssm:GetParameter", "ssm:PutParameter", "ssm:DeleteParameter"),
                        List.of(aws.arn("ssm", scope.secretsParameterPattern()))),
                Iam.allow(
                        "StageWorkerCallbackTokens",
                        List.of("ssm:PutParameter", "ssm:GetParameter", "ssm:DeleteParameter"),
                        List.of(aws.arn("ssm", scope.callbackTokenParameterPattern()))),
                Iam.allow(
                        "UseTheKeyForSecretsAndMedia",
                        List.of("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"),
                        List.of(scope.keyArn()),
                        Map.of(
                                "StringEquals",
                                Map.of(
                                        "kms:ViaService",
                                        List.of(
                                                "ssm." + region + ".amazonaws.com",
                                                "s3." + region + ".amazonaws.com")))),
                Iam.allow(
                        "ReadAndWriteMedia",
                        List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"),
                        List.of(Output.format("%s/*", scope.mediaBucketArn()))),
                Iam.allow("ListMedia", List.of("s3:ListBucket"), List.of(scope.mediaBucketArn())),
                Iam.allow(
                        "RunWorkerTasks",
                        List.of("ecs:RunTask"),
                        // every revision of the workers stack's families, in the workers cluster only
                        Output.tuple(scope.workerFamilies(), aws.accountId()).applyValue(t -> t.t1.values().stream()
                                .map(family ->
                                        "arn:aws:ecs:" + region + ":" + t.t2 + ":task-definition/" + family + ":*")
                                .toList()),
                        Map.of("ArnEquals", Map.of("ecs:cluster", scope.workerClusterArn()))),
                Iam.allow(
                        "TagWorkerTasksAtLaunch",
                        List.of("ecs:TagResource"),
                        List.of(Output.format(
                                "arn:aws:ecs:%s:%s:task/%s/*", region, aws.accountId(), scope.workerClusterName())),
                        Map.of("StringEquals", Map.of("ecs:CreateAction", "RunTask"))),
                Iam.allow(
                        "WatchAndStopWorkerTasks",
                        List.of("ecs:DescribeTasks", "ecs:StopTask"),
                        List.of(Output.format(
                                "arn:aws:ecs:%s:%s:task/%s/*", region, aws.accountId(), scope.workerClusterName()))),
                Iam.allow(
                        "PassOnlyWorkerRoles",
                        List.of("iam:PassRole"),
                        List.of(scope.workerExecutionRoleArn(), scope.workerTaskRoleArn()),
                        Map.of("StringEquals", Map.of("iam:PassedToService", "ecs-tasks.amazonaws.com")))));
        if (scope.workerFunctionArn() != null) {
            statements.add(Iam.allow(
                    "InvokeWorkerFunction", List.of("lambda:InvokeFunction"), List.of(scope.workerFunctionArn())));
        }
        Iam.inlinePolicy(prefix + "-platform-task", task, statements);
        return new PlatformRoles(execution, task);
    }
}
