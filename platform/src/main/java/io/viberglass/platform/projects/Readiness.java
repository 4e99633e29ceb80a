package io.viberglass.platform.projects;

import java.util.List;
import java.util.UUID;

/** What still stands between a project and automated runs. */
public record Readiness(UUID projectId, boolean automationAvailable, List<Check> checks) {

    public enum State {
        ready,
        missing,
        invalid,
        unavailable
    }

    /**
     * @param code what to do about it, for the dashboard ({@code configure_repository} …); {@code null} when ready
     * @param remediationUrl the dashboard page where it is fixed
     */
    public record Check(String key, String label, State state, String code, String summary, String remediationUrl) {
        public boolean isReady() {
            return state == State.ready;
        }
    }

    static Readiness of(UUID projectId, List<Check> checks) {
        return new Readiness(projectId, checks.stream().allMatch(Check::isReady), List.copyOf(checks));
    }
}
