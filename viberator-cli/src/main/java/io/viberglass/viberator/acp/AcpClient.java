package io.viberglass.viberator.acp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The client end of the Agent Client Protocol: newline-delimited JSON-RPC 2.0 over an agent process's stdin and
 * stdout. Requests return futures; notifications from the agent are handed to the {@link Handler} on the reader thread
 * in the order they arrive; requests from the agent run on their own threads (a permission request can wait for a
 * person for minutes, and the agent's other messages must keep flowing meanwhile).
 *
 * <p>When the agent's stdout ends, every pending request fails at once with {@link AcpException.ProcessExited}, and so
 * does every later one: a dead agent ends the turn instead of leaving it waiting forever (upstream hung there).
 */
public final class AcpClient implements AutoCloseable {
    /** JSON-RPC's "method not found": the answer to agent requests for capabilities we did not advertise. */
    static final int METHOD_NOT_FOUND = -32601;

    static final int INTERNAL_ERROR = -32603;

    /** Receives what the agent sends on its own initiative. */
    public interface Handler {
        /** A notification such as {@code session/update}; called on the reader thread, so keep it quick. */
        void onNotification(String method, JsonNode params);

        /**
         * A request from the agent, such as {@code session/request_permission}; may block.
         *
         * @return the JSON-RPC result
         * @throws AcpException.RemoteError to answer with a JSON-RPC error instead
         */
        Object onRequest(String method, JsonNode params) throws AcpException.RemoteError;
    }

    private final Process process;
    private final ObjectMapper mapper;
    private final Handler handler;
    private final Consumer<String> stderr;
    private final OutputStream stdin;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final ExecutorService agentRequests;
    private final CompletableFuture<Integer> exited = new CompletableFuture<>();
    private final CompletableFuture<Void> stderrClosed = new CompletableFuture<>();
    private final Object writeLock = new Object();
    private volatile AcpException.ProcessExited death;

    private record Pending(String method, CompletableFuture<JsonNode> future) {}

    /**
     * Starts reading the process's stdout and stderr at once.
     *
     * @param stderr receives each stderr line (the caller logs them as warnings)
     */
    public AcpClient(Process process, ObjectMapper mapper, Handler handler, Consumer<String> stderr) {
        this.process = process;
        this.mapper = mapper;
        this.handler = handler;
        this.stderr = stderr;
        this.stdin = process.getOutputStream();
        this.agentRequests = Executors.newCachedThreadPool(daemon("acp-agent-request"));
        daemon("acp-reader").newThread(this::readStdout).start();
        daemon("acp-stderr").newThread(this::readStderr).start();
    }

    /** Sends a request; the future fails with {@link AcpException} on an error answer or when the agent dies. */
    public CompletableFuture<JsonNode> request(String method, Object params) {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonNode> future = new CompletableFuture<>();
        AcpException.ProcessExited dead = death;
        if (dead != null) {
            future.completeExceptionally(dead.pending(method));
            return future;
        }
        pending.put(id, new Pending(method, future));
        ObjectNode message = envelope();
        message.put("id", id);
        message.put("method", method);
        message.set("params", mapper.valueToTree(params));
        try {
            write(message);
        } catch (IOException e) {
            pending.remove(id);
            future.completeExceptionally(new AcpException("could not send " + method + " to the agent: " + e, e));
        }
        // the reader may have seen the end of stdout between the check above and put(): do not leave this one behind
        dead = death;
        if (dead != null && pending.remove(id) != null) {
            future.completeExceptionally(dead.pending(method));
        }
        return future;
    }

    /** Sends a notification (no answer expected); a broken pipe is ignored, since the agent is gone anyway. */
    public void notify(String method, Object params) {
        ObjectNode message = envelope();
        message.put("method", method);
        message.set("params", mapper.valueToTree(params));
        try {
            write(message);
        } catch (IOException e) {
            // the agent has exited; the reader reports that
        }
    }

    /** Completes with the process's exit code once its stdout has ended and it has exited. */
    public CompletableFuture<Integer> exited() {
        return exited;
    }

    /** Completes once every stderr line has been handed on (the agent closed its stderr). */
    public CompletableFuture<Void> stderrClosed() {
        return stderrClosed;
    }

    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException e) {
            // already closed by the agent's exit
        }
        agentRequests.shutdownNow();
    }

    private void readStdout() {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    dispatch(line);
                }
            }
        } catch (IOException e) {
            // the stream broke: treated as the end of the agent below
        } finally {
            int code = waitForExit();
            AcpException.ProcessExited dead = new AcpException.ProcessExited(code);
            death = dead;
            pending.forEach((id, call) -> {
                if (pending.remove(id) != null) {
                    call.future().completeExceptionally(dead.pending(call.method()));
                }
            });
            exited.complete(code);
        }
    }

    private void dispatch(String line) {
        JsonNode message;
        try {
            message = mapper.readTree(line);
        } catch (JsonProcessingException e) {
            // agents sometimes print banners to stdout; they are not protocol messages
            stderr.accept("(stdout, not JSON-RPC) " + line);
            return;
        }
        if (!message.isObject()) {
            stderr.accept("(stdout, not JSON-RPC) " + line);
            return;
        }
        JsonNode method = message.get("method");
        JsonNode id = message.get("id");
        if (method != null && method.isTextual()) {
            JsonNode params = message.path("params");
            if (id == null || id.isNull()) {
                try {
                    handler.onNotification(method.asText(), params);
                } catch (RuntimeException e) {
                    stderr.accept("(worker) could not handle " + method.asText() + ": " + e);
                }
            } else {
                agentRequests.execute(() -> answer(id, method.asText(), params));
            }
            return;
        }
        if (id != null && id.canConvertToLong()) {
            Pending call = pending.remove(id.asLong());
            if (call == null) {
                return;
            }
            JsonNode error = message.get("error");
            if (error != null && !error.isNull()) {
                call.future()
                        .completeExceptionally(new AcpException.RemoteError(
                                error.path("code").asInt(INTERNAL_ERROR),
                                call.method() + " failed: "
                                        + error.path("message").asText("error without a message")));
            } else {
                call.future().complete(message.path("result"));
            }
        }
    }

    private void answer(JsonNode id, String method, JsonNode params) {
        ObjectNode reply = envelope();
        reply.set("id", id);
        try {
            reply.set("result", mapper.valueToTree(handler.onRequest(method, params)));
        } catch (AcpException.RemoteError e) {
            reply.set("error", error(e.code(), e.getMessage()));
        } catch (RuntimeException e) {
            reply.set("error", error(INTERNAL_ERROR, "the client failed: " + e.getMessage()));
        }
        try {
            write(reply);
        } catch (IOException e) {
            // the agent is gone; nobody is waiting for this answer
        }
    }

    private ObjectNode error(int code, String message) {
        ObjectNode error = mapper.createObjectNode();
        error.put("code", code);
        error.put("message", message);
        return error;
    }

    private void readStderr() {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                stderr.accept(line);
            }
        } catch (IOException e) {
            // the process is gone
        } finally {
            stderrClosed.complete(null);
        }
    }

    private void write(ObjectNode message) throws IOException {
        byte[] bytes = (mapper.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (writeLock) {
            stdin.write(bytes);
            stdin.flush();
        }
    }

    private ObjectNode envelope() {
        ObjectNode message = mapper.createObjectNode();
        message.put("jsonrpc", "2.0");
        return message;
    }

    private int waitForExit() {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
