package io.viberglass.viberator.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** How results and progress look for a person on a terminal and in a CI log. */
class TerminalOutputTest {
    static final String PLAN =
            """
            # Plan

            Change **two** files:

            - `Home.tsx`: greet
              - nested step
            ```
            npm test
            ```
            """;

    @Test
    void aPlanWithoutColourKeepsItsStructureAndLosesTheMarkers() {
        assertThat(new MarkdownRenderer(false).render(PLAN))
                .isEqualTo("Plan\n\nChange two files:\n\n  • Home.tsx: greet\n    • nested step\n    npm test\n");
    }

    @Test
    void aPlanInColourHasBoldHeadingsAndHighlightedCode() {
        assertThat(new MarkdownRenderer(true).render(PLAN))
                .startsWith("\033[1;4mPlan\033[0m\n")
                .contains("\033[1mtwo\033[0m", "\033[36mHome.tsx\033[0m", "\033[2m    npm test\033[0m");
    }

    @Test
    void progressInACiLogIsOneLinePerChangeWithoutControlCodes() {
        StringWriter err = new StringWriter();
        ProgressLine progress = new ProgressLine(new PrintWriter(err), false, Clock.systemUTC());

        progress.update("research run queued");
        progress.update("research run queued");
        progress.update("research run active: clone");
        progress.done();

        assertThat(err.toString()).isEqualTo("research run queued\nresearch run active: clone\n");
    }

    @Test
    void progressOnATerminalRedrawsOneLineWithASpinnerAndTheElapsedTime() {
        StringWriter err = new StringWriter();
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        ProgressLine progress = new ProgressLine(new PrintWriter(err), true, clock);

        progress.update("research run active");
        progress.done();

        assertThat(err.toString()).isEqualTo("\r\033[2K⠋ research run active (0s)\r\033[2K");
    }

    @Test
    void tablesAlignColumnsAndClipLongCells() {
        StringWriter out = new StringWriter();
        TextTable.of("ID", 5, "TITLE", 8)
                .row("1", "Short")
                .row("22", "A very long title")
                .row("3", null)
                .print(new PrintWriter(out));

        assertThat(out.toString()).isEqualTo("ID  TITLE\n1   Short\n22  A very …\n3   -\n");
    }
}
