package io.viberglass.platform.projects;

import java.util.UUID;

/** What deleting a project would remove, so the dashboard can ask for confirmation with real numbers. */
public record DeletionSummary(UUID projectId, String name, long tickets, long media) {}
