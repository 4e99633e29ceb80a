package io.viberglass.viberator.client;

import java.time.Instant;
import java.util.UUID;

/** A project as the client shows it ({@code projects list --json}). */
public record Project(UUID id, String name, String slug, String description, boolean archived, Instant createdAt) {}
