package io.viberglass.platform.slack;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import io.viberglass.common.job.WireEnum;
import io.viberglass.platform.clankers.Clanker;
import io.viberglass.platform.projects.Project;
import io.viberglass.platform.tickets.WorkflowPhase;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The "Launch Agent Session" modal the slash command opens: project, clanker, mode, title and message. The channel the
 * command came from rides along in the view's private metadata.
 */
public final class LaunchModal {
    public static final String CALLBACK_ID = "viberator_launch";
    static final String VALUE = "value";
    static final int MAX_TITLE = 120;

    private LaunchModal() {}

    public static View view(List<Project> projects, List<Clanker> clankers, String channelId, String text) {
        List<OptionObject> projectOptions = projects.stream()
                .limit(100)
                .map(p -> option(plainText(clip(p.name(), 75)), p.id().toString()))
                .toList();
        List<OptionObject> clankerOptions = clankers.stream()
                .limit(100)
                .map(c -> option(plainText(clip(c.name(), 75)), c.id().toString()))
                .toList();
        List<OptionObject> modes = Arrays.stream(WorkflowPhase.values())
                .map(phase -> option(plainText(SlackMessages.title(phase)), phase.wire()))
                .toList();
        return com.slack.api.model.view.Views.view(v -> v.type("modal")
                .callbackId(CALLBACK_ID)
                .privateMetadata(channelId)
                .title(viewTitle(t -> t.type("plain_text").text("Launch Agent Session")))
                .submit(viewSubmit(s -> s.type("plain_text").text("Start")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .blocks(List.of(
                        input(i -> i.blockId("project")
                                .label(plainText("Project"))
                                .element(staticSelect(s -> s.actionId(VALUE).options(projectOptions)))),
                        input(i -> i.blockId("clanker")
                                .label(plainText("Clanker"))
                                .element(staticSelect(s -> s.actionId(VALUE).options(clankerOptions)))),
                        input(i -> i.blockId("mode")
                                .label(plainText("Mode"))
                                .element(staticSelect(
                                        s -> s.actionId(VALUE).options(modes).initialOption(modes.get(0))))),
                        input(i -> i.blockId("title")
                                .optional(true)
                                .label(plainText("Title"))
                                .element(plainTextInput(p -> p.actionId(VALUE).maxLength(500)))),
                        input(i -> i.blockId("message")
                                .label(plainText("Message"))
                                .element(plainTextInput(p -> p.actionId(VALUE)
                                        .multiline(true)
                                        .initialValue(text == null || text.isBlank() ? null : text)))))));
    }

    /** What the submitted modal says; {@link #errors()} names each missing or unreadable field. */
    public record Submission(UUID projectId, UUID clankerId, WorkflowPhase mode, String title, String message) {
        public Map<String, String> errors() {
            Map<String, String> errors = new LinkedHashMap<>();
            if (projectId == null) {
                errors.put("project", "Required");
            }
            if (clankerId == null) {
                errors.put("clanker", "Required");
            }
            if (mode == null) {
                errors.put("mode", "Required");
            }
            if (message == null || message.isBlank()) {
                errors.put("message", "Required");
            }
            return errors;
        }

        /** The given title, or the message's first line cut to 120 characters. */
        public String effectiveTitle() {
            if (title != null && !title.isBlank()) {
                return title.strip();
            }
            String firstLine = message.strip().lines().findFirst().orElse("Slack request");
            return clip(firstLine, MAX_TITLE);
        }
    }

    public static Submission read(ViewState state) {
        Map<String, Map<String, ViewState.Value>> values = state == null ? Map.of() : state.getValues();
        return new Submission(
                selected(values, "project").flatMap(LaunchModal::uuid).orElse(null),
                selected(values, "clanker").flatMap(LaunchModal::uuid).orElse(null),
                selected(values, "mode").flatMap(LaunchModal::phase).orElse(null),
                typed(values, "title").orElse(null),
                typed(values, "message").orElse(null));
    }

    private static Optional<ViewState.Value> value(Map<String, Map<String, ViewState.Value>> values, String block) {
        return Optional.ofNullable(values.get(block)).map(actions -> actions.get(VALUE));
    }

    private static Optional<String> selected(Map<String, Map<String, ViewState.Value>> values, String block) {
        return value(values, block).map(ViewState.Value::getSelectedOption).map(ViewState.SelectedOption::getValue);
    }

    private static Optional<String> typed(Map<String, Map<String, ViewState.Value>> values, String block) {
        return value(values, block).map(ViewState.Value::getValue).filter(text -> !text.isBlank());
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<WorkflowPhase> phase(String text) {
        try {
            return Optional.of(WireEnum.parse(WorkflowPhase.class, text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
