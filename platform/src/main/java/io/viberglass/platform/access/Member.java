package io.viberglass.platform.access;

import java.time.Instant;
import java.util.UUID;

/** A user's membership of a project, with the user's name and email for display. */
public record Member(
        UUID projectId,
        UUID userId,
        String email,
        String name,
        ProjectRole role,
        Instant createdAt,
        Instant updatedAt) {}
