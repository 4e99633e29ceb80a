package io.viberglass.common.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The coding agents a worker can run. The wire id is also the harness name on the {@code viberator} command line. */
public enum AgentType implements WireEnum {
    CLAUDE_CODE("claude-code", "Claude Code"),
    CODEX("codex", "Codex"),
    GEMINI_CLI("gemini-cli", "Gemini CLI"),
    QWEN_CODE("qwen-code", "Qwen Code"),
    OPENCODE("opencode", "OpenCode"),
    KIMI_CODE("kimi-code", "Kimi Code"),
    MISTRAL_VIBE("mistral-vibe", "Mistral Vibe");

    private final String wire;
    private final String displayName;

    AgentType(String wire, String displayName) {
        this.wire = wire;
        this.displayName = displayName;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    public String displayName() {
        return displayName;
    }

    /** Accepts the upstream id {@code qwen-cli} as well, so migrated clankers keep working. */
    @JsonCreator
    public static AgentType fromWire(String value) {
        if ("qwen-cli".equalsIgnoreCase(value == null ? null : value.trim())) {
            return QWEN_CODE;
        }
        return WireEnum.parse(AgentType.class, value);
    }
}
