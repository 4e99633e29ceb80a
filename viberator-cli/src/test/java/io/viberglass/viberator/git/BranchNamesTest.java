package io.viberglass.viberator.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BranchNamesTest {
    static final Instant NOW = Instant.parse("2026-11-28T10:15:30.123Z");

    @Test
    void defaultTemplateUsesTheTicketId() {
        assertThat(BranchNames.render(null, "job-1", "T-42", null, null, NOW)).isEqualTo("viberator/T-42");
    }

    @Test
    void placeholdersAllowSpacesAndFallBackSensibly() {
        String name = BranchNames.render(
                "bot/{{ original_ticket }}/{{clanker}}-{{ date }}-{{timestamp}}-{{jobId}}",
                "job-1",
                null,
                null,
                null,
                NOW);

        assertThat(name).isEqualTo("bot/job-1/unknown-clanker-2026-11-28-20261128T101530-job-1");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                " feature//Fix the   bug! | feature/Fix-the-bug-",
                "/.hidden/x.lock | hidden/x",
                "a/../b | a/b",
                "release. | release"
            })
    void sanitizesToAValidRefName(String raw, String expected) {
        assertThat(BranchNames.sanitize(raw)).isEqualTo(expected);
    }

    @Test
    void anEmptyRenderingFallsBackToTheJobId() {
        assertThat(BranchNames.render("{{unknown}}", "job-9", null, null, null, NOW))
                .isEqualTo("viberator/job-9");
    }
}
