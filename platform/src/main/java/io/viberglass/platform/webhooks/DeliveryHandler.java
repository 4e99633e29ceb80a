package io.viberglass.platform.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.viberglass.platform.integrations.IntegrationSystem;
import java.io.IOException;
import java.util.Map;

/**
 * Processes one stored delivery: its provider's reader says what happened, then the webhook's rules decide: event
 * filter, provider project, and what to do with an issue, a comment or pull request feedback.
 */
final class DeliveryHandler {
    private final ObjectMapper mapper;
    private final Map<IntegrationSystem, EventReader> readers;
    private final SourceTickets tickets;
    private final FollowUps followUps;

    DeliveryHandler(ObjectMapper mapper, SourceTickets tickets, FollowUps followUps) {
        this.mapper = mapper;
        this.readers = Map.of(
                IntegrationSystem.GITHUB, new GitHubEvents(),
                IntegrationSystem.GITLAB, new GitLabEvents(),
                IntegrationSystem.JIRA, new JiraEvents(),
                IntegrationSystem.SHORTCUT, new ShortcutEvents(mapper),
                IntegrationSystem.CUSTOM, new CustomEvents());
        this.tickets = tickets;
        this.followUps = followUps;
    }

    Handled handle(Delivery delivery, InboundConfig config) {
        JsonNode body;
        try {
            body = mapper.readTree(delivery.body());
        } catch (IOException e) {
            return Handled.failed(delivery.eventType(), "The body is not valid JSON");
        }
        if (!config.active()) {
            return Handled.ignored(delivery.eventType(), "The webhook is inactive");
        }
        WebhookEvent event;
        try {
            String headerEvent = DeliveryIds.headerEvent(config.provider(), delivery.headers()::get);
            event = readers.get(config.provider()).read(headerEvent, body, config);
        } catch (CustomEvents.MappingException e) {
            return Handled.failed("ticket_created", e.getMessage());
        }
        String type = event.type();
        if (event instanceof WebhookEvent.Ignored ignored) {
            return Handled.ignored(type, ignored.reason());
        }
        if (!config.accepts(type)) {
            return Handled.ignored(
                    type, "Event " + type + " is not enabled for this webhook " + config.allowedEvents());
        }
        String repository = repository(event);
        if (config.providerProjectId() != null
                && repository != null
                && !repository.equalsIgnoreCase(config.providerProjectId())) {
            return Handled.ignored(
                    type, "The event is for " + repository + "; this webhook is for " + config.providerProjectId());
        }
        if (event instanceof WebhookEvent.IssueOpened opened) {
            boolean run = config.autoRuns(opened.issue().labels())
                    && (config.provider() != IntegrationSystem.SHORTCUT
                            || "bug".equals(opened.issue().metadata().get("shortcutStoryType")));
            return tickets.open(
                    config,
                    delivery,
                    type,
                    opened.issue(),
                    run,
                    false,
                    SourceTickets.Requester.authorOf(opened.issue()));
        }
        if (event instanceof WebhookEvent.IssueLabeled labeled) {
            if (!config.autoExecute() || config.autoExecuteMode() != AutoExecuteMode.LABEL_GATED) {
                return Handled.ignored(type, "Labels start runs only under a label-gated auto-execute policy");
            }
            if (!config.requiredLabels().contains(labeled.label().toLowerCase(java.util.Locale.ROOT))) {
                return Handled.ignored(
                        type, "Label '" + labeled.label() + "' is not one of " + config.requiredLabels());
            }
            return tickets.open(
                    config,
                    delivery,
                    type,
                    labeled.issue(),
                    true,
                    false,
                    SourceTickets.Requester.authorOf(labeled.issue()));
        }
        if (event instanceof WebhookEvent.IssueUpdated updated) {
            return tickets.update(config, type, updated.issue(), updated.editorId());
        }
        if (event instanceof WebhookEvent.IssueComment comment) {
            String refusal = BotTrigger.refusal(config, comment.author(), comment.body());
            return refusal != null
                    ? Handled.ignored(type, refusal)
                    : tickets.open(
                            config,
                            delivery,
                            type,
                            comment.issue(),
                            true,
                            true,
                            new SourceTickets.Requester(comment.authorId(), comment.authorAssociation()));
        }
        return followUps.start(config, delivery, (WebhookEvent.PullRequestFeedback) event);
    }

    private static String repository(WebhookEvent event) {
        if (event instanceof WebhookEvent.IssueOpened opened) {
            return opened.issue().repository();
        }
        if (event instanceof WebhookEvent.IssueLabeled labeled) {
            return labeled.issue().repository();
        }
        if (event instanceof WebhookEvent.IssueUpdated updated) {
            return updated.issue().repository();
        }
        if (event instanceof WebhookEvent.IssueComment comment) {
            return comment.issue().repository();
        }
        if (event instanceof WebhookEvent.PullRequestFeedback feedback) {
            return feedback.pullRequest().repository();
        }
        return null;
    }
}
