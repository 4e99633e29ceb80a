package io.viberglass.viberator.agent;

import io.viberglass.common.job.AgentType;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The harnesses this worker knows, by agent type. */
public final class HarnessRegistry {
    private final Map<AgentType, AgentHarness> harnesses = new EnumMap<>(AgentType.class);

    public HarnessRegistry(Collection<? extends AgentHarness> all) {
        for (AgentHarness harness : all) {
            if (harnesses.putIfAbsent(harness.type(), harness) != null) {
                throw new IllegalArgumentException(
                        "Two harnesses for " + harness.type().wire());
            }
        }
    }

    /** Every built-in harness. */
    public static HarnessRegistry builtIn() {
        return new HarnessRegistry(List.of(
                new ClaudeCodeHarness(),
                new CodexHarness(),
                new GeminiCliHarness(),
                new QwenCodeHarness(),
                new OpenCodeHarness(),
                new KimiCodeHarness(),
                new MistralVibeHarness()));
    }

    public Optional<AgentHarness> find(AgentType type) {
        return Optional.ofNullable(harnesses.get(type));
    }

    public List<AgentHarness> all() {
        return List.copyOf(harnesses.values());
    }
}
