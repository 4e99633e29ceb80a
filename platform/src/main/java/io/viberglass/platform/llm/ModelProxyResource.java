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
 * The model API as a job's agent sees it: Anthropic Messages, OpenAI (Chat Completions, Responses), Gemini
 * ({@code generateContent}, {@code streamGenerateContent}) and the OpenAI-compatible Qwen, Kimi and Mistral APIs under
 * {@code /api/llm/{jobId}/{provider}/…}, authenticated by the job's proxy token in {@code x-api-key},
 * {@code x-goog-api-key}, {@code ?key=} or {@code Authorization: Bearer}. Answers and refusals are in the provider's own format, so the CLI handles them as it
 * would its provider's.
 */
@Path("/llm/{jobId}")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.WILDCARD)
@Tag(name = "model proxy")
@PublicEndpoint(
        reason =
                "agents authenticate with their job's proxy token (x-api-key, x-goog-api-key, ?key= or Bearer), compared as a hash by "
                        + "ModelProxy and valid only while the job runs; user sessions are not accepted")
public class ModelProxyResource {
    private final ModelProxy proxy;
    private final Executor streams;

    /** @param streams runs the relay of event streams, which Jersey writes chunk by chunk only from another thread */
    public ModelProxyResource(ModelProxy proxy, Executor streams) {
        this.proxy = proxy;
        this.streams = streams;
    }

    /**
     * Every provider's routes in one: {@link ModelProvider#allows} says which paths each one passes on (Anthropic
     * {@code v1/messages}, OpenAI {@code v1/responses} and {@code v1/chat/completions}, Gemini
     * {@code v1beta/models/{model}:streamGenerateContent} …, Qwen, Kimi and Mistral {@code chat/completions}).
     */
    @POST
    @Path("/{provider}/{path: .+}")
    @Operation(
            summary = "A model API call through the credential broker (streaming included)",
            description =
                    "provider: anthropic, openai, gemini, qwen, kimi or mistral; path: the provider's own API path")
    public Response call(
            @PathParam("jobId") UUID jobId,
            @PathParam("provider") String provider,
            @PathParam("path") String path,
            @Context HttpHeaders headers,
            @Context UriInfo uri,
            byte[] body) {
        ModelProvider target = ModelProvider.fromWire(provider).orElse(null);
        if (target == null || !target.allows(path)) {
            // no provider to answer in the format of: OpenAI's shape is what most clients read
            ModelProvider format = target == null ? ModelProvider.OPENAI : target;
            return refuse(
                    format,
                    new ProxyRefusal(
                            404,
                            "not_found_error",
                            "unknown_route",
                            "The Viberglass model proxy does not pass on " + provider + "/" + path));
        }
        return forward(jobId, target, path, headers, uri, body == null ? new byte[0] : body);
    }

    private Response forward(
            UUID jobId, ModelProvider provider, String path, HttpHeaders headers, UriInfo uri, byte[] body) {
        try {
            ModelProxy.Relay relay = proxy.forward(
                    jobId,
                    provider,
                    path,
                    uri.getRequestUri().getRawQuery(),
                    token(headers, uri),
                    headers.getRequestHeaders(),
                    body);
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
            return refuse(provider, refusal);
        }
    }

    private static Response refuse(ModelProvider provider, ProxyRefusal refusal) {
        Response.ResponseBuilder response = Response.status(refusal.status())
                .type(MediaType.APPLICATION_JSON)
                .entity(provider.error(refusal.status(), refusal.type(), refusal.code(), refusal.getMessage()));
        refusal.headers().forEach(response::header);
        return response.build();
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

    /**
     * Claude Code sends {@code x-api-key}, Google's SDK {@code x-goog-api-key} (older clients {@code ?key=}), the
     * OpenAI-compatible CLIs and {@code ANTHROPIC_AUTH_TOKEN} users a bearer token.
     */
    static String token(HttpHeaders headers, UriInfo uri) {
        for (String header : new String[] {"x-api-key", "x-goog-api-key"}) {
            String apiKey = headers.getHeaderString(header);
            if (apiKey != null && !apiKey.isBlank()) {
                return apiKey.trim();
            }
        }
        String queryKey = uri.getQueryParameters().getFirst("key");
        if (queryKey != null && !queryKey.isBlank()) {
            return queryKey.trim();
        }
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return null;
    }
}
