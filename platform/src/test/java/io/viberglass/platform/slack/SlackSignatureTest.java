package io.viberglass.platform.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.viberglass.common.security.SecretValue;
import io.viberglass.platform.infra.errors.DomainException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SlackSignatureTest {
    // the worked example in Slack's "Verifying requests from Slack" guide
    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final long TIMESTAMP = 1531420618;
    private static final byte[] BODY = ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&"
                    + "channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&"
                    + "command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F"
                    + "T1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121."
                    + "803a0bc887a14d10d2c447fce8b6703c")
            .getBytes(StandardCharsets.UTF_8);
    private static final String EXPECTED = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private SlackSignature at(long epochSecond) {
        return new SlackSignature(
                Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC), Duration.ofMinutes(5));
    }

    @Test
    void signsLikeSlacksWorkedExample() {
        assertThat(SlackSignature.sign(SECRET, TIMESTAMP, BODY)).isEqualTo(EXPECTED);
    }

    @Test
    void acceptsTheExampleWithinFiveMinutes() {
        assertThatCode(() -> at(TIMESTAMP + 299).verify(SecretValue.of(SECRET), "1531420618", EXPECTED, BODY))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAReplayAfterFiveMinutesAndOneFromTheFuture() {
        assertThatThrownBy(() -> at(TIMESTAMP + 301).verify(SecretValue.of(SECRET), "1531420618", EXPECTED, BODY))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("timestamp");
        assertThatThrownBy(() -> at(TIMESTAMP - 301).verify(SecretValue.of(SECRET), "1531420618", EXPECTED, BODY))
                .isInstanceOf(DomainException.class);
    }

    @Test
    void refusesATamperedBodyAMissingSignatureAndAGarbledTimestamp() {
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8)
                .replace("roadrunner", "coyote")
                .getBytes(StandardCharsets.UTF_8);
        SlackSignature now = at(TIMESTAMP);

        assertThatThrownBy(() -> now.verify(SecretValue.of(SECRET), "1531420618", EXPECTED, tampered))
                .hasMessageContaining("does not match");
        assertThatThrownBy(() -> now.verify(SecretValue.of(SECRET), "1531420618", null, BODY))
                .hasMessageContaining("not signed");
        assertThatThrownBy(() -> now.verify(SecretValue.of(SECRET), "yesterday", EXPECTED, BODY))
                .hasMessageContaining("not a number");
        assertThatThrownBy(() -> now.verify(SecretValue.of(SECRET), null, EXPECTED, BODY))
                .hasMessageContaining("no timestamp");
    }
}
