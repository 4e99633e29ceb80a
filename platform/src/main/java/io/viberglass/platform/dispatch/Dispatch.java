package io.viberglass.platform.dispatch;

import io.viberglass.common.job.WorkerInvocation;
import io.viberglass.common.security.SecretValue;
import io.viberglass.platform.clankers.Clanker;
import io.viberglass.platform.jobs.Job;
import java.util.Map;

/**
 * One hand-over of a job to an invoker.
 *
 * @param invocation what the worker needs to fetch its payload, including this dispatch's callback token
 * @param credentials the values of the job's required credentials, for runtimes that cannot fetch them themselves;
 *     invokers deliver them as files where the runtime allows, never in logs
 * @param ssmParameters for credentials stored in AWS SSM: credential name → parameter name, so cloud workers can read
 *     them with their own role and no value leaves the platform
 * @param egress how far the worker may reach; invokers that cannot enforce a restricted plan never get one
 */
public record Dispatch(
        Job job,
        Clanker clanker,
        WorkerInvocation invocation,
        Map<String, SecretValue> credentials,
        Map<String, String> ssmParameters,
        EgressPlan egress) {

    public Dispatch {
        credentials = Map.copyOf(credentials);
        ssmParameters = Map.copyOf(ssmParameters);
        egress = egress == null ? EgressPlan.OPEN : egress;
    }

    public Dispatch(
            Job job,
            Clanker clanker,
            WorkerInvocation invocation,
            Map<String, SecretValue> credentials,
            Map<String, String> ssmParameters) {
        this(job, clanker, invocation, credentials, ssmParameters, EgressPlan.OPEN);
    }

    public Dispatch(Job job, Clanker clanker, WorkerInvocation invocation, Map<String, SecretValue> credentials) {
        this(job, clanker, invocation, credentials, Map.of(), EgressPlan.OPEN);
    }
}
