package io.viberglass.platform.slack;

import com.slack.api.bolt.response.Response;
import io.swagger.v3.oas.annotations.Hidden;
import io.viberglass.common.security.SecretValue;
import io.viberglass.platform.auth.PublicEndpoint;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.infra.errors.ErrorKind;
import io.viberglass.platform.secrets.PlatformSecrets;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /api/webhooks/slack}: the Slack app's one request URL (slash command, interactivity, events). The raw body
 * is read up to a bound and its signature checked before anything parses it; then Bolt routes it. Slack's protocol,
 * not part of the platform's API description.
 */
@Hidden
@PublicEndpoint(reason = "Slack's request signature (the app's signing secret) authenticates every call")
@Path("/webhooks/slack")
public class SlackResource {
    private final SlackSettings settings;
    private final PlatformSecrets secrets;
    private final SlackSignature signature;
    private final SlackBolt bolt;

    public SlackResource(SlackSettings settings, PlatformSecrets secrets, SlackSignature signature, SlackBolt bolt) {
        this.settings = settings;
        this.secrets = secrets;
        this.signature = signature;
        this.bolt = bolt;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public jakarta.ws.rs.core.Response receive(@Context HttpHeaders headers, InputStream body) throws Exception {
        if (!settings.isEnabled()) {
            throw DomainException.notFound("SLACK_DISABLED", "The Slack app is not enabled");
        }
        String timestamp = headers.getHeaderString("X-Slack-Request-Timestamp");
        String signed = headers.getHeaderString("X-Slack-Signature");
        if (timestamp == null || signed == null) {
            throw DomainException.unauthorized("The Slack request is not signed");
        }
        byte[] raw = read(body, settings.getMaxBodyBytes());
        SecretValue secret = secrets.find(settings.getSigningSecretName())
                .orElseThrow(() -> new DomainException(
                        ErrorKind.UNAVAILABLE, "SLACK_NOT_CONFIGURED", "The Slack signing secret is not configured"));
        signature.verify(secret, timestamp, signed, raw);
        String text = new String(raw, StandardCharsets.UTF_8);
        if (headers.getHeaderString("X-Slack-Retry-Num") != null || text.startsWith("ssl_check=1")) {
            // Slack retries an event it thinks was not acknowledged in time; the first delivery was handled
            return jakarta.ws.rs.core.Response.ok().build();
        }
        Response answer = bolt.handle("/api/webhooks/slack", text, headers.getRequestHeaders());
        jakarta.ws.rs.core.Response.ResponseBuilder reply = jakarta.ws.rs.core.Response.status(answer.getStatusCode());
        if (answer.getBody() != null && !answer.getBody().isEmpty()) {
            reply.entity(answer.getBody()).type(answer.getContentType());
        }
        return reply.build();
    }

    private static byte[] read(InputStream body, int limit) {
        try {
            byte[] bytes = body.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new DomainException(
                        ErrorKind.TOO_LARGE, "SLACK_BODY_TOO_LARGE", "A Slack request is at most " + limit + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
