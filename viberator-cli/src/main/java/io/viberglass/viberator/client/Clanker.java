package io.viberglass.viberator.client;

import java.util.UUID;

/** An agent runner configuration: which agent, where it runs, whether it is started. */
public record Clanker(UUID id, String name, String slug, String agent, String deploymentStrategy, String status) {
    public boolean isActive() {
        return "active".equals(status);
    }

    /** Whether {@code ref} names this clanker by id, slug or name (case-insensitive). */
    public boolean matches(String ref) {
        return id.toString().equalsIgnoreCase(ref) || ref.equalsIgnoreCase(slug) || ref.equalsIgnoreCase(name);
    }
}
