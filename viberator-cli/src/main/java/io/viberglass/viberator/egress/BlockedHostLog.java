package io.viberglass.viberator.egress;

import io.viberglass.common.egress.HostPattern;
import io.viberglass.common.job.LogLevel;
import io.viberglass.viberator.report.JobReporter;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes each refused destination once into the job's log as {@code egress blocked: host:port}, so a run that fails
 * because it could not reach something says what; an agent retrying in a loop does not flood the log.
 */
public final class BlockedHostLog implements EgressProxy.BlockedListener {
    static final int MAX_DISTINCT = 200;

    private final JobReporter reporter;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    public BlockedHostLog(JobReporter reporter) {
        this.reporter = reporter;
    }

    @Override
    public void blocked(String host, int port) {
        String destination = HostPattern.normalizeHost(host).orElse("(invalid host)") + ":" + port;
        if (seen.size() < MAX_DISTINCT && seen.add(destination)) {
            reporter.log(LogLevel.WARN, "egress-proxy", "egress blocked: " + destination);
        }
    }
}
