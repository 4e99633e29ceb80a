package io.viberglass.viberator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.viberglass.common.job.LogLevel;
import io.viberglass.common.security.SecretRedactor;
import io.viberglass.common.session.SessionEvent;
import io.viberglass.common.session.SessionEventType;
import io.viberglass.common.session.SessionTurn;
import io.viberglass.viberator.acp.AcpClient;
import io.viberglass.viberator.acp.AcpException;
import io.viberglass.viberator.acp.SessionUpdateMapper;
import io.viberglass.viberator.agent.AgentCommand;
import io.viberglass.viberator.agent.AgentHarness;
import io.viberglass.viberator.agent.AgentRequest;
import io.viberglass.viberator.process.Cancellation;
import io.viberglass.viberator.process.ProcessRunner;
import io.viberglass.viberator.report.JobReporter;
import io.viberglass.viberator.session.SessionChannel;
import io.viberglass.viberator.session.SessionEventForwarder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one turn of an interactive session over ACP: starts the harness's ACP server, initializes it, resumes the
 * agent's session ({@code session/load}) or opens one, sends the prompt, streams the agent's updates to the platform as
 * session events, and puts its permission requests to the people in the session. The turn ends when the agent answers
 * the prompt, dies, runs out of time, or is cancelled; the process is stopped in every case.
 */
final class AcpTurnRunner {
    /** How long the agent gets to wind down after {@code session/cancel} before it is killed. */
    static final Duration CANCEL_GRACE = Duration.ofSeconds(5);

    private static final int STDERR_TAIL = 5;
    private static final Duration STDERR_GRACE = Duration.ofSeconds(1);

    private final Clock clock;
    private final ObjectMapper mapper;
    private final Duration grace;
    private final Duration flushDelay;

    /**
     * @param grace time between SIGTERM and SIGKILL when the agent is stopped
     * @param flushDelay longest time a session event waits before it is sent
     */
    AcpTurnRunner(Clock clock, ObjectMapper mapper, Duration grace, Duration flushDelay) {
        this.clock = clock;
        this.mapper = mapper;
        this.grace = grace;
        this.flushDelay = flushDelay;
    }

    /** How the turn ended. */
    enum Ending {
        /** The agent answered the prompt; {@link Turn#stopReason()} says why it stopped. */
        ANSWERED,
        CANCELLED,
        TIMED_OUT,
        /** The agent died, refused to start a session, or broke the protocol; {@link Turn#error()} says how. */
        FAILED
    }

    /**
     * @param stopReason ACP's {@code stopReason} when the agent answered ({@code end_turn}, {@code max_tokens} …)
     * @param acpSessionId the agent's session id, when a session was opened or loaded
     * @param needsInput whether the turn ended with a question for the people in the session
     */
    record Turn(
            Ending ending,
            String stopReason,
            String acpSessionId,
            String lastMessage,
            boolean needsInput,
            String error) {}

