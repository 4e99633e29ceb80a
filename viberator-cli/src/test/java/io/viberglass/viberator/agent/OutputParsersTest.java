package io.viberglass.viberator.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.viberglass.common.job.TokenUsage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each harness's parser on a recorded sample of its CLI's output. */
class OutputParsersTest {

    static List<AgentEvent> parse(AgentHarness harness, String sample) {
        OutputParser parser = harness.newParser();
        List<AgentEvent> events = new ArrayList<>();
        for (String line : read(sample).split("\n", -1)) {
            events.addAll(parser.onLine(line));
        }
        events.addAll(parser.finish());
        return events;
    }

    static String read(String sample) {
        try (InputStream in = OutputParsersTest.class.getClassLoader().getResourceAsStream("samples/" + sample)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void claudeCodeStreamJson() {
        assertThat(parse(new ClaudeCodeHarness(), "claude-code.jsonl"))
                .containsExactly(
                        new AgentEvent.Notice("session started with model claude-sonnet-4-5"),
                        new AgentEvent.AssistantText("I'll create HELLO.md."),
                        new AgentEvent.ToolUse("toolu_1", "Write", "/w/repo/HELLO.md"),
                        new AgentEvent.ToolResult("toolu_1", "File created successfully at: /w/repo/HELLO.md", false),
                        new AgentEvent.AssistantText("Done."),
                        new AgentEvent.Usage(new TokenUsage(124, 16, 100, new BigDecimal("0.00052"))),
                        new AgentEvent.Verdict(false, "Done.", List.of()));
    }

    @Test
    void claudeCodeApiErrorIsAnErrorVerdictDespiteSubtypeSuccess() {
        List<AgentEvent> events = parse(new ClaudeCodeHarness(), "claude-code-api-error.jsonl");

        assertThat(events)
                .contains(new AgentEvent.AgentError("API request failed, retrying (attempt 1): overloaded_error"));
        assertThat(events)
                .last()
                .isEqualTo(new AgentEvent.Verdict(true, "API error 529: API Error: 529 Overloaded", List.of()));
    }

    @Test
    void claudeCodePermissionDenialsAreReported() {
        List<AgentEvent> events = new ClaudeCodeHarness()
                .newParser()
                .onLine(
                        "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"result\":\"Done.\","
                                + "\"permission_denials\":[{\"tool_name\":\"Write\",\"tool_use_id\":\"t\",\"tool_input\":{}}]}");

        assertThat(events).contains(new AgentEvent.Verdict(false, "Done.", List.of("Write")));
    }

    @Test
    void codexJsonEvents() {
        assertThat(parse(new CodexHarness(), "codex.jsonl"))
                .containsExactly(
                        new AgentEvent.ToolUse("item_0", "file_change", "add /w/repo/HELLO.md"),
                        new AgentEvent.ToolResult("item_0", "add /w/repo/HELLO.md", false),
                        new AgentEvent.ToolUse("item_1", "command", "bash -lc 'npm test'"),
                        new AgentEvent.ToolResult("item_1", "1 failing", true),
                        new AgentEvent.AssistantText("Done."),
                        new AgentEvent.Usage(new TokenUsage(24, 16, 0, null)),
                        new AgentEvent.Verdict(false, "turn completed", List.of()));
    }

    @Test
    void codexTurnFailedIsAnErrorVerdict() {
        String message = "stream disconnected before completion: 401 Unauthorized";
        assertThat(parse(new CodexHarness(), "codex-failed.jsonl"))
                .containsExactly(new AgentEvent.AgentError(message), new AgentEvent.Verdict(true, message, List.of()));
    }

    @Test
    void geminiSingleDocumentAfterABanner() {
        assertThat(parse(new GeminiCliHarness(), "gemini-cli.json"))
                .containsExactly(
                        new AgentEvent.Notice("Loaded cached credentials."),
                        new AgentEvent.AssistantText("I added HELLO.md with a greeting."),
                        new AgentEvent.Usage(new TokenUsage(8223, 397, 4000, null)),
                        new AgentEvent.Verdict(false, "I added HELLO.md with a greeting.", List.of()));
    }

    @Test
    void geminiErrorDocument() {
        assertThat(parse(new GeminiCliHarness(), "gemini-cli-error.json"))
                .containsExactly(
                        new AgentEvent.Verdict(true, "API key not valid. Please pass a valid API key.", List.of()));
    }

    @Test
    void qwenCodeStreamJson() {
        assertThat(parse(new QwenCodeHarness(), "qwen-code.jsonl"))
                .containsExactly(
                        new AgentEvent.Notice("session started with model qwen3-coder-plus"),
                        new AgentEvent.AssistantText("Creating the file."),
                        new AgentEvent.ToolUse("call_1", "write_file", "/w/repo/HELLO.md"),
                        new AgentEvent.ToolResult(
                                "call_1", "Successfully created and wrote to new file: /w/repo/HELLO.md.", false),
                        new AgentEvent.Usage(new TokenUsage(1400, 60, 200, null)),
                        new AgentEvent.Verdict(false, "Created HELLO.md.", List.of()));
    }

    @Test
    void openCodeJsonEvents() {
        assertThat(parse(new OpenCodeHarness(), "opencode.jsonl"))
                .containsExactly(
                        new AgentEvent.AssistantText("I'll add the greeting."),
                        new AgentEvent.ToolUse("call_1", "write", "/w/repo/HELLO.md"),
                        new AgentEvent.ToolResult("call_1", "", false),
                        new AgentEvent.ToolUse("call_2", "bash", "npm test"),
                        new AgentEvent.ToolResult("call_2", "npm: command not found", true),
                        new AgentEvent.Usage(new TokenUsage(1200, 100, 300, new BigDecimal("0.0123"))));
    }

    @Test
    void openCodeErrorEventIsAnErrorVerdict() {
        assertThat(parse(new OpenCodeHarness(), "opencode-error.jsonl"))
                .containsExactly(
                        new AgentEvent.AgentError("Invalid API key"),
                        new AgentEvent.Verdict(true, "Invalid API key", List.of()));
    }

    @Test
    void kimiChatMessages() {
        assertThat(parse(new KimiCodeHarness(), "kimi-code.jsonl"))
                .containsExactly(
                        new AgentEvent.AssistantText("I will write HELLO.md."),
                        new AgentEvent.ToolUse("tc_1", "WriteFile", "/w/repo/HELLO.md"),
                        new AgentEvent.ToolResult("tc_1", "File successfully overwritten.", false),
                        new AgentEvent.AssistantText("Done."));
    }

    @Test
    void mistralVibePrettyPrintedMessagesWithBracesInsideStrings() {
        assertThat(parse(new MistralVibeHarness(), "mistral-vibe.json"))
                .containsExactly(
                        new AgentEvent.AssistantText("Let me {create} the file."),
                        new AgentEvent.ToolUse("call_a", "write_file", "HELLO.md"),
                        new AgentEvent.ToolResult("call_a", "Wrote 13 bytes to HELLO.md", false),
                        new AgentEvent.AssistantText("Done."));
    }

    @Test
    void linesThatAreNotJsonBecomeNoticesInsteadOfBeingLost() {
        for (AgentHarness harness : HarnessRegistry.builtIn().all()) {
            OutputParser parser = harness.newParser();
            List<AgentEvent> events = new ArrayList<>(parser.onLine("npm WARN deprecated glob@7"));
            events.addAll(parser.finish());
            assertThat(events)
                    .as(harness.type().wire())
                    .containsExactly(new AgentEvent.Notice("npm WARN deprecated glob@7"));
        }
    }
}
