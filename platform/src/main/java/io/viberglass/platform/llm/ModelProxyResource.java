package io.viberglass.platform.llm;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.platform.auth.PublicEndpoint;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.glassfish.jersey.server.ChunkedOutput;

/**
 * The model API as a job's agent sees it: Anthropic Messages and OpenAI (Chat Completions, Responses) under
 * {@code /api/llm/{jobId}/…}, authenticated by the job's proxy token in {@code x-api-key} or
 * {@code Authorization: Bearer}. Answers and refusals are in the provider's own format, so the CLI handles them as it
 * would its provider's.
 */
@Path("/llm/{jobId}")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.WILDCARD)
@Tag(name = "model proxy")
@PublicEndpoint(
        reason = "agents authenticate with their job's proxy token (x-api-key or Bearer), compared as a hash by "
                + "ModelProxy and valid only while the job runs; user sessions are not accepted")
public class ModelProxyResource {
    private final ModelProxy proxy;
    private final Executor streams;

    /** @param streams runs the relay of event streams, which Jersey writes chunk by chunk only from another thread */
    public ModelProxyResource(ModelProxy proxy, Executor streams) {
        this.proxy = proxy;
        this.streams = streams;
    }

    @POST
    @Path("/anthropic/v1/messages")
    @Operation(summary = "Anthropic Messages API through the credential broker (streaming included)")
    public Response anthropicMessages(
            @PathParam("jobId") UUID jobId, @Context HttpHeaders headers, @Context UriInfo uri, byte[] body) {
        return forward(jobId, ModelProvider.ANTHROPIC, "v1/messages", headers, uri, body);
    }

    @POST
    @Path("/anthropic/v1/messages/count_tokens")
    @Operation(summary = "Anthropic token counting through the credential broker")
    public Response anthropicCountTokens(
            @PathParam("jobId") UUID jobId, @Context HttpHeaders headers, @Context UriInfo uri, byte[] body) {
        return forward(jobId, ModelProvider.ANTHROPIC, "v1/messages/count_tokens", headers, uri, body);
    }

    @POST
    @Path("/openai/v1/chat/completions")
    @Operation(summary = "OpenAI Chat Completions through the credential broker (streaming included)")
    public Response openaiChatCompletions(
            @PathParam("jobId") UUID jobId, @Context HttpHeaders headers, @Context UriInfo uri, byte[] body) {
        return forward(jobId, ModelProvider.OPENAI, "v1/chat/completions", headers, uri, body);
    }

    @POST
    @Path("/openai/v1/responses")
    @Operation(summary = "OpenAI Responses API through the credential broker (streaming included)")
    public Response openaiResponses(
            @PathParam("jobId") UUID jobId, @Context HttpHeaders headers, @Context UriInfo uri, byte[] body) {
        return forward(jobId, ModelProvider.OPENAI, "v1/responses", headers, uri, body);
    }

    private Response forward(
            UUID jobId, ModelProvider provider, String path, HttpHeaders headers, UriInfo uri, byte[] body) {
        try {
            ModelProxy.Relay relay = proxy.forward(
                    jobId,
                    provider,
                    path,
                    uri.getRequestUri().getRawQuery(),
                    token(headers),
                    headers.getRequestHeaders(),
                    body == null ? new byte[0] : body);
            Response.ResponseBuilder response = Response.status(relay.status()).type(relay.contentType());
            relay.headers().forEach((name, values) -> values.forEach(value -> response.header(name, value)));
            if (!relay.eventStream()) {
                return response.entity((StreamingOutput) out -> relay.body().writeTo(out))
                        .build();
            }
            // Jersey buffers a StreamingOutput until 8 KiB or its end; a ChunkedOutput goes out write by write
            ChunkedOutput<byte[]> chunks = new ChunkedOutput<>(byte[].class);
            streams.execute(() -> relay(relay, chunks));
            return response.entity(chunks).build();
        } catch (ProxyRefusal refusal) {
            Response.ResponseBuilder response = Response.status(refusal.status())
                    .type(MediaType.APPLICATION_JSON)
                    .entity(provider.error(refusal.type(), refusal.code(), refusal.getMessage()));
            refusal.headers().forEach(response::header);
            return response.build();
        }
    }

    private static void relay(ModelProxy.Relay relay, ChunkedOutput<byte[]> chunks) {
        try (chunks) {
            relay.body().writeTo(new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    chunks.write(new byte[] {(byte) b});
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    chunks.write(Arrays.copyOfRange(bytes, offset, offset + length));
                }
            });
        } catch (IOException e) {
            // the agent hung up, or the provider did: the usage seen so far is recorded either way
        }
    }

    /** Claude Code sends {@code x-api-key}; Codex and {@code ANTHROPIC_AUTH_TOKEN} users send a bearer token. */
    static String token(HttpHeaders headers) {
        String apiKey = headers.getHeaderString("x-api-key");
        if (apiKey != null && !apiKey.isBlank()) {
            return apiKey.trim();
        }
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return null;
    }
}
