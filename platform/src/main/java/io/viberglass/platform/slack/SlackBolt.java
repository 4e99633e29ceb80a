package io.viberglass.platform.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.event.MessageEvent;
import io.viberglass.platform.auth.Actor;
import io.viberglass.platform.infra.errors.DomainException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Bolt app that routes Slack's requests to our handlers: the slash command, the modal's submission, the review
 * buttons and @mentions. Its own signature check, SSL check, self-event filter and initialisers are off: the request
 * arrives here already verified by {@link SlackResource}, and the app makes no call of its own.
 */
public class SlackBolt {
    private final App app;
    private final SlackRequestParser parser;

    public SlackBolt(
            SlackSettings settings,
            SlackApi api,
            SlackActors actors,
            SlackLauncher launcher,
            SlackReviews reviews,
            SlackMentions mentions,
            SlackSessions sessions) {
        AppConfig config = AppConfig.builder()
                .requestVerificationEnabled(false)
                .sslCheckEnabled(false)
                .ignoringSelfEventsEnabled(false)
                .appInitializersEnabled(false)
                .build();
        this.app = new App(config, api.slack(), List.of());
        this.parser = new SlackRequestParser(config);
        app.command(settings.getCommand(), (request, context) -> {
            var payload = request.getPayload();
            try {
                Optional<Actor> actor = actors.actor(payload.getUserId());
                if (actor.isEmpty()) {
                    return context.ack(SlackMessages.notMapped());
                }
                api.openView(
                        payload.getTriggerId(), launcher.modal(actor.get(), payload.getChannelId(), payload.getText()));
                return context.ack();
            } catch (DomainException | SlackCallException e) {
                return context.ack("Could not open the form: " + e.getMessage());
            }
        });
        app.viewSubmission(LaunchModal.CALLBACK_ID, (request, context) -> {
            var payload = request.getPayload();
            LaunchModal.Submission submission =
                    LaunchModal.read(payload.getView().getState());
            Map<String, String> errors = submission.errors();
            if (!errors.isEmpty()) {
                return context.ackWithErrors(errors);
            }
            String user = payload.getUser().getId();
            Optional<Actor> actor = actors.actor(user);
            if (actor.isEmpty()) {
                return context.ackWithErrors(Map.of("message", SlackMessages.notMapped()));
            }
            try {
                launcher.launch(
                        submission,
                        new SlackLauncher.Origin(
                                payload.getTeam() == null
                                        ? null
                                        : payload.getTeam().getId(),
                                payload.getView().getPrivateMetadata(),
                                user,
                                actor.get()));
            } catch (DomainException e) {
                return context.ackWithErrors(Map.of("project", e.getMessage()));
            }
            return context.ack();
        });
        app.blockAction(SlackMessages.APPROVE, (request, context) -> {
            reviews.approve(
                    value(request.getPayload()), request.getPayload().getUser().getId());
            return context.ack();
        });
        app.blockAction(SlackMessages.REJECT, (request, context) -> {
            reviews.reject(
                    value(request.getPayload()), request.getPayload().getUser().getId());
            return context.ack();
        });
        app.blockAction(SlackMessages.SESSION_ALLOW, (request, context) -> {
            sessions.decide(
                    value(request.getPayload()), request.getPayload().getUser().getId(), true);
            return context.ack();
        });
        app.blockAction(SlackMessages.SESSION_DENY, (request, context) -> {
            sessions.decide(
                    value(request.getPayload()), request.getPayload().getUser().getId(), false);
            return context.ack();
        });
        app.event(MessageEvent.class, (payload, context) -> {
            MessageEvent event = payload.getEvent();
            // bots (ourselves included) and edits stay out; a mention arrives again as app_mention and is read there
            if (event.getBotId() == null
                    && event.getSubtype() == null
                    && event.getText() != null
                    && !MentionCommand.MENTION.matcher(event.getText()).find()) {
                sessions.replied(event.getChannel(), event.getThreadTs(), event.getUser(), event.getText());
            }
            return context.ack();
        });
        app.event(AppMentionEvent.class, (payload, context) -> {
            AppMentionEvent event = payload.getEvent();
            mentions.mentioned(event.getChannel(), event.getThreadTs(), event.getUser(), event.getText());
            return context.ack();
        });
    }

    /** Runs a verified request through the app. */
    public Response handle(String path, String body, Map<String, List<String>> headers) throws Exception {
        Request<?> request = parser.parse(SlackRequestParser.HttpRequest.builder()
                .requestUri(path)
                .queryString(Map.of())
                .requestBody(body)
                .headers(new RequestHeaders(headers))
                .build());
        return app.run(request);
    }

    private static String value(BlockActionPayload payload) {
        return payload.getActions() == null || payload.getActions().isEmpty()
                ? null
                : payload.getActions().get(0).getValue();
    }
}
