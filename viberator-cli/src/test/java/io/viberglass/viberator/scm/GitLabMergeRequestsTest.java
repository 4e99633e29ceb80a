package io.viberglass.viberator.scm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.viberglass.common.security.SecretValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** gitlab4j against GitLab's REST paths on WireMock: updating an open merge request, and refusals. */
class GitLabMergeRequestsTest {
    static final String TOKEN = "glpat-" + "m".repeat(20);

    @RegisterExtension
    static WireMockExtension gitlab = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    PullRequestRequest request() {
        return new PullRequestRequest(
                "https://gitlab.example/group/sub/shop.git",
                "https://gitlab.example/group/sub/shop.git",
                gitlab.baseUrl() + "/api/v4",
                "viberator/1",
                "main",
                "Fix it",
                "Body",
                true,
                SecretValue.of(TOKEN));
    }

    @Test
    void anOpenMergeRequestForTheBranchIsUpdatedNotDuplicated() throws Exception {
        gitlab.stubFor(
                get(urlPathEqualTo("/api/v4/projects/group%2Fsub%2Fshop")).willReturn(okJson("{\"id\":42}")));
        gitlab.stubFor(get(urlPathEqualTo("/api/v4/projects/42/merge_requests"))
                .withQueryParam("source_branch", equalTo("viberator/1"))
                .withQueryParam("state", equalTo("opened"))
                .willReturn(okJson("[{\"id\":9,\"iid\":5,\"web_url\":\"https://gitlab.example/mr/5\"}]")));
        gitlab.stubFor(put(urlPathEqualTo("/api/v4/projects/42/merge_requests/5"))
                .willReturn(okJson("{\"id\":9,\"iid\":5,\"web_url\":\"https://gitlab.example/mr/5\"}")));

        PullRequestRef ref = new GitLabMergeRequests().openOrUpdate(request());

        assertThat(ref).isEqualTo(new PullRequestRef("https://gitlab.example/mr/5", false));
        gitlab.verify(putRequestedFor(urlPathEqualTo("/api/v4/projects/42/merge_requests/5"))
                .withHeader("PRIVATE-TOKEN", equalTo(TOKEN)));
        gitlab.verify(0, postRequestedFor(urlPathEqualTo("/api/v4/projects/42/merge_requests")));
    }

    @Test
    void aRejectedTokenIsReportedAsACredentialProblemWithoutTheToken() {
        gitlab.stubFor(get(urlPathEqualTo("/api/v4/projects/group%2Fsub%2Fshop"))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"401 Unauthorized\"}")));

        assertThatThrownBy(() -> new GitLabMergeRequests().openOrUpdate(request()))
                .isInstanceOf(PullRequestException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageNotContaining(TOKEN)
                .satisfies(e -> assertThat(((PullRequestException) e).credentialRejected())
                        .isTrue());
    }
}
