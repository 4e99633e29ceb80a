package io.viberglass.platform.integrations;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.viberglass.common.job.WireEnum;
import java.util.List;

/**
 * The plugin registry: every system Viberglass connects to, what kind of integration it is, which settings it needs and
 * which webhook events it understands. Adding a provider is one constant here plus its event reader and feedback sender.
 */
public enum IntegrationSystem implements WireEnum {
    GITHUB(
            "GitHub",
            Category.SCM,
            List.of("owner", "repo"),
            List.of("apiUrl", "webUrl"),
            List.of(
                    "issues.opened",
                    "issues.labeled",
                    "issue_comment.created",
                    "pull_request_review.submitted",
                    "pull_request_review_comment.created",
                    "check_run.completed",
                    "check_suite.completed"),
            true),
    GITLAB(
            "GitLab",
            Category.SCM,
            List.of("projectPath"),
            List.of("baseUrl", "projectId"),
            List.of("issue.open", "note.issue", "note.merge_request"),
            true),
    JIRA(
            "Jira",
            Category.TICKETING,
            List.of("instanceUrl"),
            List.of("email", "projectKey"),
            List.of("issue_created", "comment_created"),
            true),
    SHORTCUT(
            "Shortcut",
            Category.TICKETING,
            List.of(),
            List.of("apiUrl", "workspace"),
            List.of("story_created", "story_updated", "comment_created"),
            true),
    SLACK("Slack", Category.TICKETING, List.of("channelId"), List.of("channelName", "apiUrl"), List.of(), false),
    CUSTOM("Custom webhook", Category.INBOUND, List.of(), List.of(), List.of("ticket_created"), true);

    /** What an integration is to a project: where code lives, where tickets live, or only a source of events. */
    public enum Category implements WireEnum {
        SCM,
        TICKETING,
        INBOUND
    }

    private final String label;
    private final Category category;
    private final List<String> requiredSettings;
    private final List<String> optionalSettings;
    private final List<String> inboundEvents;
    private final boolean webhooks;

    IntegrationSystem(
            String label,
            Category category,
            List<String> requiredSettings,
            List<String> optionalSettings,
            List<String> inboundEvents,
            boolean webhooks) {
        this.label = label;
        this.category = category;
        this.requiredSettings = requiredSettings;
        this.optionalSettings = optionalSettings;
        this.inboundEvents = inboundEvents;
        this.webhooks = webhooks;
    }

    public String label() {
        return label;
    }

    public Category category() {
        return category;
    }

    public List<String> requiredSettings() {
        return requiredSettings;
    }

    public List<String> optionalSettings() {
        return optionalSettings;
    }

    /** The webhook event types this provider's reader understands (all allowed by default). */
    public List<String> inboundEvents() {
        return inboundEvents;
    }

    /** Whether the system sends webhooks and receives feedback (Slack talks through its own chat backend). */
    public boolean supportsWebhooks() {
        return webhooks;
    }

    @JsonCreator
    public static IntegrationSystem fromWire(String value) {
        return WireEnum.parse(IntegrationSystem.class, value);
    }
}
