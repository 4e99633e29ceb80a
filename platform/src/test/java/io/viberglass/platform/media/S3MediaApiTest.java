package io.viberglass.platform.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.FakeS3;
import io.viberglass.platform.testing.Multipart;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With a bucket configured, ticket media goes to S3 (a fake speaking S3's REST format) instead of the disk. */
@ExtendWith(DropwizardExtensionsSupport.class)
class S3MediaApiTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(S3MediaApiTest.class);

    static final FakeS3 S3 = new FakeS3();
    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(
            DB,
            ConfigOverride.config("media.s3Bucket", "viberglass-media"),
            ConfigOverride.config("media.s3Prefix", "ticket-media"),
            ConfigOverride.config("media.s3Region", "eu-west-1"),
            ConfigOverride.config("media.s3Endpoint", S3.endpoint()));

    private final Api api = Api.of(APP);

    @AfterAll
    static void stopS3() {
        S3.close();
    }

    static {
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "test-secret");
    }

    @Test
    void screenshotsAreStoredInTheBucketServedBackAndDeletedWithTheirTicket() {
        String projectId = api.post("/api/projects", Map.of("name", "S3 " + UUID.randomUUID()))
                .expect(201)
                .json()
                .get("id")
                .asText();
        Multipart form = new Multipart()
                .field("projectId", projectId)
                .field("title", "Broken layout")
                .file("screenshot", "layout.png", "image/png", Multipart.png());

        JsonNode ticket = api.raw("POST", "/api/tickets", form.contentType(), form.bytes())
                .expect(201)
                .json();

        String mediaId = ticket.at("/media/0/id").asText();
        String key = "viberglass-media/ticket-media/screenshots/" + mediaId + ".png";
        assertThat(S3.objects()).containsKey(key);
        assertThat(S3.objects().get(key).content()).isEqualTo(Multipart.png());
        assertThat(S3.objects().get(key).contentType()).isEqualTo("image/png");
        assertThat(S3.authorization(key)).startsWith("AWS4-HMAC-SHA256 Credential=AKIDTEST/");
        assertThat(api.bytes(ticket.at("/media/0/url").asText())).isEqualTo(Multipart.png());

        api.delete("/api/tickets/" + ticket.get("id").asText()).expect(204);

        assertThat(S3.objects()).doesNotContainKey(key);
    }
}
