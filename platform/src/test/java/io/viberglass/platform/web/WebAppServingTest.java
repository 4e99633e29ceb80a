package io.viberglass.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The platform serves the dashboard at {@code /}: its files, the SPA fallback, cache headers and security headers. */
@ExtendWith(DropwizardExtensionsSupport.class)
class WebAppServingTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(WebAppServingTest.class);

    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(DB);

    private final Api api = Api.of(APP);

    @Test
    void rootServesTheAppShellWithoutInlineScriptsAndRevalidated() {
        var reply = api.get("/").expect(200);

        assertThat(reply.header("Content-Type")).startsWith("text/html");
        assertThat(reply.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(reply.header("Content-Security-Policy")).contains("default-src 'self'", "script-src 'self'");
        assertThat(reply.body()).contains("<div id=\"root\"></div>", "<script type=\"module\"");
        assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>")
                        .matcher(reply.body())
                        .find())
                .as("an inline script would be blocked by the CSP")
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/projects/shop", "/projects/shop/tickets/123", "/projects/new", "/secrets"})
    void deepLinksLoadTheApp(String path) {
        var reply = api.get(path).expect(200);

        assertThat(reply.header("Content-Type")).startsWith("text/html");
        assertThat(reply.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(reply.body()).contains("<div id=\"root\"></div>");
    }

    @Test
    void hashedAssetsAreCachedForAYear() {
        String script = firstMatch(api.get("/").body(), "src=\"(/assets/[^\"]+\\.js)\"");
        String style = firstMatch(api.get("/").body(), "href=\"(/assets/[^\"]+\\.css)\"");

        var js = api.get(script).expect(200);
        assertThat(js.header("Content-Type")).startsWith("text/javascript");
        assertThat(js.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        assertThat(api.get(style).expect(200).header("Content-Type")).startsWith("text/css");
        assertThat(api.get("/favicon.svg").expect(200).header("Content-Type")).startsWith("image/svg+xml");
    }

    @Test
    void missingFilesAre404NotTheApp() {
        var reply = api.get("/assets/index-0000.js").expect(404);

        assertThat(reply.json().get("code").asText()).isEqualTo("NOT_FOUND");
        api.get("/robots.txt").expect(404);
    }

    @Test
    void theApiAndHealthKeepTheirOwnAnswers() {
        assertThat(api.get("/api/no-such-thing").expect(404).header("Content-Type"))
                .startsWith("application/json");
        assertThat(api.get("/api/projects").expect(200).json().has("data")).isTrue();
        assertThat(api.get("/health").expect(200).json().get("status").asText()).isEqualTo("ok");
    }

    private static String firstMatch(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("%s in %s", regex, text).isTrue();
        return matcher.group(1);
    }
}
