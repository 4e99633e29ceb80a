package io.viberglass.platform.prompts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PromptRendererTest {
    private final PromptRenderer renderer = new PromptRenderer();

    @Test
    void sectionsShowOnlyForNonEmptyValuesAndInvertedOnlyForEmptyOnes() {
        String template =
                "{{#planDocument}}Plan:\n{{planDocument}}{{/planDocument}}{{^planDocument}}(no plan){{/planDocument}}";

        assertThat(renderer.render(template, Map.of("planDocument", "1. fix"))).isEqualTo("Plan:\n1. fix");
        assertThat(renderer.render(template, Map.of("planDocument", ""))).isEqualTo("(no plan)");
        assertThat(renderer.render(template, Map.of())).isEqualTo("(no plan)");
    }

    @Test
    void valuesAreInsertedVerbatimAndNeverReinterpreted() {
        Map<String, String> values = new HashMap<>();
        values.put("ticketTitle", "<b>Fix & ship</b> {{planDocument}}");
        values.put("planDocument", "SECRET PLAN");

        assertThat(renderer.render("Title: {{ticketTitle}}", values))
                .isEqualTo("Title: <b>Fix & ship</b> {{planDocument}}");
    }

    @Test
    void aDelimiterChangeWritesLiteralBraces() {
        assertThat(renderer.render("{{=<% %>=}}Use {{var}} as written: <%ticketTitle%>", Map.of("ticketTitle", "T")))
                .isEqualTo("Use {{var}} as written: T");
    }

    @Test
    void unknownVariablesAreRefusedWhenSavedNamingThem() {
        assertThatThrownBy(() -> renderer.validate(PromptType.TICKET_RESEARCH, "{{ticketTitle}} {{planDocumnet}}"))
                .hasMessageContaining("[planDocumnet]")
                .extracting("code")
                .isEqualTo("PROMPT_TEMPLATE_UNKNOWN_VARIABLE");
        assertThatThrownBy(() -> renderer.validate(PromptType.CLAW_SCHEDULED_TASK, "{{#ticketTitle}}x{{/ticketTitle}}"))
                .extracting("code")
                .isEqualTo("PROMPT_TEMPLATE_UNKNOWN_VARIABLE");
    }

    @Test
    void templatesThatDoNotParseOrAreBlankAreRefused() {
        assertThatThrownBy(() -> renderer.validate(PromptType.TICKET_RESEARCH, "{{#ticketTitle}} never closed"))
                .extracting("code")
                .isEqualTo("PROMPT_TEMPLATE_INVALID");
        assertThatThrownBy(() -> renderer.validate(PromptType.TICKET_RESEARCH, "  "))
                .extracting("code")
                .isEqualTo("PROMPT_TEMPLATE_BLANK");
    }

    @ParameterizedTest
    @EnumSource(PromptType.class)
    void everyBuiltInTemplateIsValidForItsType(PromptType type) {
        renderer.validate(type, type.builtInTemplate());

        assertThat(renderer.render(type.builtInTemplate(), Map.of())).isNotBlank();
    }
}
