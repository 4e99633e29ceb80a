package io.viberglass.platform.mcp;

import io.viberglass.platform.auth.Actor;

/** One MCP tool: its name, what it does, its input JSON schema, and the call (answering any JSON-able value). */
public record McpTool(String name, String description, String inputSchema, boolean readOnly, Handler handler) {
    @FunctionalInterface
    interface Handler {
        Object call(Actor actor, McpArguments arguments);
    }
}
