package io.viberglass.platform.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.viberglass.platform.tickets.WorkflowPhase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MentionCommandTest {
    @ParameterizedTest(name = "in {1}: \"{0}\" -> {2}")
    @CsvSource(
            delimiter = ';',
            value = {
                "<@U0BOT>;RESEARCH;Hint[]",
                "<@U0BOT> advance;RESEARCH;Advance[target=PLANNING]",
                "<@U0BOT> Next!;PLANNING;Advance[target=EXECUTION]",
                "<@U0BOT> proceed;RESEARCH;Advance[target=PLANNING]",
                "<@U0BOT> plan it;RESEARCH;Advance[target=PLANNING]",
                "<@U0BOT> LGTM.;RESEARCH;Advance[target=PLANNING]",
                "<@U0BOT> looks good;PLANNING;Advance[target=EXECUTION]",
                "<@U0BOT> ship it;PLANNING;Advance[target=EXECUTION]",
                "<@U0BOT> let's go;RESEARCH;Chain[first=PLANNING]",
                "<@U0BOT> chain;RESEARCH;Chain[first=PLANNING]",
                "<@U0BOT> chain;PLANNING;Chain[first=EXECUTION]",
                "<@U0BOT> revise also check the cache;PLANNING;Revise[feedback=also check the cache]",
                "<@U0BOT|viberator> the plan misses tests;PLANNING;Revise[feedback=the plan misses tests]",
                "<@U0BOT> revise;RESEARCH;Hint[]",
                "<@U0BOT> do it again;EXECUTION;NotRevisable[]",
            })
    void readsWhatTheMentionAsksFor(String text, WorkflowPhase mode, String expected) {
        assertThat(MentionCommand.parse(text, mode)).hasToString(expected);
    }
}
