package io.viberglass.platform.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.viberglass.platform.tickets.OutsideAuthor;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrustRulesTest {
    private static final UUID PROJECT = UUID.randomUUID();

    private static TrustSettings settings(boolean members, String... identities) {
        return new TrustSettings(PROJECT, List.of(identities), members, null, null);
    }

    @Test
    void listedIdentity_isTrusted_ignoringCaseOfGitHubLogins() {
        OutsideAuthor author = TrustRules.judge(settings(false, "github:OctoCat"), "github", "octocat", null);

        assertThat(author.trusted()).isTrue();
        assertThat(author.reason()).isEqualTo("github:octocat is on the project's trusted list");
    }

    @Test
    void jiraAccountIds_keepTheirCase() {
        assertThat(TrustRules.judge(settings(true, "jira:5b10aBC"), "jira", "5b10abc", null)
                        .trusted())
                .isFalse();
        assertThat(TrustRules.judge(settings(true, "jira:5b10aBC"), "jira", "5b10aBC", null)
                        .trusted())
                .isTrue();
    }

    @ParameterizedTest
    @CsvSource({"OWNER,true", "MEMBER,true", "COLLABORATOR,true", "CONTRIBUTOR,false", "NONE,false", "FIRST_TIMER,false"
    })
    void repositoryMembers_areTrustedWhileTheSwitchIsOn(String association, boolean trusted) {
        assertThat(TrustRules.judge(settings(true), "github", "maria", association)
                        .trusted())
                .isEqualTo(trusted);
        assertThat(TrustRules.judge(settings(false), "github", "maria", association)
                        .trusted())
                .isFalse();
    }

    @Test
    void providerWildcard_trustsEveryAuthorOfThatProviderOnly() {
        TrustSettings custom = settings(false, "custom:*");

        assertThat(TrustRules.judge(custom, "custom", "alertmanager", null).trusted())
                .isTrue();
        assertThat(TrustRules.judge(custom, "github", "alertmanager", null).trusted())
                .isFalse();
    }

    @Test
    void anUnnamedAuthor_isNeverTrusted_evenUnderAWildcard() {
        OutsideAuthor author = TrustRules.judge(settings(true, "custom:*"), "custom", null, null);

        assertThat(author.trusted()).isFalse();
        assertThat(author.reason()).isEqualTo("The custom payload names no author");
    }

    @Test
    void anIdentityOfAnotherProvider_doesNotCount() {
        OutsideAuthor author = TrustRules.judge(settings(true, "gitlab:mallory"), "github", "mallory", "NONE");

        assertThat(author.trusted()).isFalse();
        assertThat(author.reason())
                .contains("github:mallory is not on the project's trusted list")
                .contains("NONE");
    }

    @Test
    void normalize_dropsDuplicatesAndLowerCasesProviders() {
        assertThat(TrustRules.normalize(List.of("GitHub:Octo", "github:octo", "Jira:AbC")))
                .containsExactly("github:octo", "jira:AbC");
    }
}
