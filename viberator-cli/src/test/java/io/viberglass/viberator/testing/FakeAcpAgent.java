package io.viberglass.viberator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A coding agent's ACP server in miniature: real newline-delimited JSON-RPC 2.0 over stdin and stdout, installed as an
 * executable by {@link FakeAcpAgents}. It advertises {@code loadSession}, keeps each session as a file under
 * {@code $HOME/.claude/fake-acp/} (so a turn resumes only when the conversation state came back), and plays the scenario
 * named by {@code FAKE_ACP_SCENARIO}:
 *
 * <ul>
 *   <li>{@code plan} (default): streams a message, a thought and a {@code Write PLAN.md} tool call, asks permission
 *       for it, writes {@code PLAN.md} only when allowed, reports the tool call completed or failed, sends a plan and
 *       ends the turn with a summary that names the session's turn number;
 *   <li>{@code question}: ends the turn with a question;
 *   <li>{@code crash}: streams one chunk, then exits 1 while {@code session/prompt} is still unanswered;
 *   <li>{@code hang}: streams one chunk and waits; answers {@code stopReason: cancelled} on {@code session/cancel};
 *   <li>{@code leak}: says the {@code ANTHROPIC_API_KEY} it was given.
 * </ul>
 *
 * With {@code FAKE_ACP_AUTH} set it lists that id among its auth methods and refuses {@code session/new} until the
 * client called {@code authenticate} with it.
 *
 * Every message it receives is appended to {@code FAKE_ACP_LOG} when that names a file.
 */
public final class FakeAcpAgent {
    private final ObjectMapper mapper = new ObjectMapper();
    private final PrintStream out;
    private final String scenario;
    private final Path log;
    private final Path sessions;
    private final AtomicLong ids = new AtomicLong(1000);
    private final Map<Long, CompletableFuture<JsonNode>> answers = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> cancelled = new CompletableFuture<>();
    private final String requiredAuth = System.getenv("FAKE_ACP_AUTH");
    private volatile boolean authenticated;

    private FakeAcpAgent(PrintStream out) {
        this.out = out;
        this.scenario = System.getenv().getOrDefault("FAKE_ACP_SCENARIO", "plan");
        String logFile = System.getenv("FAKE_ACP_LOG");
        this.log = logFile == null || logFile.isBlank() ? null : Path.of(logFile);
        this.sessions = Path.of(System.getenv().getOrDefault("HOME", "/tmp"), ".claude", "fake-acp");
    }

