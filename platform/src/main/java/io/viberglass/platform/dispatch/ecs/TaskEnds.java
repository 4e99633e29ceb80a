package io.viberglass.platform.dispatch.ecs;

import io.viberglass.common.job.FailureCode;
import io.viberglass.platform.dispatch.ExecutionEnd;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskStopCode;

/**
 * Reads DescribeTasks for tasks that stopped: a task that failed to start (image pull, secrets, network) is an
 * invocation failure; one whose worker exited or was stopped without a result is a run failure, with ECS's reason.
 */
final class TaskEnds {
    private TaskEnds() {}

    static Map<String, ExecutionEnd> of(DescribeTasksResponse response) {
        Map<String, ExecutionEnd> ended = new LinkedHashMap<>();
        for (Task task : response.tasks()) {
            if ("STOPPED".equals(task.lastStatus())) {
                ended.put(task.taskArn(), end(task));
            }
        }
        for (Failure failure : response.failures()) {
            if ("MISSING".equals(failure.reason())) {
                ended.put(
                        failure.arn(),
                        new ExecutionEnd(FailureCode.RUN_FAILED, "The ECS task no longer exists and sent no result"));
            }
        }
        return ended;
    }

    private static ExecutionEnd end(Task task) {
        String reason = task.stoppedReason() == null ? "no reason given" : task.stoppedReason();
        if (task.stopCode() == TaskStopCode.TASK_FAILED_TO_START) {
            return new ExecutionEnd(FailureCode.INVOCATION_FAILED, "The ECS task failed to start: " + reason);
        }
        StringBuilder text = new StringBuilder("The ECS task stopped without reporting a result: ").append(reason);
        for (Container container : task.containers()) {
            if (container.exitCode() != null || container.reason() != null) {
                text.append(" [container ").append(container.name());
                if (container.exitCode() != null) {
                    text.append(" exit code ").append(container.exitCode());
                }
                if (container.reason() != null) {
                    text.append(": ").append(container.reason());
                }
                text.append(']');
            }
        }
        return new ExecutionEnd(FailureCode.RUN_FAILED, text.toString());
    }
}