    Turn run(
            AgentHarness harness,
            Path executable,
            AgentRequest request,
            SessionTurn session,
            Map<String, String> agentCredentials,
            RunContext context,
            JobReporter reporter,
            SessionChannel channel,
            SecretRedactor redactor,
            Duration timeout)
            throws IOException {
        AgentCommand command = harness.acpCommand(request, executable);
        for (Map.Entry<Path, String> file : command.files().entrySet()) {
            Files.createDirectories(file.getKey().getParent());
            Files.writeString(file.getKey(), file.getValue());
        }
        Files.createDirectories(request.homeDir().resolve("tmp"));
        ProcessBuilder builder = new ProcessBuilder(command.argv())
                .directory(command.workingDirectory().toFile());
        builder.environment().clear();
        builder.environment().putAll(AgentExecution.environment(command, request, agentCredentials, context));
        Process process = builder.start();

        String source = "agent:" + harness.type().wire();
        Deque<String> stderrTail = new ArrayDeque<>();
        SessionUpdateMapper updates = new SessionUpdateMapper(mapper);
        PermissionBroker permissions = new PermissionBroker(
                channel, context.cancellation(), reporter, session.permissionTimeoutSeconds(), redactor);
        Instant deadline = clock.instant().plus(timeout);
        try (SessionEventForwarder events = new SessionEventForwarder(channel, redactor, flushDelay);
                AcpClient client = new AcpClient(
                        process, mapper, new Handler(updates, events, permissions, reporter, source), line -> {
                            synchronized (stderrTail) {
                                stderrTail.addLast(line);
                                while (stderrTail.size() > STDERR_TAIL) {
                                    stderrTail.removeFirst();
                                }
                            }
                            reporter.log(LogLevel.WARN, source + ":stderr", line);
                        })) {
            Turn turn = converse(
                    client,
                    request,
                    session,
                    harness.acp().orElseThrow().authMethod(),
                    context.cancellation(),
                    deadline,
                    updates,
                    reporter);
            if (turn.ending() == Ending.FAILED) {
                // a dying agent's last words on stderr say why; give the reader a moment to catch them
                awaitQuietly(client.stderrClosed(), STDERR_GRACE);
                String tail;
                synchronized (stderrTail) {
                    tail = String.join("\n", stderrTail);
                }
                String error = harness.type().displayName() + " (ACP): " + turn.error()
                        + (tail.isBlank() ? "" : "\nLast stderr lines:\n" + tail);
                turn = new Turn(turn.ending(), null, turn.acpSessionId(), turn.lastMessage(), false, error);
            }
            if (turn.needsInput()) {
                events.add(new SessionEvent(SessionEventType.NEEDS_INPUT, Map.of("prompt", turn.lastMessage())));
            }
            events.flush();
            return turn;
        } finally {
            if (process.isAlive()) {
                ProcessRunner.stopTree(process.toHandle(), grace);
            }
        }
    }

    private Turn converse(
            AcpClient client,
            AgentRequest request,
            SessionTurn session,
            String authMethod,
            Cancellation cancellation,
            Instant deadline,
            SessionUpdateMapper updates,
            JobReporter reporter) {
        String sessionId = null;
        try {
            JsonNode init = await(client.request("initialize", initializeParams()), cancellation, deadline);
            boolean canLoad = init.path("agentCapabilities").path("loadSession").asBoolean(false);
            if (authMethod != null && offers(init, authMethod)) {
                // the key is in the agent's environment already; this only tells the agent to use it
                await(client.request("authenticate", Map.of("methodId", authMethod)), cancellation, deadline);
            }
            sessionId = openSession(client, request, session, canLoad, cancellation, deadline, reporter);
            Map<String, Object> prompt = new LinkedHashMap<>();
            prompt.put("sessionId", sessionId);
            prompt.put("prompt", List.of(Map.of("type", "text", "text", request.prompt())));
            JsonNode answer = await(client.request("session/prompt", prompt), cancellation, deadline);
            String stopReason = answer.path("stopReason").asText("end_turn");
            String last = updates.lastAssistantMessage().strip();
            if (stopReason.equals("cancelled")) {
                return new Turn(Ending.CANCELLED, stopReason, sessionId, last, false, null);
            }
            boolean question = stopReason.equals("end_turn") && last.endsWith("?");
            return new Turn(Ending.ANSWERED, stopReason, sessionId, last, question, null);
        } catch (Interrupted e) {
            return stop(client, sessionId, e.ending, e.call, updates);
        } catch (AcpException e) {
            return new Turn(Ending.FAILED, null, sessionId, updates.lastAssistantMessage(), false, e.getMessage());
        }
    }

    private String openSession(
            AcpClient client,
            AgentRequest request,
            SessionTurn session,
            boolean canLoad,
            Cancellation cancellation,
            Instant deadline,
            JobReporter reporter)
            throws AcpException, Interrupted {
        String cwd = request.repoDir().toAbsolutePath().toString();
        if (session.acpSessionId() != null && !session.acpSessionId().isBlank()) {
            if (canLoad) {
                try {
                    await(
                            client.request(
                                    "session/load",
                                    Map.of("sessionId", session.acpSessionId(), "cwd", cwd, "mcpServers", List.of())),
                            cancellation,
                            deadline);
                    reporter.log(LogLevel.INFO, "viberator", "Resumed agent session " + session.acpSessionId());
                    return session.acpSessionId();
                } catch (AcpException.RemoteError e) {
                    reporter.log(
                            LogLevel.WARN,
                            "viberator",
                            "The agent could not load session " + session.acpSessionId() + " (" + e.getMessage()
                                    + "); starting a new one");
                }
            } else {
                reporter.log(
                        LogLevel.WARN,
                        "viberator",
                        "The agent cannot load earlier sessions; starting a new one for this turn");
            }
        }
        JsonNode created = await(
                client.request("session/new", Map.of("cwd", cwd, "mcpServers", List.of())), cancellation, deadline);
        String id = created.path("sessionId").asText("");
        if (id.isBlank()) {
            throw new AcpException("session/new answered without a sessionId");
        }
        return id;
    }

