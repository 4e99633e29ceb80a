package io.viberglass.platform.claws;

import io.viberglass.common.job.InstructionFile;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.json.Json;

/** A reusable scheduled task: what to ask the agent (TASK.md), on which clanker, for which project. */
public record ClawTemplate(
        UUID id,
        UUID projectId,
        String name,
        String description,
        UUID clankerId,
        String taskInstructions,
        @Json List<InstructionFile> instructionFiles,
        Instant createdAt,
        Instant updatedAt) {}
