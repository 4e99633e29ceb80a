package io.viberglass.platform.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.request.files.FilesCompleteUploadExternalRequest;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.files.FilesGetUploadURLExternalResponse;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.model.view.View;
import io.dropwizard.lifecycle.Managed;
import io.viberglass.common.security.SecretValue;
import io.viberglass.platform.secrets.PlatformSecrets;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Slack Web API calls the app makes, through the Slack SDK's methods client with the bot token read from the
 * platform's secrets at each call. Failures come back as {@link SlackCallException}s that say whether, and when, a
 * retry makes sense.
 */
public class SlackApi implements Managed {
    /** {@code ok: false} errors that are Slack's own trouble, worth another try. */
    private static final Set<String> TRANSIENT_ERRORS =
            Set.of("ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout");

    private final Slack slack;
    private final PlatformSecrets secrets;
    private final SlackSettings settings;
    private final HttpClient uploads =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public SlackApi(SlackSettings settings, PlatformSecrets secrets) {
        this.settings = settings;
        this.secrets = secrets;
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.getApiUrl());
        config.setStatsEnabled(false);
        config.setPrettyResponseLoggingEnabled(false);
        config.setHttpClientReadTimeoutMillis(10_000);
        config.setHttpClientWriteTimeoutMillis(10_000);
        this.slack = Slack.getInstance(config);
    }

    /** The SDK instance, for Bolt's app (its own client stays unused: every call goes through this class). */
    Slack slack() {
        return slack;
    }

    @Override
    public void start() {}

    @Override
    public void stop() throws Exception {
        slack.close();
    }

    public void openView(String triggerId, View view) {
        call(methods ->
                methods.viewsOpen(request -> request.triggerId(triggerId).view(view)));
    }

    /** Posts a message (in a thread when {@code threadTs} is set) and returns its {@code ts}. */
    public String postMessage(String channel, String threadTs, String text, String blocksJson) {
        ChatPostMessageResponse response = call(methods -> methods.chatPostMessage(request -> request.channel(channel)
                .threadTs(threadTs)
                .text(text)
                .blocksAsString(blocksJson)
                .unfurlLinks(false)));
        return response.getTs();
    }

    public void postEphemeral(String channel, String threadTs, String user, String text) {
        call(methods -> methods.chatPostEphemeral(request ->
                request.channel(channel).threadTs(threadTs).user(user).text(text)));
    }

    /** Uploads a text file into a thread: get an upload URL, send the bytes there, then complete the upload. */
    public void uploadFile(String channel, String threadTs, String filename, String title, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        FilesGetUploadURLExternalResponse target = call(methods -> methods.filesGetUploadURLExternal(
                request -> request.filename(filename).length(bytes.length)));
        send(target.getUploadUrl(), bytes);
        call(methods -> methods.filesCompleteUploadExternal(
                request -> request.files(List.of(FilesCompleteUploadExternalRequest.FileDetails.builder()
                                .id(target.getFileId())
                                .title(title)
                                .build()))
                        .channelId(channel)
                        .threadTs(threadTs)));
    }

    /** The e-mail address on a Slack user's profile (needs the {@code users:read.email} scope). */
    public Optional<String> email(String userId) {
        UsersInfoResponse response = call(methods -> methods.usersInfo(request -> request.user(userId)));
        if (response.getUser() == null || response.getUser().getProfile() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(response.getUser().getProfile().getEmail()).filter(email -> !email.isBlank());
    }

    private interface Call<T extends SlackApiTextResponse> {
        T apply(MethodsClient methods) throws IOException, SlackApiException;
    }

    private <T extends SlackApiTextResponse> T call(Call<T> call) {
        SecretValue token = secrets.find(settings.getBotTokenName())
                .orElseThrow(() -> new SlackCallException(
                        SlackCallException.Kind.TRANSIENT, "The Slack bot token is not configured", null));
        T response;
        try {
            response = call.apply(slack.methods(token.reveal()));
        } catch (SlackApiException e) {
            throw failure(e);
        } catch (IOException e) {
            throw new SlackCallException(
                    SlackCallException.Kind.TRANSIENT, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        }
        if (!response.isOk()) {
            String error = response.getError();
            SlackCallException.Kind kind = TRANSIENT_ERRORS.contains(error)
                    ? SlackCallException.Kind.TRANSIENT
                    : SlackCallException.Kind.PERMANENT;
            throw new SlackCallException(kind, "Slack answered " + error, null);
        }
        return response;
    }

    private static SlackCallException failure(SlackApiException e) {
        int status = e.getResponse().code();
        if (status == 429) {
            return new SlackCallException(
                    SlackCallException.Kind.RATE_LIMITED,
                    "Slack rate limited the call",
                    retryAfter(e.getResponse().header("Retry-After")));
        }
        SlackCallException.Kind kind =
                status >= 500 ? SlackCallException.Kind.TRANSIENT : SlackCallException.Kind.PERMANENT;
        return new SlackCallException(kind, "Slack answered HTTP " + status, null);
    }

    private static Duration retryAfter(String header) {
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(header == null ? "" : header.trim())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(30);
        }
    }

    private void send(String uploadUrl, byte[] bytes) {
        try {
            HttpResponse<Void> response = uploads.send(
                    HttpRequest.newBuilder(URI.create(uploadUrl))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/octet-stream")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                throw new SlackCallException(
                        SlackCallException.Kind.TRANSIENT,
                        "Slack's upload URL answered HTTP " + response.statusCode(),
                        null);
            }
        } catch (IOException e) {
            throw new SlackCallException(
                    SlackCallException.Kind.TRANSIENT,
                    "File upload failed: " + e.getClass().getSimpleName(),
                    null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlackCallException(SlackCallException.Kind.TRANSIENT, "interrupted", null);
        }
    }
}