    public static void main(String[] args) throws Exception {
        PrintStream stdout = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, "UTF-8");
        new FakeAcpAgent(stdout).serve();
    }

    private void serve() throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            record(line);
            JsonNode message = mapper.readTree(line);
            if (message.has("method")) {
                String method = message.get("method").asText();
                JsonNode id = message.get("id");
                JsonNode params = message.path("params");
                if (id == null) {
                    if (method.equals("session/cancel")) {
                        cancelled.complete(null);
                    }
                } else {
                    // prompts run on their own thread: the agent must keep reading (permission answers, cancel)
                    Thread worker = new Thread(() -> handle(id, method, params), "fake-acp-" + method);
                    worker.start();
                }
            } else if (message.has("id")) {
                CompletableFuture<JsonNode> waiting =
                        answers.remove(message.get("id").asLong());
                if (waiting != null) {
                    waiting.complete(message.has("error") ? null : message.path("result"));
                }
            }
        }
        System.exit(0);
    }

    private void handle(JsonNode id, String method, JsonNode params) {
        try {
            switch (method) {
                case "initialize" ->
                    reply(
                            id,
                            Map.of(
                                    "protocolVersion",
                                    1,
                                    "agentCapabilities",
                                    Map.of("loadSession", true),
                                    "authMethods",
                                    requiredAuth == null
                                            ? List.of()
                                            : List.of(
                                                    Map.of("id", "oauth-personal", "name", "Log in"),
                                                    Map.of("id", requiredAuth, "name", "API key"))));
                case "authenticate" -> {
                    authenticated = params.path("methodId").asText().equals(requiredAuth);
                    reply(id, Map.of());
                }
                case "session/new" -> {
                    if (requiredAuth != null && !authenticated) {
                        error(id, -32000, "Authentication required");
                        return;
                    }
                    String session = "fake-" + UUID.randomUUID();
                    Files.createDirectories(sessions);
                    Files.writeString(sessions.resolve(session), "0");
                    reply(id, Map.of("sessionId", session));
                }
                case "session/load" -> {
                    String session = params.path("sessionId").asText();
                    if (Files.isRegularFile(sessions.resolve(session))) {
                        reply(id, Map.of());
                    } else {
                        error(id, -32002, "Resource not found: session " + session);
                    }
                }
                case "session/prompt" -> prompt(id, params.path("sessionId").asText());
                default -> error(id, -32601, "Method not found: " + method);
            }
        } catch (Exception e) {
            error(id, -32603, e.toString());
        }
    }

    private void prompt(JsonNode id, String session) throws Exception {
        int turn = Integer.parseInt(Files.readString(sessions.resolve(session)).trim()) + 1;
        Files.writeString(sessions.resolve(session), Integer.toString(turn));
        switch (scenario) {
            case "question" -> {
                chunk(session, "I read the ticket. ");
                chunk(session, "Should the greeting be formal?");
                reply(id, Map.of("stopReason", "end_turn"));
            }
            case "crash" -> {
                chunk(session, "Starting on it");
                System.err.println("fatal: lost the connection to the model");
                System.err.flush();
                Runtime.getRuntime().halt(1);
            }
            case "hang" -> {
                chunk(session, "Thinking very hard");
                cancelled.get(5, TimeUnit.MINUTES);
                reply(id, Map.of("stopReason", "cancelled"));
            }
            case "leak" -> {
                chunk(session, "my key is " + System.getenv("ANTHROPIC_API_KEY"));
                reply(id, Map.of("stopReason", "end_turn"));
            }
            default -> plan(id, session, turn);
        }
    }

    private void plan(JsonNode id, String session, int turn) throws Exception {
        chunk(session, "I will write the plan.");
        // a client that offers no file system must say so, and the agent carries on with its own tools
        JsonNode read = ask("fs/read_text_file", Map.of("sessionId", session, "path", "README.md"))
                .get(1, TimeUnit.MINUTES);
        if (read != null && !read.isMissingNode()) {
            throw new IllegalStateException("the client read a file although it offered no file system");
        }
        update(session, Map.of("sessionUpdate", "agent_thought_chunk", "content", text("The ticket is small.")));
        update(
                session,
                Map.of(
                        "sessionUpdate", "tool_call",
                        "toolCallId", "call-1",
                        "title", "Write PLAN.md",
                        "kind", "edit",
                        "status", "pending",
                        "rawInput", Map.of("path", "PLAN.md")));
        JsonNode answer = ask(
                        "session/request_permission",
                        Map.of(
                                "sessionId",
                                session,
                                "toolCall",
                                Map.of("toolCallId", "call-1", "title", "Write PLAN.md"),
                                "options",
                                List.of(
                                        Map.of("optionId", "allow", "name", "Allow", "kind", "allow_once"),
                                        Map.of("optionId", "reject", "name", "Reject", "kind", "reject_once"))))
                .get(5, TimeUnit.MINUTES);
        JsonNode outcome = answer.path("outcome");
        boolean allowed = outcome.path("outcome").asText().equals("selected")
                && outcome.path("optionId").asText().equals("allow");
        if (allowed) {
            Files.writeString(Path.of("PLAN.md").toAbsolutePath(), "# Plan\n\n1. Add a greeting\n");
            update(
                    session,
                    Map.of(
                            "sessionUpdate", "tool_call_update",
                            "toolCallId", "call-1",
                            "status", "completed",
                            "rawOutput", "wrote PLAN.md"));
            update(
                    session,
                    Map.of(
                            "sessionUpdate",
                            "plan",
                            "entries",
                            List.of(Map.of("content", "Add a greeting", "priority", "high", "status", "pending"))));
            chunk(session, "The plan is in PLAN.md (turn " + turn + ").");
        } else {
            update(
                    session,
                    Map.of(
                            "sessionUpdate", "tool_call_update",
                            "toolCallId", "call-1",
                            "status", "failed",
                            "content",
                                    List.of(Map.of(
                                            "type",
                                            "content",
                                            "content",
                                            text("not allowed: "
                                                    + outcome.path("outcome").asText())))));
            chunk(
                    session,
                    "I was not allowed to write the plan ("
                            + outcome.path("outcome").asText() + ").");
        }
        reply(id, Map.of("stopReason", "end_turn"));
    }

    private static Map<String, Object> text(String text) {
        return Map.of("type", "text", "text", text);
    }

    private void chunk(String session, String text) throws IOException {
        update(session, Map.of("sessionUpdate", "agent_message_chunk", "content", text(text)));
    }

    private void update(String session, Map<String, Object> update) throws IOException {
        send(Map.of(
                "jsonrpc",
                "2.0",
                "method",
                "session/update",
                "params",
                Map.of("sessionId", session, "update", update)));
    }

    private CompletableFuture<JsonNode> ask(String method, Object params) throws IOException {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        answers.put(id, answer);
        send(Map.of("jsonrpc", "2.0", "id", id, "method", method, "params", params));
        return answer;
    }

    private void reply(JsonNode id, Object result) throws IOException {
        ObjectNode message = mapper.createObjectNode();
        message.put("jsonrpc", "2.0");
        message.set("id", id);
        message.set("result", mapper.valueToTree(result));
        send(message);
    }

    private void error(JsonNode id, int code, String text) {
        ObjectNode message = mapper.createObjectNode();
        message.put("jsonrpc", "2.0");
        message.set("id", id);
        message.set("error", mapper.valueToTree(Map.of("code", code, "message", text)));
        try {
            send(message);
        } catch (IOException e) {
            // the client is gone
        }
    }

    private synchronized void send(Object message) throws IOException {
        out.println(mapper.writeValueAsString(message));
        out.flush();
    }

    private synchronized void record(String line) throws IOException {
        if (log != null) {
            Files.writeString(log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }
}
