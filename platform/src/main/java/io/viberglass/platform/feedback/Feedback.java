package io.viberglass.platform.feedback;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.setup.Environment;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.infra.json.JsonText;
import io.viberglass.platform.integrations.ConnectionTester;
import io.viberglass.platform.integrations.IntegrationService;
import io.viberglass.platform.integrations.IntegrationSystem;
import io.viberglass.platform.integrations.ProviderHttp;
import io.viberglass.platform.secrets.OwnedSecrets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Wires outbound feedback in two steps, because jobs need the outbox listener before the integrations it serves
 * exist: {@link #outbox} first, {@link #register} once integrations are wired.
 */
public final class Feedback {
    private final FeedbackSettings settings;
    private final ProviderHttp http;
    private final FeedbackOutbox outbox;
    private FeedbackDispatcher dispatcher;

    public Feedback(FeedbackSettings settings, JsonText json, String publicUrl) {
        this.settings = settings;
        this.http =
                new ProviderHttp(Duration.ofMillis(settings.getRequestTimeout().toMilliseconds()));
        this.outbox = new FeedbackOutbox(json, publicUrl, this::wake);
    }

    /** The listener that writes the outbox in job and approval transactions. */
    public FeedbackOutbox outbox() {
        return outbox;
    }

    public void register(
            Environment environment,
            Jdbi jdbi,
            Clock clock,
            OwnedSecrets secrets,
            IntegrationService integrations,
            ProjectAccess access) {
        ObjectMapper mapper = environment.getObjectMapper();
        JsonText json = new JsonText(mapper);
        CustomTargetSender custom = new CustomTargetSender(http);
        dispatcher = new FeedbackDispatcher(
                jdbi,
                clock,
                settings,
                secrets,
                integrations,
                mapper,
                Map.of(
                        IntegrationSystem.GITHUB, new GitHubFeedback(http, mapper),
                        IntegrationSystem.GITLAB, new GitLabFeedback(http, mapper),
                        IntegrationSystem.JIRA, new JiraFeedback(http, mapper),
                        IntegrationSystem.SHORTCUT, new ShortcutFeedback(http, mapper),
                        IntegrationSystem.CUSTOM, custom));
        TestSends tests = new TestSends(jdbi, clock, secrets, json, custom, new ConnectionTester(http), integrations);
        environment
                .jersey()
                .register(new OutboundWebhooksResource(
                        new TargetService(jdbi, clock, secrets, integrations, json, settings, tests), access));
        if (settings.isEnabled()) {
            environment.lifecycle().manage(dispatcher);
        }
    }

    private void wake() {
        FeedbackDispatcher running = dispatcher;
        if (running != null && settings.isEnabled()) {
            running.wake();
        }
    }
}
