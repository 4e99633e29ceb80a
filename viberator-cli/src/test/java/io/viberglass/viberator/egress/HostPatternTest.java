package io.viberglass.viberator.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.viberglass.common.egress.HostPattern;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostPatternTest {
    final EgressAllowList list = EgressAllowList.parse(List.of("*.example.com,github.com", "10.0.0.7:8080", "[::1]"));

    @Test
    void aWildcardMatchesSubdomainsOnlyNotLookalikesNorTheDomainItself() {
        assertThat(list.allows("api.example.com", 443)).isTrue();
        assertThat(list.allows("a.b.example.com", 443)).isTrue();
        assertThat(list.allows("evil-example.com", 443)).isFalse();
        assertThat(list.allows("example.com", 443)).isFalse();
        assertThat(list.allows("example.com.evil.net", 443)).isFalse();
        assertThat(list.allows("notgithub.com", 443)).isFalse();
        assertThat(list.allows("github.com.evil.net", 443)).isFalse();
    }

    @Test
    void caseAndOneTrailingDotAreTheSameHost() {
        assertThat(list.allows("GitHub.COM", 443)).isTrue();
        assertThat(list.allows("github.com.", 443)).isTrue();
        assertThat(list.allows("API.Example.Com.", 443)).isTrue();
        assertThat(list.allows("github.com..", 443)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "github.com@evil.net",
                "evil.net#github.com",
                "evil.net/github.com",
                "github.com evil.net",
                "",
                "github.com:443"
            })
    void anythingButAPlainHostnameIsNoHostAtAll(String host) {
        assertThat(list.allows(host, 443)).isFalse();
    }

    @Test
    void ipLiteralsMatchOnlyWhenListedLiterallyAndNeverThroughAWildcardOrADisguise() {
        assertThat(list.allows("10.0.0.7", 8080)).isTrue();
        assertThat(list.allows("10.0.0.7", 80)).isFalse();
        assertThat(list.allows("010.0.0.7", 8080)).isFalse();
        assertThat(list.allows("167772167", 8080)).isFalse();
        assertThat(list.allows("[::1]", 443)).isTrue();
        assertThat(list.allows("::1", 443)).isTrue();
        assertThat(EgressAllowList.parse(List.of("*.example.com")).allows("1.2.3.4", 443))
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"*.com", "*", "https://github.com", "github.com/path", "a b", "host:99999", "*.1.2.3.4"})
    void invalidEntriesAreRefusedWithAReason(String entry) {
        assertThatThrownBy(() -> HostPattern.parse(entry))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'");
    }

    @Test
    void entriesKeepTheirCanonicalSpelling() {
        assertThat(HostPattern.parse("*.Example.COM.:8443")).hasToString("*.example.com:8443");
        assertThat(HostPattern.parse("[::1]:3128")).hasToString("[::1]:3128");
    }
}