    /**
     * Tells the agent to stop, gives it {@link #CANCEL_GRACE} to answer the call it was working on (ACP agents answer
     * a cancelled prompt with {@code stopReason: cancelled}), then lets the caller kill it.
     */
    private Turn stop(
            AcpClient client,
            String sessionId,
            Ending ending,
            CompletableFuture<JsonNode> call,
            SessionUpdateMapper updates) {
        if (sessionId != null) {
            client.notify("session/cancel", Map.of("sessionId", sessionId));
            try {
                CompletableFuture.anyOf(call, client.exited()).get(CANCEL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // still running: stopped by the caller
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String error = ending == Ending.TIMED_OUT ? "the turn ran out of time" : null;
        return new Turn(ending, null, sessionId, updates.lastAssistantMessage().strip(), false, error);
    }

    private static void awaitQuietly(CompletableFuture<?> future, Duration limit) {
        try {
            future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // go on without it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean offers(JsonNode init, String authMethod) {
        for (JsonNode method : init.path("authMethods")) {
            if (authMethod.equals(method.path("id").asText())) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Object> initializeParams() {
        return Map.of(
                "protocolVersion",
                1,
                "clientCapabilities",
                Map.of("fs", Map.of("readTextFile", false, "writeTextFile", false), "terminal", false));
    }

    /** The turn must stop: cancelled or out of time. */
    private static final class Interrupted extends Exception {
        final Ending ending;
        final transient CompletableFuture<JsonNode> call;

        Interrupted(Ending ending, CompletableFuture<JsonNode> call) {
            super(null, null, false, false);
            this.ending = ending;
            this.call = call;
        }
    }

    /** Waits for an answer, the turn's deadline or cancellation, whichever comes first. */
    private JsonNode await(CompletableFuture<JsonNode> call, Cancellation cancellation, Instant deadline)
            throws AcpException, Interrupted {
        CompletableFuture<Object> first = CompletableFuture.anyOf(call, cancellation.whenCancelled());
        long millis = Duration.between(clock.instant(), deadline).toMillis();
        try {
            if (millis <= 0) {
                throw new Interrupted(Ending.TIMED_OUT, call);
            }
            first.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new Interrupted(Ending.TIMED_OUT, call);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Interrupted(Ending.CANCELLED, call);
        } catch (ExecutionException e) {
            // the call failed: reported below
        }
        if (!call.isDone()) {
            throw new Interrupted(Ending.CANCELLED, call);
        }
        try {
            return call.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AcpException acp) {
                throw acp;
            }
            throw new AcpException("the agent exchange failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Interrupted(Ending.CANCELLED, call);
        }
    }

    /** Routes the agent's notifications and requests. */
    private record Handler(
            SessionUpdateMapper updates,
            SessionEventForwarder events,
            PermissionBroker permissions,
            JobReporter reporter,
            String source)
            implements AcpClient.Handler {

        @Override
        public void onNotification(String method, JsonNode params) {
            if (!method.equals("session/update")) {
                return;
            }
            updates.map(params.path("update")).ifPresent(event -> {
                events.add(event);
                if (event.type() != SessionEventType.ASSISTANT_MESSAGE && event.type() != SessionEventType.REASONING) {
                    reporter.log(LogLevel.INFO, source + ":acp", describe(event));
                }
            });
        }

        @Override
        public Object onRequest(String method, JsonNode params) throws AcpException.RemoteError {
            if (method.equals("session/request_permission")) {
                // what led up to the request reaches the timeline before the request itself does
                events.flush();
                return permissions.decide(params);
            }
            // we advertised no file system and no terminal: the agent must not ask for them
            throw new AcpException.RemoteError(-32601, "Method not found: " + method);
        }

        private static String describe(SessionEvent event) {
            Object name =
                    event.payload().getOrDefault("toolName", event.payload().getOrDefault("text", ""));
            return event.type().wire() + ": " + name;
        }
    }
}
