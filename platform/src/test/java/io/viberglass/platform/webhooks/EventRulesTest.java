package io.viberglass.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.viberglass.platform.integrations.IntegrationSystem;
import io.viberglass.platform.tickets.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The small rules inbound processing applies: event filters, policies, severities, bot triggers, ADF text. */
class EventRulesTest {
    private final InboundConfig config = SignaturesTest.config(IntegrationSystem.GITHUB, Map.of());

    @Test
    void eventFilter_matchesAll_aFamily_orOneType() {
        assertThat(config.accepts("issues.opened")).isTrue();
        InboundConfig issues = withEvents(List.of("issues"));
        assertThat(issues.accepts("issues.labeled")).isTrue();
        assertThat(issues.accepts("issue_comment.created")).isFalse();
        assertThat(withEvents(List.of("issues.opened")).accepts("issues.labeled"))
                .isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "critical,CRITICAL",
        "P1 urgent,CRITICAL",
        "priority: high,HIGH",
        "important,HIGH",
        "medium,MEDIUM",
        "bug,LOW"
    })
    void labelsGiveSeverity(String label, Severity severity) {
        assertThat(Severities.fromLabels(List.of(label))).isEqualTo(severity);
    }

    @ParameterizedTest
    @CsvSource({"Highest,CRITICAL", "Blocker,CRITICAL", "High,HIGH", "Medium,MEDIUM", "Low,LOW", "Lowest,LOW"})
    void jiraPriorityGivesSeverity(String priority, Severity severity) {
        assertThat(Severities.fromPriority(priority)).isEqualTo(severity);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "maria|@viberglass-bot fix this please|",
                "maria|Viberglass-Bot, autofix|",
                "maria|@viberglass-bot what do you think?|does not ask for a fix",
                "maria|fix this|does not mention",
                "viberglass-bot|@viberglass-bot fix this|bot's own",
                "dependabot[bot]|@viberglass-bot fix this|bot's own"
            })
    void botTriggers(String author, String body, String refusal) {
        String answer = BotTrigger.refusal(config, author, body);
        if (refusal == null) {
            assertThat(answer).isNull();
        } else {
            assertThat(answer).contains(refusal);
        }
    }

    @Test
    void jiraDocumentFormat_isFlattenedToParagraphs() throws Exception {
        var adf = io.viberglass.common.json.Json.newMapper()
                .readTree(
                        "{\"type\":\"doc\",\"version\":1,\"content\":[{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\","
                                + "\"text\":\"First \"},{\"type\":\"text\",\"text\":\"line\",\"marks\":[{\"type\":\"strong\"}]}]},"
                                + "{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"Second\"}]}]}");
        assertThat(JiraEvents.text(adf)).isEqualTo("First line\nSecond");
    }

    @Test
    void retryBackoff_doubles_upToTheCap() {
        WebhookSettings settings = new WebhookSettings();
        assertThat(settings.backoff(1)).hasSeconds(5);
        assertThat(settings.backoff(3)).hasSeconds(20);
        assertThat(settings.backoff(30)).hasMinutes(10);
    }

    private InboundConfig withEvents(List<String> events) {
        return new InboundConfig(
                config.id(),
                config.integrationId(),
                config.provider(),
                config.projectId(),
                null,
                config.secretId(),
                true,
                events,
                false,
                AutoExecuteMode.MATCHING_EVENTS,
                List.of(),
                null,
                null,
                null,
                Map.of(),
                true,
                0,
                null,
                config.createdAt(),
                config.updatedAt());
    }
}
